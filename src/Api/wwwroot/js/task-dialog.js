// Owns the create / edit dialog: filling the form (a new task starts from the board's filters),
// client and server validation messages next to their fields, and saving (POST, or PATCH of the
// changed fields with If-Match).
import * as api from './api.js';
import { store } from './store.js';
import { refetchTask, loadTaskDetails } from './tasks.js';
import { cardElement } from './board.js';
import { toast } from './feedback.js';
import { $, $$, h, STATUSES, cap, fillSelect, userLabel } from './util.js';

/** What the open dialog is doing. Reset by openTaskDialog. */
const ctx = { task: null, idempotencyKey: null, returnFocus: null };

export function initTaskDialog() {
  const dlg = $('#task-dialog');
  $('#t-status').append(...STATUSES.map((s) => h('option', { value: s.id }, s.label)));
  $('#task-form').addEventListener('submit', onSubmit);
  $$('[data-close]', dlg).forEach((b) => b.addEventListener('click', () => dlg.close()));
  dlg.addEventListener('close', () => { ctx.returnFocus?.focus?.(); });
  store.subscribe('directory', () => fillChoices());
  store.subscribe('session', () => { if (!store.me && dlg.open) dlg.close(); });
}

/** Opens the dialog to edit `task`, or to create one when there is none. */
export function openTaskDialog(task = null) {
  const form = $('#task-form');
  ctx.task = task;
  ctx.idempotencyKey = crypto.randomUUID?.() ?? String(Math.random()).slice(2);
  ctx.returnFocus = document.activeElement;
  fillChoices();
  clearErrors(form);
  $('#task-dialog-title').textContent = task ? 'Edit task' : 'New task';
  $('#task-submit').textContent = task ? 'Save changes' : 'Create task';
  $$('[data-create-only]', form).forEach((n) => { n.hidden = !!task; });
  setValues(form, task ? valuesOf(task) : newTaskValues());
  $('#task-dialog').showModal();
  $('#t-title').focus();
}

/**
 * Deactivated people cannot be given tasks (the server refuses), so they are offered only as the edited task's
 * current assignee, marked, which keeps the task theirs unless the user picks someone else.
 */
function fillChoices() {
  const current = ctx.task?.assignee?.id;
  fillSelect($('#t-assignee'), [{ value: '', label: 'Unassigned' },
    ...store.users.filter((u) => u.active !== false || u.id === current).map((u) => ({
      value: u.id,
      label: userLabel(u) + (store.isMe(u) ? ' (me)' : '') + (u.active === false ? ' (deactivated)' : ''),
    }))]);
  fillSelect($('#t-repository'), [{ value: '', label: 'None' }, ...store.repositories.map((r) => ({ value: r, label: r }))]);
}

const valuesOf = (t) => ({
  title: t.title, description: t.description ?? '', assignee_id: t.assignee?.id ?? '',
  repository: t.repository ?? '', priority: t.priority, complexity: t.complexity,
});

/** A new task starts where the user is looking: the filtered assignee, repository and priority. */
function newTaskValues() {
  const f = store.filters;
  return {
    title: '', description: '',
    assignee_id: f.assignee === 'me' ? (store.users.find((u) => store.isMe(u))?.id ?? '') : f.assignee,
    repository: f.repository, priority: f.priority || 'medium', complexity: 'medium', status: 'not_started',
  };
}

function setValues(form, values) {
  for (const [k, v] of Object.entries(values)) {
    const el = form.elements.namedItem(k);
    if (!el) continue;
    if (el.tagName === 'SELECT' && v && ![...el.options].some((o) => o.value === v)) el.append(h('option', { value: v }, v));
    el.value = v ?? '';
  }
}

/** The form's values, without fields hidden in this mode (status exists only when creating). */
function formValues(form) {
  const out = {};
  for (const el of form.elements) if (el.name && !el.closest('[hidden]')) out[el.name] = el.value;
  return out;
}

/** Only what the user changed, so a save does not overwrite others' changes to other fields. */
function changesOf(v, cur) {
  const body = {};
  if (v.title !== cur.title) body.title = v.title;
  if ((v.description || '') !== (cur.description || '')) body.description = v.description;
  if ((v.assignee_id || '') !== (cur.assignee?.id || '')) body.assignee_id = v.assignee_id || null;
  if ((v.repository || '') !== (cur.repository || '')) body.repository = v.repository || null;
  if (v.priority !== cur.priority) body.priority = v.priority;
  if (v.complexity !== cur.complexity) body.complexity = v.complexity;
  return body;
}

function clearErrors(form) {
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

async function onSubmit(e) {
  e.preventDefault();
  const form = e.target;
  const dlg = $('#task-dialog');
  const creating = !ctx.task;
  clearErrors(form);
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
    if (creating) {
      task = await api.createTask({ title: v.title, description: v.description || null, assignee_id: v.assignee_id || null, repository: v.repository || null, priority: v.priority, complexity: v.complexity, status: v.status }, ctx.idempotencyKey);
    } else {
      const changes = changesOf(v, ctx.task);
      if (!Object.keys(changes).length) { dlg.close(); return; }
      task = await api.updateTask(ctx.task.id, ctx.task.version, changes);
    }
    if (task?.id) {
      store.upsertTask(task);
      loadTaskDetails(task.id);
      ctx.returnFocus = cardElement(task.id) ?? ctx.returnFocus;
    }
    dlg.close();
    const title = task?.title ?? v.title;
    toast(creating ? `Created “${title}”.` : `Saved “${title}”.`);
    if (creating && task?.id && !store.matchesFilters(task)) toast('The new task is hidden by the current filters.', 'warn');
  } catch (ex) {
    if (!(ex instanceof api.ApiError)) throw ex;
    if (ex.status === 401) return;
    if ((ex.status === 409 || ex.status === 412) && !creating) {
      const latest = await refetchTask(ctx.task.id);
      if (latest) ctx.task = latest;
      $('#task-form-error').textContent = 'Someone else changed this task while you were editing. The board now shows their version; your edits are still in the form — save again to overwrite, or cancel.';
      return;
    }
    const { leftovers, first } = showFieldErrors(form, ex.fieldErrors);
    $('#task-form-error').textContent = leftovers.length ? leftovers.join(' ') : first ? 'Please fix the highlighted field below.' : ex.message;
    (first ?? $('#t-title')).focus();
  } finally {
    submit.disabled = false;
  }
}
