// TaskManager dashboard: a live board over the REST API and the SSE stream. No build step.
import { captureTokenFromUrl, getToken, setToken, clearToken, identityFromToken, isExpired, decodeJwt } from './auth.js';
import { api, ApiError, ifMatch, itemsOf, listAllTasks, setUnauthorizedHandler } from './api.js';
import { TaskStore, matchesFilters, byCreatedDesc } from './store.js';
import { LiveFeed } from './live.js';
import { $, $$, STATUSES, statusLabel, cap, h, relTime, absTime, initials, hue, classifyActor, debounce } from './util.js';
import { toast, announce } from './feedback.js';

const state = {
  me: null,
  users: [],
  repositories: [],
  filters: { q: '', assignee: '', repository: '', priority: '' },
  store: new TaskStore(),
  openId: null,
  feed: null,
  loadSeq: 0,
  truncated: false,
  repoTimer: null,
};
const cardNodes = new Map(); // task id -> { node, sig }

// ---------------------------------------------------------------- boot / auth

captureTokenFromUrl();
setUnauthorizedHandler(() => signOut('Your session has expired or the token was rejected. Paste a new token to continue.'));
addEventListener('hashchange', () => { if (captureTokenFromUrl()) boot(); });

function boot() {
  const token = getToken();
  const me = identityFromToken(token);
  if (!token || !me) return showSignIn(token ? 'That token could not be read. Paste a valid JWT.' : '');
  if (isExpired(me)) { clearToken(); return showSignIn('Your token has expired. Paste a new one.'); }
  state.me = me;
  showApp();
}

function showSignIn(reason) {
  state.feed?.stop();
  clearInterval(state.repoTimer);
  $('#app').hidden = true;
  $('#signin').hidden = false;
  $('#signin-reason').textContent = reason || '';
  $('#signin-reason').hidden = !reason;
  document.title = 'Sign in · TaskManager';
  $('#signin-token').focus();
}

function signOut(reason = '') {
  clearToken();
  state.me = null;
  state.store = new TaskStore();
  cardNodes.clear();
  closePanel(false);
  if ($('#task-dialog').open) $('#task-dialog').close();
  showSignIn(reason);
}

