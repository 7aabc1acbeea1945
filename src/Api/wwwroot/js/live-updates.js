// Owns what the live stream means for the board: which stream to subscribe to (from the filters and
// repositories, re-subscribing when they change), the connection indicator, applying each event to
// the store, and telling screen-reader users what changed. The connection itself is live.js.
import * as api from './api.js';
import { getToken } from './auth.js';
import { store, UNASSIGNED } from './store.js';
import { LiveFeed } from './live.js';
import { reloadTasks, loadTaskDetailsSoon, dependenciesMayHaveChanged } from './tasks.js';
import { loadDirectory } from './directory.js';
import { flashCard, focusBoard } from './board.js';
import { toast, announce } from './feedback.js';
import { $, statusLabel, classifyActor, debounce } from './util.js';

const CONNECTION = {
  live: { text: 'Live', title: 'Receiving live updates' },
  reconnecting: { text: 'Reconnecting…', title: 'Connection lost; reconnecting' },
  offline: { text: 'Offline', title: 'Not connected; changes by others will not appear until the connection is back' },
};

let feedUrl = null; // the stream URL the feed last opened
const feed = new LiveFeed(() => (feedUrl = streamUrl()), { onEvent, onState, onClosed });

export function initLiveUpdates() {
  // The stream is per assignee and repositories: follow the filters and the repository list.
  // (restart does nothing while the feed is stopped.)
  store.subscribe(['filters', 'directory'], () => { if (streamUrl() !== feedUrl) feed.restart(); });
}

export const startLiveUpdates = () => feed.start();
export const stopLiveUpdates = () => feed.stop();

/**
 * The server sends events for one user (the filtered assignee, or me) and a list of repositories.
 * Unassigned tasks reach nobody's user stream: their repositories' streams carry them.
 */
function streamUrl() {
  const token = getToken();
  if (!token) return null;
  const { assignee, repository } = store.filters;
  return api.taskStreamUrl({
    token,
    userId: assignee && assignee !== 'me' && assignee !== UNASSIGNED ? assignee : 'me',
    repositories: repository ? [repository] : store.repositories,
  });
}

function onState(state) {
  const conn = $('#conn');
  conn.dataset.state = state;
  $('.conn-text', conn).textContent = CONNECTION[state].text;
  conn.title = CONNECTION[state].title;
  // Live without a position to resume from (first connect, or no event seen yet): the server only
  // promises what follows the subscription, so fetch the list again to cover the gap before it.
  if (state === 'live' && !feed.lastEventId) reloadTasks();
}

/** The browser gave up on the stream. EventSource hides the status code: ask the API whether the token still works (a 401 signs out). */
async function onClosed() {
  try { await api.listRepositories(); } catch (e) { if (e.status === 401) return false; }
  return !!getToken();
}

function onEvent(ev) {
  const type = ev?.type;
  if (!type || type === 'heartbeat') return;
  if (type === 'resync') {
    toast('Refreshing the board after missing some updates.');
    loadDirectory();
    reloadTasks();
    return;
  }
  const task = ev.task ?? ev.task_data ?? null;
  const id = ev.task_id ?? task?.id;
  if (!id) return;
  noteDependencies(type, id, task);
  if (type === 'task_deleted') return onDeleted(id, task?.version);
  if (task?.id) onChanged(type, task);
}

/**
 * What an event means for the dependencies on the cards. The two sure cases apply at once; any change
 * may also have added or removed a link, renamed a task or finished a blocker on a stream we do not
 * follow, so the list is reloaded once a burst of events settles.
 */
function noteDependencies(type, id, task) {
  if (type === 'task_commented') return;
  if (type === 'task_unblocked') store.taskUnblocked(id);
  if (type === 'task_deleted' || task?.status === 'completed' || task?.status === 'cancelled') store.blockerFinished(id);
  dependenciesMayHaveChanged();
}

function onDeleted(id, version) {
  const had = store.task(id);
  store.removeTask(id, version);
  if (store.openId === id) {
    store.closeTask();
    toast(`“${had?.title ?? 'The open task'}” was deleted.`, 'warn');
    focusBoard();
  }
  if (had) tell(`“${had.title}” was deleted.`);
}

function onChanged(type, task) {
  // Comments travel with the event but are the panel's business (it reloads them), not the task's.
  const { comment, comments, ...clean } = task;
  const id = clean.id;
  const existing = store.task(id);
  if (!store.matchesFilters(clean)) {
    // It no longer belongs on this board (e.g. re-assigned away).
    if (store.forgetTask(id, clean.version) && store.openId === id) store.closeTask();
    return;
  }
  const outcome = store.upsertTask(clean);
  if (outcome === 'stale' || outcome === 'ignored') {
    if (type === 'task_commented') loadTaskDetailsSoon(id);
    return;
  }
  flashCard(id);
  loadTaskDetailsSoon(id);
  tell(describe(type, outcome, existing, clean));
}

function describe(type, outcome, before, t) {
  const who = classifyActor(t.updated_by ?? t.created_by);
  const by = who.kind === 'unknown' ? '' : ` by ${who.kind === 'agent' ? 'agent ' : ''}${who.label}`;
  if (outcome === 'added') return `New task “${t.title}” in ${statusLabel(t.status)}${by}.`;
  if (type === 'task_commented') return `New comment on “${t.title}”.`;
  if (type === 'task_unblocked') return `“${t.title}” is no longer blocked and can start.`;
  // A claim and a lease's end also move the card; who holds it says more than the new column.
  if (t.lease_holder && t.lease_holder !== before?.lease_holder) return `“${t.title}” was claimed by ${t.lease_holder}.`;
  if (before?.lease_holder && !t.lease_holder && !t.assignee) return `“${t.title}” is back in the pool, ready to claim.`;
  if (before && before.status !== t.status) return `“${t.title}” moved to ${statusLabel(t.status)}${by}.`;
  return `“${t.title}” was updated${by}.`;
}

// Bursts of events (an agent working through a list) become one announcement, not a queue of them.
const pending = [];
const flush = debounce(() => {
  if (!pending.length) return;
  announce(pending.length <= 2 ? pending.join(' ') : `${pending.length} tasks were updated.`);
  pending.length = 0;
}, 800);

function tell(msg) {
  pending.push(msg);
  flush();
}
