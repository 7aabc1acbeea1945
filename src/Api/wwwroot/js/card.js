// Owns what a task's card shows. The board keeps the card element (focus, drag, keyboard) and calls
// renderCard whenever the task or its dependencies change; a new field on the card is a change to this file only.
import { h, cap, statusLabel, relTime, absTime, clockTime } from './util.js';
import { priorityBadge, avatar, actorChip } from './components.js';

/**
 * Fills card element `li` from `task` and what the store knows around it: its data attributes, its
 * accessible name and its content.
 * @param {{ blockedBy: {id,title,status}[], blocks: {id,title,status}[], ready: boolean }} around
 */
export function renderCard(li, task, { blockedBy, blocks, ready }) {
  li.dataset.status = task.status;
  li.dataset.priority = task.priority ?? '';
  li.classList.toggle('card--waiting', blockedBy.length > 0);
  li.setAttribute('aria-label', cardLabel(task, blockedBy, blocks, ready));
  li.replaceChildren(...[
    h('div.card-top', h('span.card-repo', task.repository ?? 'No repository'), priorityBadge(task.priority)),
    h('p.card-title', task.title),
    dependencies(blockedBy, blocks),
    task.lease_holder ? lease(task) : null,
    cardMeta(task, ready),
  ].filter(Boolean)); // replaceChildren would show a null as the text "null"
}

/** What a screen reader says for the card: the same facts as the visible card, as one sentence. */
function cardLabel(t, blockedBy, blocks, ready) {
  const a = t.assignee;
  const who = a ? `, assigned to ${a.name || a.email}` : ready ? ', unassigned, ready to claim' : ', unassigned';
  return `${t.title}. ${statusLabel(t.status)}, ${cap(t.priority)} priority${who}`
    + `${t.repository ? `, repository ${t.repository}` : ''}.`
    + (t.lease_holder ? ` Held by ${t.lease_holder} until ${clockTime(t.lease_expires_at)}.` : '')
    + (blockedBy.length ? ` Blocked by ${titles(blockedBy)}.` : '')
    + (blocks.length ? ` Blocks ${titles(blocks)}.` : '');
}

const titles = (links) => links.map((l) => `“${l.title}”`).join(', ');

/** "Blocked by N" opens to the blockers' titles; "Blocks N" names the waiting tasks in its tooltip. */
function dependencies(blockedBy, blocks) {
  if (!blockedBy.length && !blocks.length) return null;
  return h('div.card-deps',
    blockedBy.length ? h('details.card-blockers',
      // Opening the list is not opening the task: keep the click (and Enter) off the card.
      { onclick: (e) => e.stopPropagation(), onkeydown: (e) => e.stopPropagation() },
      h('summary', `Blocked by ${blockedBy.length}`),
      h('ul', blockedBy.map((b) => h('li', { title: statusLabel(b.status) }, b.title)))) : null,
    blocks.length ? h('span.card-blocks', { title: `Waiting for this task: ${blocks.map((b) => b.title).join(', ')}` }, `Blocks ${blocks.length}`) : null);
}

/** Who holds the lease and until when: the clock time in the viewer's locale, and how long that is from now. */
function lease(t) {
  return h('p.card-lease',
    h('span.card-lease-holder', { title: `Lease holder: ${t.lease_holder}` }, t.lease_holder),
    ' until ',
    h('time', { dateTime: t.lease_expires_at ?? '', title: absTime(t.lease_expires_at) }, clockTime(t.lease_expires_at)),
    ' · ',
    // data-rel: the board's ticker keeps "in 12 minutes" fresh without re-rendering the card.
    h('time.card-lease-rel', { dateTime: t.lease_expires_at ?? '', dataset: { rel: '' } }, relTime(t.lease_expires_at)));
}

function cardMeta(t, ready) {
  const a = t.assignee;
  return h('div.card-meta',
    a ? avatar(a.name || a.email, a.email) : h('span.avatar.avatar--empty', { title: 'Unassigned', 'aria-hidden': 'true' }),
    a ? h('span.card-assignee', a.name || a.email)
      : ready ? h('span.card-assignee.card-assignee--ready', 'Unassigned — ready to claim') : h('span.card-assignee', 'Unassigned'),
    actorChip(t.updated_by ?? t.created_by, true),
    // data-rel: the board's ticker keeps this relative time fresh.
    h('time.card-time', { dateTime: t.updated_at ?? '', dataset: { rel: '' }, title: absTime(t.updated_at) }, relTime(t.updated_at)));
}
