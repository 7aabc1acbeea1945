// Owns the small pieces of task UI that the card and the task panel share: the priority badge,
// the avatar and the actor chip (who acted: a person or an agent).
import { h, cap, initials, hue, classifyActor } from './util.js';

export function priorityBadge(p) {
  return h('span.prio', { dataset: { priority: p ?? '' }, title: `${cap(p)} priority` },
    h('span.prio-bars', { 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), h('span.prio-text', cap(p)));
}

export function avatar(name, title) {
  const n = h('span.avatar', { 'aria-hidden': 'true', title: title ?? name }, initials(name));
  n.style.setProperty('--h', hue(name));
  return n;
}

/** Who acted. `compact` (on cards) shows agents only: a person is the default and would be noise. */
export function actorChip(actor, compact = false) {
  if (!actor) return null;
  const a = classifyActor(actor);
  if (compact && a.kind !== 'agent') return null;
  return h(`span.actor.actor--${a.kind}`, { title: `${a.kind === 'agent' ? 'Agent' : 'Person'}: ${a.label}${a.detail ? ` (${a.detail})` : ''}` },
    h('span.actor-kind', a.kind === 'agent' ? 'Agent' : a.kind === 'human' ? 'Human' : '?'),
    a.label ? h('span.actor-label', a.label) : null,
    !compact && a.detail ? h('span.actor-detail', a.detail) : null);
}
