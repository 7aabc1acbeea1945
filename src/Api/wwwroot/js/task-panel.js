// Owns the task panel beside the board: the open task's fields (its lease and dependencies among
// them), its status select, its completion evidence, comments (and adding one) and history. It renders
// from the store: the open task, its changes, its dependencies, its details.
import * as api from './api.js';
import { store } from './store.js';
import { moveTask, deleteTask, loadTaskDetails } from './tasks.js';
import { openTaskDialog } from './task-dialog.js';
import { focusBoard, focusCard } from './board.js';
import { announce } from './feedback.js';
import { priorityBadge, avatar, actorChip } from './components.js';
import { completionOf } from './evidence.js';
import { $, h, STATUSES, statusLabel, cap, relTime, absTime, clockTime } from './util.js';

let shownTask = null; // the task object the panel last rendered (store objects are replaced on change)

export function initTaskPanel() {
  store.subscribe('open', () => (store.openId ? buildPanel(store.openId) : hidePanel()));
  store.subscribe('tasks', () => { if (store.openId && store.task(store.openId) !== shownTask) renderTask(); });
  store.subscribe('dependencies', () => { if (store.openId) renderTask(); });
  store.subscribe('details', renderDetails);
}

/** Opens task `id` in the panel and moves focus there. */
export function openPanel(id) {
  if (!store.task(id)) return;
  store.openTask(id);
  loadTaskDetails(id);
  $('#panel').focus();
}

/** Closes the panel; `restoreFocus` puts focus back on the task's card (closing by keyboard). */
export function closePanel({ restoreFocus = false } = {}) {
  const id = store.openId;
  store.closeTask();
  if (restoreFocus && id) focusCard(id);
}

function hidePanel() {
  shownTask = null;
  const panel = $('#panel');
  panel.hidden = true;
  panel.replaceChildren();
  document.body.classList.remove('panel-open');
}

function buildPanel(id) {
  const panel = $('#panel');
  panel.hidden = false;
  document.body.classList.add('panel-open');
  panel.replaceChildren(
    h('div.panel-head',
      h('span.panel-kicker', 'Task'),
      h('div.panel-actions',
        h('button.btn.btn--ghost', { type: 'button', id: 'panel-edit', onclick: () => openTaskDialog(store.task(id)) }, 'Edit'),
        h('button.btn.btn--ghost.btn--danger', { type: 'button', id: 'panel-delete', onclick: () => confirmDelete(id) }, 'Delete'),
        h('button.btn.btn--ghost.btn--icon', { type: 'button', 'aria-label': 'Close task panel', title: 'Close (Esc)', onclick: () => closePanel({ restoreFocus: true }) }, '×'))),
    h('h2#panel-title.panel-title'),
    h('div.panel-status',
      h('label', { for: 'panel-status-select' }, 'Status'),
      h('select#panel-status-select', { onchange: (e) => moveTask(id, e.target.value) },
        STATUSES.map((s) => h('option', { value: s.id }, s.label)))),
    h('dl#panel-meta.panel-meta'),
    h('section#panel-completion.panel-section.completion', { hidden: true, 'aria-labelledby': 'panel-completion-h' },
      h('h3#panel-completion-h', 'Completion'),
      h('p#panel-completion-summary.completion-summary'),
      h('ul#panel-evidence.evidence', { 'aria-label': 'Evidence' }),
      h('p#panel-completion-by.muted')),
    h('section.panel-section', { 'aria-labelledby': 'panel-desc-h' },
      h('h3#panel-desc-h', 'Description'),
      h('div#panel-desc.panel-desc')),
    h('section.panel-section', { 'aria-labelledby': 'panel-comments-h' },
      h('h3#panel-comments-h', 'Comments ', h('span#panel-comment-count.count')),
      h('ol#panel-comments.comments', { 'aria-live': 'polite' }),
      h('form#comment-form.comment-form', { novalidate: true, onsubmit: (e) => submitComment(e, id) },
        h('label', { for: 'comment-input' }, 'Add a comment'),
        h('textarea#comment-input', { rows: 3, 'aria-describedby': 'comment-error', placeholder: 'Write a comment…' }),
        h('p#comment-error.field-error'),
        h('div.comment-actions', h('button.btn', { type: 'submit' }, 'Comment')))),
    h('section.panel-section', { 'aria-labelledby': 'panel-history-h' },
      h('h3#panel-history-h', 'History'),
      h('ol#panel-history.history')));
  renderTask();
}