$('#signin-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const input = $('#signin-token');
  const err = $('#signin-token-error');
  const token = input.value.trim().replace(/^Bearer\s+/i, '');
  err.textContent = '';
  input.removeAttribute('aria-invalid');
  const fail = (msg) => { err.textContent = msg; input.setAttribute('aria-invalid', 'true'); input.focus(); };
  if (!token) return fail('Paste an access token.');
  if (!decodeJwt(token)) return fail('This is not a JWT (expected three dot-separated parts).');
  const me = identityFromToken(token);
  if (isExpired(me)) return fail('This token has expired.');
  // Check it with the server before switching screens.
  try {
    const res = await fetch('/api/repositories', { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    if (res.status === 401) return fail('The server rejected this token (401).');
  } catch {
    return fail('Cannot reach the server.');
  }
  setToken(token);
  input.value = '';
  $('#signin-reason').textContent = '';
  boot();
});

$('#signout').addEventListener('click', () => signOut('You have signed out.'));

// ---------------------------------------------------------------- app shell

let shellReady = false;
function showApp() {
  $('#signin').hidden = true;
  $('#app').hidden = false;
  document.title = 'Board · TaskManager';
  const me = state.me;
  const label = me.name || me.email || me.userId || 'Signed in';
  $('#user-name').textContent = label;
  $('#user-name').title = [me.email, me.userId].filter(Boolean).join(' · ');
  $('#user-role').hidden = !me.isAdmin;
  const av = $('#user-avatar');
  av.textContent = initials(label);
  av.style.setProperty('--h', hue(label));
  if (!shellReady) { buildShell(); shellReady = true; }
  readFiltersFromUrl();
  loadDirectory().then(() => {
    reloadTasks();
    startFeed();
  });
  clearInterval(state.repoTimer);
  state.repoTimer = setInterval(refreshRepositories, 120_000);
}

function buildShell() {
  const board = $('#board');
  for (const [i, s] of STATUSES.entries()) {
    const list = h('ul.column-list', { role: 'list', 'aria-labelledby': `col-h-${s.id}` });
    const col = h('section.column', { 'aria-labelledby': `col-h-${s.id}`, dataset: { status: s.id } },
      h('header.column-head',
        h('span.status-icon', { 'aria-hidden': 'true', dataset: { status: s.id } }),
        h('h2', { id: `col-h-${s.id}` }, s.label, h('span.sr-only', ` (status ${i + 1})`)),
        h('span.column-count', { 'aria-label': '0 tasks' }, '0')),
      list,
      h('p.column-empty', 'No tasks'));
    col.addEventListener('dragover', (e) => {
      if (!e.dataTransfer.types.includes('application/x-task-id')) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      col.classList.add('column--drop');
    });
    col.addEventListener('dragleave', (e) => { if (!col.contains(e.relatedTarget)) col.classList.remove('column--drop'); });
    col.addEventListener('drop', (e) => {
      e.preventDefault();
      col.classList.remove('column--drop');
      const id = e.dataTransfer.getData('application/x-task-id');
      if (id) changeStatus(id, s.id, { via: 'drag' });
    });
    board.append(col);
  }

  // filters
  const f = $('#filters');
  f.addEventListener('submit', (e) => e.preventDefault());
  $('#f-q').addEventListener('input', debounce(() => applyFilters(), 250));
  for (const id of ['#f-assignee', '#f-repository', '#f-priority']) $(id).addEventListener('change', () => applyFilters());
  $('#f-clear').addEventListener('click', () => {
    $('#f-q').value = ''; $('#f-assignee').value = ''; $('#f-repository').value = ''; $('#f-priority').value = '';
    applyFilters();
  });
  $('#help-toggle').addEventListener('click', () => {
    const help = $('#help');
    help.hidden = !help.hidden;
    $('#help-toggle').setAttribute('aria-expanded', String(!help.hidden));
  });

  $('#new-task').addEventListener('click', () => openTaskDialog());
  $('#t-status').append(...STATUSES.map((s) => h('option', { value: s.id }, s.label)));
  $('#task-form').addEventListener('submit', onTaskFormSubmit);
  $$('#task-dialog [data-close]').forEach((b) => b.addEventListener('click', () => $('#task-dialog').close()));
  $('#task-dialog').addEventListener('close', () => { dialogCtx.returnFocus?.focus?.(); });

  // global shortcuts
  document.addEventListener('keydown', (e) => {
    if ($('#app').hidden || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    const typing = t.closest?.('input, textarea, select, [contenteditable], dialog');
    if (e.key === 'Escape' && state.openId && !$('#task-dialog').open) { closePanel(true); return; }
    if (typing) return;
    if (e.key === 'c' || e.key === 'C') { e.preventDefault(); openTaskDialog(); }
    else if (e.key === '/') { e.preventDefault(); $('#f-q').focus(); }
  });

  // Keep relative times fresh.
  setInterval(() => $$('time[data-rel]').forEach((t) => { t.textContent = relTime(t.dateTime); }), 60_000);
}

// ---------------------------------------------------------------- directory (users, repositories)

async function loadDirectory() {
  const [users, repos] = await Promise.allSettled([api('/api/users'), api('/api/repositories')]);
  if (users.status === 'fulfilled') state.users = itemsOf(users.value);
  const self = state.users.find(isMe);
  if (self?.name) { $('#user-name').textContent = self.name; $('#user-avatar').textContent = initials(self.name); }
  if (repos.status === 'fulfilled') state.repositories = itemsOf(repos.value).map((r) => (typeof r === 'string' ? r : r.name)).filter(Boolean);
  fillSelect($('#f-assignee'), [{ value: '', label: 'Anyone' }, { value: 'me', label: 'Me' },
    ...state.users.filter((u) => !isMe(u)).map((u) => ({ value: u.id, label: userLabel(u) }))], state.filters.assignee);
  fillSelect($('#f-repository'), [{ value: '', label: 'All repositories' }, ...state.repositories.map((r) => ({ value: r, label: r }))], state.filters.repository);
  fillSelect($('#t-assignee'), [{ value: '', label: 'Unassigned' }, ...state.users.map((u) => ({ value: u.id, label: userLabel(u) + (isMe(u) ? ' (me)' : '') }))]);
  fillSelect($('#t-repository'), [{ value: '', label: 'None' }, ...state.repositories.map((r) => ({ value: r, label: r }))]);
}

async function refreshRepositories() {
  const before = state.repositories.join(',');
  try {
    await loadDirectory();
  } catch { return; }
  if (state.repositories.join(',') !== before) state.feed?.restart();
}

function fillSelect(sel, options, value = sel.value) {
  sel.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.label)));
  if (value && !options.some((o) => o.value === value)) sel.append(h('option', { value }, value));
  sel.value = value ?? '';
}

const userLabel = (u) => (u.name ? `${u.name}` : u.email) ?? u.id;
function isMe(u) {
  const me = state.me;
  return !!me && !!u && (u.id === me.userId || (!!u.email && !!me.email && u.email.toLowerCase() === me.email.toLowerCase()));
}

// ---------------------------------------------------------------- filters

function readFiltersFromUrl() {
  const p = new URLSearchParams(location.search);
  state.filters = { q: p.get('q') ?? '', assignee: p.get('assignee') ?? '', repository: p.get('repository') ?? '', priority: p.get('priority') ?? '' };
  $('#f-q').value = state.filters.q;
  for (const k of ['assignee', 'repository', 'priority']) {
    const sel = $(`#f-${k}`);
    if (state.filters[k] && ![...sel.options].some((o) => o.value === state.filters[k])) sel.append(h('option', { value: state.filters[k] }, state.filters[k]));
    sel.value = state.filters[k];
  }
}

