// Owns user feedback that is not part of the board itself: toasts (visible, dismissable) and
// announcements for screen readers (the #live-announcer region).
import { $, h } from './util.js';

const MAX_TOASTS = 4;

export function toast(msg, kind = 'info') {
  const box = $('#toasts');
  const t = h(`div.toast.toast--${kind}`, { role: kind === 'error' ? 'alert' : 'status' },
    h('span.toast-msg', msg),
    h('button.btn.btn--ghost.btn--icon', { type: 'button', 'aria-label': 'Dismiss', onclick: () => t.remove() }, '×'));
  box.append(t);
  while (box.children.length > MAX_TOASTS) box.firstChild.remove();
  // Problems stay longer: they usually ask the user to do something.
  setTimeout(() => t.remove(), kind === 'error' || kind === 'warn' ? 12_000 : 5_000);
}

/** Says `msg` to screen readers. Emptying the region first makes a repeated message heard again. */
export function announce(msg) {
  const n = $('#live-announcer');
  n.textContent = '';
  setTimeout(() => { n.textContent = msg; }, 30);
}