/** The open task's own fields. A task that vanished leaves its last view in place. */
function renderTask() {
  const t = store.task(store.openId);
  if (!t) return;
  shownTask = t;
  $('#panel-title').textContent = t.title;
  $('#panel-status-select').value = t.status;
  $('#panel-status-select').dataset.status = t.status;
  const a = t.assignee;
  const rows = [
    ['Priority', priorityBadge(t.priority)],
    ['Complexity', cap(t.complexity)],
    ['Assignee', a ? h('span.inline', avatar(a.name || a.email, a.email), ' ', a.name ? `${a.name} · ${a.email}` : a.email) : 'Unassigned'],
    ['Repository', t.repository ?? '—'],
    ['Lease', t.lease_holder
      ? h('span#panel-lease', t.lease_holder, ' until ', h('time', { dateTime: t.lease_expires_at ?? '', title: absTime(t.lease_expires_at) }, clockTime(t.lease_expires_at)))
      : h('span#panel-lease.muted', store.isReady(t) && !t.assignee ? 'Nobody: ready to claim' : 'Nobody')],
    ['Blocked by', linkList('panel-blocked-by', store.blockersOf(t.id), 'Nothing unfinished')],
    ['Blocks', linkList('panel-blocks', store.dependantsOf(t.id), 'Nothing')],
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

/** Tasks at the other end of a dependency; one on the board opens in the panel. */
function linkList(id, links, none) {
  if (!links.length) return h('span.muted', { id }, none);
  return h('ul.links', { id }, links.map((l) => h('li',
    store.task(l.id) ? h('button.linklike', { type: 'button', onclick: () => openPanel(l.id) }, l.title) : l.title,
    h('span.muted', ` · ${statusLabel(l.status)}`))));
}

function renderDetails() {
  const { comments, history, historyFailed } = store.details;
  if (!$('#panel-comments')) return;
  if (comments) renderComments(comments);
  if (history) renderCompletion(history);
  if (history) renderHistory(history);
  if (historyFailed) $('#panel-history').replaceChildren(h('li.muted', 'History is not available.'));
}

/** The summary and evidence links of a completed task. Links are http(s) only and open without a referrer. */
function renderCompletion(history) {
  const done = store.task(store.openId)?.status === 'completed' ? completionOf(history) : null;
  $('#panel-completion').hidden = !done;
  if (!done) return;
  $('#panel-completion-summary').textContent = done.summary || 'No summary.';
  $('#panel-evidence').replaceChildren(...done.links.map((l) => h('li',
    h('span.evidence-kind', l.kind), ' ',
    l.href ? h('a', { href: l.href, target: '_blank', rel: 'noopener noreferrer nofollow' }, l.url) : h('span.evidence-text', l.url))));
  $('#panel-completion-by').textContent = done.completed_by ? `Completed by ${done.completed_by}, ${absTime(done.completed_at)}` : '';
}

function renderComments(comments) {
  $('#panel-comment-count').textContent = comments.length ? `(${comments.length})` : '';
  const sorted = [...comments].sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? ''));
  $('#panel-comments').replaceChildren(...(sorted.length ? sorted.map((c) => h('li.comment',
    h('div.comment-head', actorChip(realActor(c.author, c.actor)), h('time', { dateTime: c.created_at ?? '', title: absTime(c.created_at) }, relTime(c.created_at))),
    h('p.comment-body', c.comment ?? c.body ?? c.text ?? ''))) : [h('li.muted.empty', 'No comments yet.')]));
}

/** How a history row names the field it changed ("changed assignee from … to …"). */
const FIELD_LABELS = { status: 'status', title: 'title', description: 'description', priority: 'priority', complexity: 'complexity', assignee_id: 'assignee', assignee: 'assignee', repository_id: 'repository', repository: 'repository', created: 'task', deleted: 'task', comment: 'comment' };

function renderHistory(entries) {
  const sorted = [...entries].sort((a, b) => (b.changed_at ?? '').localeCompare(a.changed_at ?? ''));
  $('#panel-history').replaceChildren(...(sorted.length ? sorted.map((e) => h('li.history-item',
    h('div.history-line', actorChip(realActor(e.changed_by, e.actor)), ' ', historyChange(e)),
    e.comment ? h('p.history-comment', e.comment) : null,
    h('time', { dateTime: e.changed_at ?? '', title: absTime(e.changed_at) }, relTime(e.changed_at)))) : [h('li.muted.empty', 'No history yet.')]));
}

function historyChange(e) {
  const field = e.field_changed ?? e.field ?? '';
  if (field === 'created') return 'created the task';
  if (field === 'deleted') return 'deleted the task';
  if (field === 'comment') return 'commented';
  const label = FIELD_LABELS[field] ?? field.replace(/_/g, ' ');
  const fmt = (v) => (v == null || v === '' ? '—' : field === 'status' ? statusLabel(v) : ['priority', 'complexity'].includes(field) ? cap(v) : String(v).length > 80 ? `${String(v).slice(0, 80)}…` : String(v));
  return h('span', 'changed ', h('strong', label), ' from ', h('span.val', fmt(e.old_value)), ' to ', h('span.val', fmt(e.new_value)));
}

/**
 * The label a comment or history row shows, with who really acted (`actor`: the user, and the MCP key when an agent
 * used one), so "cto@…" written through a key reads as an agent, naming the key and its owner.
 */
function realActor(label, actor) {
  if (!actor) return label;
  const email = store.users.find((u) => u.id === actor.user_id)?.email ?? null;
  if (actor.api_key_name) return { type: 'agent', label: label || actor.api_key_name, key_name: actor.api_key_name, email };
  return { type: 'human', label: label || email || actor.user_id, email };
}

async function submitComment(e, id) {
  e.preventDefault();
  const input = $('#comment-input');
  const err = $('#comment-error');
  const text = input.value.trim();
  const fail = (msg) => { err.textContent = msg; input.setAttribute('aria-invalid', 'true'); input.focus(); };
  err.textContent = '';
  input.removeAttribute('aria-invalid');
  if (!text) return fail('Write a comment first.');
  const btn = e.target.querySelector('button[type=submit]');
  btn.disabled = true;
  try {
    await api.addComment(id, text);
    input.value = '';
    announce('Comment added.');
    loadTaskDetails(id);
  } catch (ex) {
    const fe = ex instanceof api.ApiError ? ex.fieldErrors : {};
    fail((fe.comment ?? []).join(' ') || ex.message);
  } finally {
    btn.disabled = false;
  }
}

async function confirmDelete(id) {
  const t = store.task(id);
  if (!t || !confirm(`Delete “${t.title}”? Its history is kept.`)) return;
  if (await deleteTask(id)) focusBoard();
}