function applyFilters() {
  const prev = JSON.stringify(state.filters);
  state.filters = { q: $('#f-q').value.trim(), assignee: $('#f-assignee').value, repository: $('#f-repository').value, priority: $('#f-priority').value };
  if (JSON.stringify(state.filters) === prev) return;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(state.filters)) if (v) p.set(k, v);
  history.replaceState(history.state, '', location.pathname + (p.toString() ? `?${p}` : ''));
  reloadTasks();
  state.feed?.restart();
}

function queryParams() {
  const f = state.filters;
  const p = {};
  if (f.assignee) p.user_id = f.assignee;
  if (f.repository) p.repository = f.repository;
  if (f.priority) p.priority = f.priority;
  if (f.q) p.q = f.q;
  return p;
}

// ---------------------------------------------------------------- tasks

async function reloadTasks() {
  const seq = ++state.loadSeq;
  $('#board').setAttribute('aria-busy', 'true');
  try {
    const { items, truncated } = await listAllTasks(queryParams());
    if (seq !== state.loadSeq) return;
    state.store.replaceAll(items);
    state.truncated = truncated;
    renderBoard();
  } catch (e) {
    if (seq === state.loadSeq && e.status !== 401) toast(`Could not load tasks: ${e.message}`, 'error');
  } finally {
    if (seq === state.loadSeq) $('#board').removeAttribute('aria-busy');
  }
}

function renderBoard() {
  const tasks = state.store.all().filter((t) => matchesFilters(t, state.filters, state.me)).sort(byCreatedDesc);
  const active = document.activeElement;
  const focusedId = active?.classList?.contains('card') ? active.dataset.id : null;
  const seen = new Set();
  for (const s of STATUSES) {
    const col = $(`.column[data-status="${s.id}"]`);
    const list = $('.column-list', col);
    const inCol = tasks.filter((t) => t.status === s.id);
    const nodes = inCol.map((t) => { seen.add(t.id); return cardFor(t); });
    // Reorder only when needed, so a focused card is not detached needlessly.
    const current = [...list.children];
    if (current.length !== nodes.length || current.some((n, i) => n !== nodes[i])) list.replaceChildren(...nodes);
    const count = $('.column-count', col);
    count.textContent = String(inCol.length);
    count.setAttribute('aria-label', `${inCol.length} task${inCol.length === 1 ? '' : 's'}`);
    col.classList.toggle('column--empty', inCol.length === 0);
  }
  // Tasks not found in any status column (unknown status) are still tracked but not shown.
  for (const [id, entry] of cardNodes) if (!seen.has(id)) { entry.node.remove(); cardNodes.delete(id); }
  if (focusedId && document.activeElement !== cardNodes.get(focusedId)?.node) cardNodes.get(focusedId)?.node.focus({ preventScroll: true });
  const total = tasks.length;
  $('#board-summary').textContent = `${total} task${total === 1 ? '' : 's'}${state.truncated ? ' (first 2000 shown)' : ''}`;
}

function cardFor(t) {
  const sig = JSON.stringify([t.title, t.status, t.priority, t.complexity, t.assignee?.id, t.assignee?.name, t.repository, t.updated_at, t.version, t.updated_by]);
  let entry = cardNodes.get(t.id);
  if (entry && entry.sig === sig) return entry.node;
  const node = entry?.node ?? makeCardShell(t.id);
  fillCard(node, t);
  cardNodes.set(t.id, { node, sig });
  return node;
}

function makeCardShell(id) {
  const li = h('li.card', { tabindex: '0', draggable: 'true', dataset: { id }, 'aria-keyshortcuts': 'Enter Shift+ArrowLeft Shift+ArrowRight 1 2 3 4 5' });
  li.addEventListener('click', () => openPanel(id));
  li.addEventListener('keydown', (e) => onCardKey(e, li));
  li.addEventListener('dragstart', (e) => {
    e.dataTransfer.setData('application/x-task-id', id);
    e.dataTransfer.setData('text/plain', state.store.get(id)?.title ?? id);
    e.dataTransfer.effectAllowed = 'move';
    li.classList.add('card--dragging');
    document.body.classList.add('is-dragging');
  });
  li.addEventListener('dragend', () => {
    li.classList.remove('card--dragging');
    document.body.classList.remove('is-dragging');
    $$('.column--drop').forEach((c) => c.classList.remove('column--drop'));
  });
  return li;
}

function fillCard(li, t) {
  const a = t.assignee;
  li.dataset.status = t.status;
  li.dataset.priority = t.priority ?? '';
  li.classList.toggle('card--open', state.openId === t.id);
  li.setAttribute('aria-label', `${t.title}. ${statusLabel(t.status)}, ${cap(t.priority)} priority${a ? `, assigned to ${a.name || a.email}` : ', unassigned'}${t.repository ? `, repository ${t.repository}` : ''}.`);
  li.replaceChildren(
    h('div.card-top',
      h('span.card-repo', t.repository ?? 'No repository'),
      priorityBadge(t.priority)),
    h('p.card-title', t.title),
    h('div.card-meta',
      a ? avatar(a.name || a.email, a.email) : h('span.avatar.avatar--empty', { title: 'Unassigned', 'aria-hidden': 'true' }),
      h('span.card-assignee', a ? (a.name || a.email) : 'Unassigned'),
      actorChip(t.updated_by ?? t.created_by, true),
      h('time.card-time', { dateTime: t.updated_at ?? '', dataset: { rel: '' }, title: absTime(t.updated_at) }, relTime(t.updated_at))));
}

