// Owns what a task's card shows. The board keeps the card element (focus, drag, keyboard) and calls
// renderCard whenever the task changes; a new field on the card is a change to this file only.
import { h, cap, statusLabel, relTime, absTime } from './util.js';
import { priorityBadge, avatar, actorChip } from './components.js';

/** Fills card element `li` from `task`: its data attributes, its accessible name and its content. */
export function renderCard(li, task) {
  li.dataset.status = task.status;
  li.dataset.priority = task.priority ?? '';
  li.setAttribute('aria-label', cardLabel(task));
  li.replaceChildren(
    h('div.card-top', h('span.card-repo', task.repository ?? 'No repository'), priorityBadge(task.priority)),
    h('p.card-title', task.title),
    cardMeta(task));
}

/** What a screen reader says for the card: the same facts as the visible card, as one sentence. */
function cardLabel(t) {
  const a = t.assignee;
  return `${t.title}. ${statusLabel(t.status)}, ${cap(t.priority)} priority`
    + `${a ? `, assigned to ${a.name || a.email}` : ', unassigned'}${t.repository ? `, repository ${t.repository}` : ''}.`;
}

function cardMeta(t) {
  const a = t.assignee;
  return h('div.card-meta',
    a ? avatar(a.name || a.email, a.email) : h('span.avatar.avatar--empty', { title: 'Unassigned', 'aria-hidden': 'true' }),
    h('span.card-assignee', a ? (a.name || a.email) : 'Unassigned'),
    actorChip(t.updated_by ?? t.created_by, true),
    // data-rel: the board's ticker keeps this relative time fresh.
    h('time.card-time', { dateTime: t.updated_at ?? '', dataset: { rel: '' }, title: absTime(t.updated_at) }, relTime(t.updated_at)));
}
