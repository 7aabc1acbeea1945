// Owns the task use cases that talk to the server and put the answer in the store: loading the
// board and the dependencies between its tasks, moving a card (optimistically), refetching after a
// conflict, deleting, and loading the open task's comments and history. Views call these; they never hold tasks themselves.
import * as api from './api.js';
import { store } from './store.js';
import { toast, announce } from './feedback.js';
import { statusLabel, debounce } from './util.js';

const isConflict = (e) => e.status === 409 || e.status === 412;

let loadSeq = 0;
/** (Re)loads the board for the current filters. Only the latest of overlapping loads is applied. */
export async function reloadTasks() {
  const seq = ++loadSeq;
  const since = store.beginTasksLoad();
  store.setTasksLoading(true);
  reloadDependencies();
  try {
    const { items, truncated } = await api.listAllTasks(store.filters);
    if (seq === loadSeq) store.replaceTasks(items, { truncated, since });
  } catch (e) {
    if (seq === loadSeq && e.status !== 401) toast(`Could not load tasks: ${e.message}`, 'error');
  } finally {
    if (seq === loadSeq) store.setTasksLoading(false);
  }
}

let dependenciesSeq = 0;
/** (Re)loads the open dependencies; only the latest of overlapping loads is applied. */
export async function reloadDependencies() {
  const seq = ++dependenciesSeq;
  try {
    const links = await api.listOpenDependencies();
    if (seq === dependenciesSeq) store.replaceDependencies(links);
  } catch (e) {
    // The cards keep the last known dependencies; the next event or reload tries again.
    if (seq === dependenciesSeq && e.status !== 401) toast(`Could not load dependencies: ${e.message}`, 'error');
  }
}

const reloadDependenciesSoon = debounce(reloadDependencies, 300);

/**
 * A live event may have changed the dependencies. An answer to a load already under way predates it
 * and must not undo what the event applied, so it is dropped; one load follows once a burst settles.
 */
export function dependenciesMayHaveChanged() {
  ++dependenciesSeq;
  reloadDependenciesSoon();
}

/**
 * Moves a task to `status` at once and saves it with If-Match. Resolves to whether it was saved;
 * when not, the card is back where the server has it and a toast says why.
 */
export async function moveTask(id, status) {
  const before = store.task(id);
  if (!before || before.status === status) return true;
  const move = store.moveTaskOptimistically(id, status);
  announce(`Moved “${before.title}” to ${statusLabel(status)}.`);
  try {
    const updated = await api.setTaskStatus(id, before.version, status);
    // An answer without a body still means "saved": the server bumps the version by one.
    move.confirm(updated?.id ? updated : { ...before, status, version: Number(before.version) + 1 });
    loadTaskDetails(id);
    return true;
  } catch (e) {
    move.revert();
    loadTaskDetails(id);
    if (isConflict(e)) {
      await refetchTask(id);
      toast(`“${before.title}” was changed by someone else, so the move was not saved. The card now shows the latest version; try again.`, 'warn');
    } else if (e.status === 404) {
      store.removeTask(id);
      toast(`“${before.title}” no longer exists.`, 'warn');
    } else if (e.status !== 401) {
      toast(`Could not move “${before.title}”: ${e.message}`, 'error');
    }
    return false;
  }
}

/** Replaces our copy with the server's (after a conflict); returns it, or undefined if it is gone. */
export async function refetchTask(id) {
  try {
    const task = await api.getTask(id);
    if (task) store.upsertTask(task);
  } catch (e) {
    if (e.status === 404) store.removeTask(id);
  }
  loadTaskDetails(id);
  return store.task(id);
}

/** Deletes a task the user confirmed; resolves to whether it was deleted. */
export async function deleteTask(id) {
  const t = store.task(id);
  if (!t) return false;
  try {
    await api.deleteTask(id, t.version);
    store.removeTask(id);
    if (store.openId === id) store.closeTask();
    toast(`Deleted “${t.title}”.`);
    return true;
  } catch (e) {
    if (isConflict(e)) {
      await refetchTask(id);
      toast(`“${t.title}” was changed by someone else; review the latest version before deleting.`, 'warn');
    } else if (e.status !== 401) toast(`Could not delete: ${e.message}`, 'error');
    return false;
  }
}

const detailsSeq = new Map(); // task id -> number of the latest load, so a slow answer cannot win
/** Loads comments and history of task `id` if it is the open one (anything else has no use for them). */
export async function loadTaskDetails(id) {
  if (store.openId !== id || !store.task(id)) return;
  const seq = (detailsSeq.get(id) ?? 0) + 1;
  detailsSeq.set(id, seq);
  const [comments, history] = await Promise.allSettled([api.listComments(id), api.listHistory(id)]);
  if (detailsSeq.get(id) !== seq) return;
  store.setTaskDetails(id, {
    comments: comments.status === 'fulfilled' ? comments.value : null,
    history: history.status === 'fulfilled' ? history.value : null,
    historyFailed: history.status !== 'fulfilled',
  });
}

/** The same, for bursts of live events: one load once they settle. */
export const loadTaskDetailsSoon = debounce(loadTaskDetails, 300);