function priorityBadge(p) {
  return h('span.prio', { dataset: { priority: p ?? '' }, title: `${cap(p)} priority` },
    h('span.prio-bars', { 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), h('span.prio-text', cap(p)));
}

function avatar(name, title) {
  const n = h('span.avatar', { 'aria-hidden': 'true', title: title ?? name }, initials(name));
  n.style.setProperty('--h', hue(name));
  return n;
}

function actorChip(actor, compact = false) {
  if (!actor) return null;
  const a = classifyActor(actor);
  const text = compact ? (a.kind === 'agent' ? a.label : '') : a.label;
  if (compact && a.kind !== 'agent') return null;
  return h(`span.actor.actor--${a.kind}`, { title: `${a.kind === 'agent' ? 'Agent' : 'Person'}: ${a.label}${a.detail ? ` (${a.detail})` : ''}` },
    h('span.actor-kind', a.kind === 'agent' ? 'Agent' : a.kind === 'human' ? 'Human' : '?'),
    text ? h('span.actor-label', text) : null,
    !compact && a.detail ? h('span.actor-detail', a.detail) : null);
}

// ---------------------------------------------------------------- keyboard on cards

function onCardKey(e, li) {
  const id = li.dataset.id;
  const t = state.store.get(id);
  if (!t) return;
  const idx = STATUSES.findIndex((s) => s.id === t.status);
  if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); openPanel(id); return; }
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const move = (delta) => {
    const to = STATUSES[idx + delta];
    if (to) changeStatus(id, to.id, { via: 'keyboard' });
  };
  if ((e.shiftKey && e.key === 'ArrowRight') || e.key === ']') { e.preventDefault(); move(1); return; }
  if ((e.shiftKey && e.key === 'ArrowLeft') || e.key === '[') { e.preventDefault(); move(-1); return; }
  if (/^[1-5]$/.test(e.key)) { e.preventDefault(); changeStatus(id, STATUSES[Number(e.key) - 1].id, { via: 'keyboard' }); return; }
  if (['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) {
    e.preventDefault();
    const list = li.parentElement;
    const cards = [...list.children];
    const i = cards.indexOf(li);
    if (e.key === 'ArrowDown') cards[i + 1]?.focus();
    else if (e.key === 'ArrowUp') cards[i - 1]?.focus();
    else if (e.key === 'Home') cards[0]?.focus();
    else if (e.key === 'End') cards[cards.length - 1]?.focus();
    else {
      const cols = $$('.column-list');
      let c = cols.indexOf(list);
      const step = e.key === 'ArrowRight' ? 1 : -1;
      for (c += step; c >= 0 && c < cols.length; c += step) {
        const target = cols[c].children[Math.min(i, cols[c].children.length - 1)];
        if (target) { target.focus(); break; }
      }
    }
  }
}

// ---------------------------------------------------------------- status change (optimistic + If-Match)

async function changeStatus(id, status, { via = 'select', comment } = {}) {
  const before = state.store.get(id);
  if (!before || before.status === status) return;
  const optimistic = { ...before, status };
  state.store.tasks.set(id, optimistic);
  renderBoard();
  if (via === 'keyboard') cardNodes.get(id)?.node.focus();
  if (state.openId === id) renderPanelTask();
  announce(`Moved “${before.title}” to ${statusLabel(status)}.`);
  try {
    const body = { status };
    if (comment) body.comment = comment;
    const updated = await api(`/api/tasks/${encodeURIComponent(id)}/status`, { method: 'PUT', body, headers: { 'If-Match': ifMatch(before.version) } });
    if (state.store.get(id) === optimistic) state.store.tasks.set(id, before); // let upsert's version check decide
    state.store.upsert(updated?.id ? updated : { ...before, status, version: Number(before.version) + 1 });
    afterTaskChanged(id);
  } catch (e) {
    if (state.store.get(id) === optimistic) state.store.tasks.set(id, before);
    afterTaskChanged(id);
    if (e.status === 409 || e.status === 412) {
      await refetchTask(id);
      toast(`“${before.title}” was changed by someone else, so the move was not saved. The card now shows the latest version; try again.`, 'warn');
    } else if (e.status === 404) {
      state.store.remove(id);
      afterTaskChanged(id);
      toast(`“${before.title}” no longer exists.`, 'warn');
    } else if (e.status !== 401) {
      toast(`Could not move “${before.title}”: ${e.message}`, 'error');
    }
    if (via === 'keyboard') cardNodes.get(id)?.node.focus();
  }
}

async function refetchTask(id) {
  try {
    const t = await api(`/api/tasks/${encodeURIComponent(id)}`);
    if (t?.id) {
      const { comments, ...task } = t;
      state.store.upsert(task);
      if (state.openId === id && comments) renderComments(itemsOf(comments));
    }
  } catch (e) {
    if (e.status === 404) state.store.remove(id);
  }
  afterTaskChanged(id);
  return state.store.get(id);
}

function afterTaskChanged(id) {
  renderBoard();
  if (state.openId === id) {
    if (state.store.get(id)) { renderPanelTask(); loadPanelExtras(id); }
  }
}

// ---------------------------------------------------------------- task panel

function openPanel(id) {
  const t = state.store.get(id);
  if (!t) return;
  const prev = state.openId;
  state.openId = id;
  if (prev) cardNodes.get(prev)?.node.classList.remove('card--open');
  cardNodes.get(id)?.node.classList.add('card--open');
  const panel = $('#panel');
  panel.hidden = false;
  document.body.classList.add('panel-open');
  panel.replaceChildren(
    h('div.panel-head',
      h('span.panel-kicker', 'Task'),
      h('div.panel-actions',
        h('button.btn.btn--ghost', { type: 'button', id: 'panel-edit', onclick: () => openTaskDialog(state.store.get(id)) }, 'Edit'),
        h('button.btn.btn--ghost.btn--danger', { type: 'button', id: 'panel-delete', onclick: () => deleteTask(id) }, 'Delete'),
        h('button.btn.btn--ghost.btn--icon', { type: 'button', 'aria-label': 'Close task panel', title: 'Close (Esc)', onclick: () => closePanel(true) }, '×'))),
    h('h2#panel-title.panel-title'),
    h('div.panel-status',
      h('label', { for: 'panel-status-select' }, 'Status'),
      h('select#panel-status-select', { onchange: (e) => changeStatus(id, e.target.value, { via: 'select' }) },
        STATUSES.map((s) => h('option', { value: s.id }, s.label)))),
    h('dl#panel-meta.panel-meta'),
    h('section.panel-section', { 'aria-labelledby': 'panel-desc-h' },
      h('h3#panel-desc-h', 'Description'),
      h('div#panel-desc.panel-desc')),
    h('section.panel-section', { 'aria-labelledby': 'panel-comments-h' },
      h('h3#panel-comments-h', 'Comments ', h('span#panel-comment-count.count')),
      h('ol#panel-comments.comments', { 'aria-live': 'polite' }),
      h('form#comment-form.comment-form', { novalidate: true, onsubmit: (e) => addComment(e, id) },
        h('label', { for: 'comment-input' }, 'Add a comment'),
        h('textarea#comment-input', { rows: 3, 'aria-describedby': 'comment-error', placeholder: 'Write a comment…' }),
        h('p#comment-error.field-error'),
        h('div.comment-actions', h('button.btn', { type: 'submit' }, 'Comment')))),
    h('section.panel-section', { 'aria-labelledby': 'panel-history-h' },
      h('h3#panel-history-h', 'History'),
      h('ol#panel-history.history')));
  renderPanelTask();
  loadPanelExtras(id);
  panel.focus();
}

function closePanel(restoreFocus) {
  const id = state.openId;
  state.openId = null;
  const panel = $('#panel');
  panel.hidden = true;
  panel.replaceChildren();
  document.body.classList.remove('panel-open');
  if (id) {
    const node = cardNodes.get(id)?.node;
    node?.classList.remove('card--open');
    if (restoreFocus) node?.focus();
  }
}

function renderPanelTask() {
  const t = state.store.get(state.openId);
  if (!t) return;
  $('#panel-title').textContent = t.title;
  $('#panel-status-select').value = t.status;
  $('#panel-status-select').dataset.status = t.status;
  const a = t.assignee;
  const rows = [
    ['Priority', priorityBadge(t.priority)],
    ['Complexity', cap(t.complexity)],
    ['Assignee', a ? h('span.inline', avatar(a.name || a.email, a.email), ' ', a.name ? `${a.name} · ${a.email}` : a.email) : 'Unassigned'],
    ['Repository', t.repository ?? '—'],
    ['Created by', actorChip(t.created_by) ?? '—'],
    ['Updated by', actorChip(t.updated_by) ?? '—'],
    ['Created', h('time', { dateTime: t.created_at ?? '', title: absTime(t.created_at) }, absTime(t.created_at))],
    ['Updated', h('time', { dateTime: t.updated_at ?? '', title: absTime(t.updated_at) }, relTime(t.updated_at))],
    ['Version', String(t.version ?? '—')],
  ];
  $('#panel-meta').replaceChildren(...rows.flatMap(([k, v]) => [h('dt', k), h('dd', v)]));
  const desc = $('#panel-desc');
  desc.textContent = t.description || 'No description.';
  desc.classList.toggle('muted', !t.description);
}

const extrasSeq = new Map();
async function loadPanelExtras(id) {
  const seq = (extrasSeq.get(id) ?? 0) + 1;
  extrasSeq.set(id, seq);
  const [detail, history] = await Promise.allSettled([
    api(`/api/tasks/${encodeURIComponent(id)}/comments`),
    api(`/api/tasks/${encodeURIComponent(id)}/history`),
  ]);
  if (state.openId !== id || extrasSeq.get(id) !== seq) return;
  if (detail.status === 'fulfilled') renderComments(itemsOf(detail.value));
  if (history.status === 'fulfilled') renderHistory(itemsOf(history.value));
  else $('#panel-history').replaceChildren(h('li.muted', 'History is not available.'));
}
const refreshPanelExtras = debounce((id) => { if (state.openId === id) loadPanelExtras(id); }, 300);

function renderComments(comments) {
  const list = $('#panel-comments');
  if (!list) return;
  $('#panel-comment-count').textContent = comments.length ? `(${comments.length})` : '';
  const sorted = [...comments].sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? ''));
  list.replaceChildren(...(sorted.length ? sorted.map((c) => h('li.comment',
    h('div.comment-head', actorChip(c.author ?? c.created_by), h('time', { dateTime: c.created_at ?? '', title: absTime(c.created_at) }, relTime(c.created_at))),
    h('p.comment-body', c.comment ?? c.body ?? c.text ?? ''))) : [h('li.muted.empty', 'No comments yet.')]));
}

const FIELD_LABELS = { status: 'status', title: 'title', description: 'description', priority: 'priority', complexity: 'complexity', assignee_id: 'assignee', assignee: 'assignee', repository_id: 'repository', repository: 'repository', created: 'task', deleted: 'task', comment: 'comment' };
function renderHistory(entries) {
  const list = $('#panel-history');
  if (!list) return;
  const sorted = [...entries].sort((a, b) => (b.changed_at ?? '').localeCompare(a.changed_at ?? ''));
  list.replaceChildren(...(sorted.length ? sorted.map((e) => {
    const field = e.field_changed ?? e.field ?? '';
    const label = FIELD_LABELS[field] ?? field.replace(/_/g, ' ');
    const fmt = (v) => (v == null || v === '' ? '—' : field === 'status' ? statusLabel(v) : ['priority', 'complexity'].includes(field) ? cap(v) : String(v).length > 80 ? `${String(v).slice(0, 80)}…` : String(v));
    let what;
    if (field === 'created') what = 'created the task';
    else if (field === 'deleted') what = 'deleted the task';
    else if (field === 'comment') what = 'commented';
    else what = h('span', 'changed ', h('strong', label), ' from ', h('span.val', fmt(e.old_value)), ' to ', h('span.val', fmt(e.new_value)));
    return h('li.history-item',
      h('div.history-line', actorChip(historyActor(e)), ' ', what),
      e.comment ? h('p.history-comment', e.comment) : null,
      h('time', { dateTime: e.changed_at ?? '', title: absTime(e.changed_at) }, relTime(e.changed_at)));
  }) : [h('li.muted.empty', 'No history yet.')]));
}

/** History rows say who really acted: `actor_user_id`, and `via_api_key` when an agent used an MCP key. */
function historyActor(e) {
  if (e.actor_user_id === undefined && e.via_api_key === undefined) return e.changed_by ?? e.actor;
  const user = state.users.find((u) => u.id === e.actor_user_id);
  const email = user?.email ?? null;
  if (e.via_api_key) {
    return { type: 'agent', label: e.changed_by || e.via_api_key, key_name: e.via_api_key, email };
  }
  return { type: 'human', label: e.changed_by || email || e.actor_user_id, email };
}

async function addComment(e, id) {
  e.preventDefault();
  const input = $('#comment-input');
  const err = $('#comment-error');
  const text = input.value.trim();
  err.textContent = '';
  input.removeAttribute('aria-invalid');
  if (!text) { err.textContent = 'Write a comment first.'; input.setAttribute('aria-invalid', 'true'); input.focus(); return; }
  const btn = e.target.querySelector('button[type=submit]');
  btn.disabled = true;
  try {
    await api(`/api/tasks/${encodeURIComponent(id)}/comments`, { method: 'POST', body: { comment: text } });
    input.value = '';
    announce('Comment added.');
    loadPanelExtras(id);
  } catch (ex) {
    const fe = ex instanceof ApiError ? ex.fieldErrors : {};
    err.textContent = (fe.comment ?? []).join(' ') || ex.message;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  } finally {
    btn.disabled = false;
  }
}

async function deleteTask(id) {
  const t = state.store.get(id);
  if (!t || !confirm(`Delete “${t.title}”? Its history is kept.`)) return;
  try {
    await api(`/api/tasks/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { 'If-Match': ifMatch(t.version) } });
    state.store.remove(id, Number.MAX_SAFE_INTEGER);
    closePanel(false);
    renderBoard();
    toast(`Deleted “${t.title}”.`);
    $('#board').focus();
  } catch (e) {
    if (e.status === 409 || e.status === 412) {
      await refetchTask(id);
      toast(`“${t.title}” was changed by someone else; review the latest version before deleting.`, 'warn');
    } else if (e.status !== 401) toast(`Could not delete: ${e.message}`, 'error');
  }
}

// ---------------------------------------------------------------- create / edit dialog

const dialogCtx = { mode: 'create', task: null, idempotencyKey: null, returnFocus: null };

function openTaskDialog(task = null) {
  const dlg = $('#task-dialog');
  const form = $('#task-form');
  dialogCtx.mode = task ? 'edit' : 'create';
  dialogCtx.task = task;
  dialogCtx.idempotencyKey = crypto.randomUUID?.() ?? String(Math.random()).slice(2);
  dialogCtx.returnFocus = document.activeElement;
  clearFormErrors(form);
  $('#task-dialog-title').textContent = task ? 'Edit task' : 'New task';
  $('#task-submit').textContent = task ? 'Save changes' : 'Create task';
  $$('[data-create-only]', form).forEach((n) => { n.hidden = !!task; });
  const f = state.filters;
  setFormValues(form, task ? {
    title: task.title, description: task.description ?? '', assignee_id: task.assignee?.id ?? '',
    repository: task.repository ?? '', priority: task.priority, complexity: task.complexity,
  } : {
    title: '', description: '',
    assignee_id: f.assignee === 'me' ? (state.users.find(isMe)?.id ?? '') : f.assignee,
    repository: f.repository, priority: f.priority || 'medium', complexity: 'medium', status: 'not_started',
  });
  dlg.showModal();
  $('#t-title').focus();
}

function setFormValues(form, values) {
  for (const [k, v] of Object.entries(values)) {
    const el = form.elements.namedItem(k);
    if (!el) continue;
    if (el.tagName === 'SELECT' && v && ![...el.options].some((o) => o.value === v)) el.append(h('option', { value: v }, v));
    el.value = v ?? '';
  }
}

function formValues(form) {
  const out = {};
  for (const el of form.elements) if (el.name && !el.closest('[hidden]')) out[el.name] = el.value;
  return out;
}

function clearFormErrors(form) {
  $$('.field-error', form).forEach((p) => { p.textContent = ''; });
  $$('[aria-invalid]', form).forEach((n) => n.removeAttribute('aria-invalid'));
  $('#task-form-error').textContent = '';
}

/** Puts the server's details.errors next to their fields; returns the messages that fit no field. */
function showFieldErrors(form, errors) {
  const leftovers = [];
  let first = null;
  for (const [field, msgs] of Object.entries(errors)) {
    const slot = $$('[data-error-for]', form).find((p) => p.dataset.errorFor.split(' ').includes(field) && !p.closest('[hidden]'));
    if (!slot) { leftovers.push(...msgs.map((m) => (field && field !== 'body' && field !== '$' ? `${cap(field)}: ${m}` : m))); continue; }
    slot.textContent = msgs.join(' ');
    const input = $(`[aria-describedby~="${slot.id}"]`, form);
    input?.setAttribute('aria-invalid', 'true');
    first ??= input;
  }
  return { leftovers, first };
}

async function onTaskFormSubmit(e) {
  e.preventDefault();
  const form = e.target;
  clearFormErrors(form);
  const v = formValues(form);
  if (!v.title.trim()) {
    $('#t-title-error').textContent = 'Title is required.';
    $('#t-title').setAttribute('aria-invalid', 'true');
    $('#t-title').focus();
    return;
  }
  const submit = $('#task-submit');
  submit.disabled = true;
  try {
    let task;
    if (dialogCtx.mode === 'create') {
      const body = { title: v.title, description: v.description || null, assignee_id: v.assignee_id || null, repository: v.repository || null, priority: v.priority, complexity: v.complexity, status: v.status };
      task = await api('/api/tasks', { method: 'POST', body, headers: { 'Idempotency-Key': dialogCtx.idempotencyKey } });
    } else {
      const cur = dialogCtx.task;
      const body = {};
      if (v.title !== cur.title) body.title = v.title;
      if ((v.description || '') !== (cur.description || '')) body.description = v.description;
      if ((v.assignee_id || '') !== (cur.assignee?.id || '')) body.assignee_id = v.assignee_id || null;
      if ((v.repository || '') !== (cur.repository || '')) body.repository = v.repository || null;
      if (v.priority !== cur.priority) body.priority = v.priority;
      if (v.complexity !== cur.complexity) body.complexity = v.complexity;
      if (!Object.keys(body).length) { $('#task-dialog').close(); return; }
      task = await api(`/api/tasks/${encodeURIComponent(cur.id)}`, { method: 'PATCH', body, headers: { 'If-Match': ifMatch(cur.version) } });
    }
    if (task?.id) {
      state.store.upsert(task);
      renderBoard();
      if (state.openId === task.id) { renderPanelTask(); loadPanelExtras(task.id); }
    }
    const created = dialogCtx.mode === 'create';
    dialogCtx.returnFocus = task?.id ? cardNodes.get(task.id)?.node ?? dialogCtx.returnFocus : dialogCtx.returnFocus;
    $('#task-dialog').close();
    toast(created ? `Created “${task?.title ?? v.title}”.` : `Saved “${task?.title ?? v.title}”.`);
    if (created && task?.id && !matchesFilters(task, state.filters, state.me)) toast('The new task is hidden by the current filters.', 'warn');
  } catch (ex) {
    if (!(ex instanceof ApiError)) throw ex;
    if (ex.status === 401) return;
    if ((ex.status === 409 || ex.status === 412) && dialogCtx.mode === 'edit') {
      const latest = await refetchTask(dialogCtx.task.id);
      if (latest) dialogCtx.task = latest;
      $('#task-form-error').textContent = 'Someone else changed this task while you were editing. The board now shows their version; your edits are still in the form — save again to overwrite, or cancel.';
      return;
    }
    const { leftovers, first } = showFieldErrors(form, ex.fieldErrors);
    const msg = leftovers.length ? leftovers.join(' ') : first ? 'Please fix the highlighted field below.' : ex.message;
    $('#task-form-error').textContent = msg;
    (first ?? $('#t-title')).focus();
  } finally {
    submit.disabled = false;
  }
}

// ---------------------------------------------------------------- live feed

function streamUrl() {
  const token = getToken();
  if (!token) return null;
  const f = state.filters;
  const p = new URLSearchParams();
  p.set('access_token', token);
  p.set('user_id', f.assignee && f.assignee !== 'me' ? f.assignee : 'me');
  p.set('repositories', f.repository ? f.repository : state.repositories.join(','));
  return `/api/tasks/stream?${p}`;
}

function startFeed() {
  state.feed?.stop();
  state.feed = new LiveFeed(streamUrl, {
    onEvent,
    onState: (s) => {
      const conn = $('#conn');
      conn.dataset.state = s;
      $('.conn-text', conn).textContent = s === 'live' ? 'Live' : s === 'reconnecting' ? 'Reconnecting…' : 'Offline';
      conn.title = s === 'live' ? 'Receiving live updates' : s === 'reconnecting' ? 'Connection lost; reconnecting' : 'Not connected; changes by others will not appear until the connection is back';
      // Live without a position to resume from (first connect, or no event seen yet): the server only
      // promises what follows the subscription, so fetch the list again to cover the gap before it.
      if (s === 'live' && !state.feed?.lastEventId) reloadTasks();
    },
    onClosed: async () => {
      // EventSource hides the status code: ask the API whether the token still works (a 401 signs out).
      try { await api('/api/repositories'); } catch (e) { if (e.status === 401) return false; }
      return !!getToken();
    },
  });
  state.feed.start();
}

const announceBatch = [];
const flushAnnouncements = debounce(() => {
  if (!announceBatch.length) return;
  announce(announceBatch.length <= 2 ? announceBatch.join(' ') : `${announceBatch.length} tasks were updated.`);
  announceBatch.length = 0;
}, 800);

function onEvent(ev) {
  const type = ev?.type;
  if (!type || type === 'heartbeat') return;
  if (type === 'resync') { toast('Refreshing the board after missing some updates.'); refreshRepositories(); reloadTasks(); return; }
  const task = ev.task ?? ev.task_data ?? null;
  const id = ev.task_id ?? task?.id;
  if (!id) return;
  if (type === 'task_deleted') {
    const had = state.store.get(id);
    state.store.remove(id, task?.version);
    renderBoard();
    if (state.openId === id) { closePanel(false); toast(`“${had?.title ?? 'The open task'}” was deleted.`, 'warn'); $('#board').focus(); }
    if (had) { announceBatch.push(`“${had.title}” was deleted.`); flushAnnouncements(); }
    return;
  }
  if (!task?.id) return;
  const { comment, comments, ...clean } = task;
  const existing = state.store.get(id);
  if (!matchesFilters(clean, state.filters, state.me)) {
    // It no longer belongs on this board (e.g. re-assigned away): drop it unless we hold a newer copy.
    if (existing && Number(existing.version ?? 0) <= Number(clean.version ?? 0)) { state.store.tasks.delete(id); renderBoard(); if (state.openId === id) closePanel(false); }
    return;
  }
  const result = state.store.upsert(clean);
  if (result === 'stale' || result === 'ignored') {
    if (type === 'task_commented' && state.openId === id) refreshPanelExtras(id);
    return;
  }
  renderBoard();
  const node = cardNodes.get(id)?.node;
  if (node) { node.classList.remove('card--flash'); void node.offsetWidth; node.classList.add('card--flash'); }
  if (state.openId === id) { renderPanelTask(); refreshPanelExtras(id); }
  const who = classifyActor(clean.updated_by ?? clean.created_by);
  const by = who.kind === 'unknown' ? '' : ` by ${who.kind === 'agent' ? 'agent ' : ''}${who.label}`;
  const msg = result === 'added' ? `New task “${clean.title}” in ${statusLabel(clean.status)}${by}.`
    : type === 'task_commented' ? `New comment on “${clean.title}”.`
      : existing && existing.status !== clean.status ? `“${clean.title}” moved to ${statusLabel(clean.status)}${by}.`
        : `“${clean.title}” was updated${by}.`;
  announceBatch.push(msg);
  flushAnnouncements();
}

// Start last, once every module-level binding above is initialised.
boot();
