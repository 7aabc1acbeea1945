// Owns the signed-in frame around the board: who is signed in (top bar), the keyboard-shortcut help,
// and the page-wide shortcuts (C: new task, /: search, Esc: close the panel).
import { store } from './store.js';
import { openTaskDialog } from './task-dialog.js';
import { closePanel } from './task-panel.js';
import { $, initials, hue } from './util.js';

export function initShell() {
  $('#new-task').addEventListener('click', () => openTaskDialog());
  $('#help-toggle').addEventListener('click', () => {
    const help = $('#help');
    help.hidden = !help.hidden;
    $('#help-toggle').setAttribute('aria-expanded', String(!help.hidden));
  });
  document.addEventListener('keydown', onShortcut);
  store.subscribe(['session', 'directory'], renderUser);
}

/** The token names the user at once; the directory's name, once loaded, is preferred. */
function renderUser() {
  const me = store.me;
  if (!me) return;
  const label = me.name || me.email || me.userId || 'Signed in';
  const shown = store.users.find((u) => store.isMe(u))?.name || label;
  $('#user-name').textContent = shown;
  $('#user-name').title = [me.email, me.userId].filter(Boolean).join(' · ');
  $('#user-role').hidden = !me.isAdmin;
  const av = $('#user-avatar');
  av.textContent = initials(shown);
  av.style.setProperty('--h', hue(label)); // from the token, so the colour does not change when the directory loads
}

function onShortcut(e) {
  if ($('#app').hidden || e.ctrlKey || e.metaKey || e.altKey) return;
  const typing = e.target.closest?.('input, textarea, select, [contenteditable], dialog');
  if (e.key === 'Escape' && store.openId && !$('#task-dialog').open) { closePanel({ restoreFocus: true }); return; }
  if (typing) return;
  if (e.key === 'c' || e.key === 'C') { e.preventDefault(); openTaskDialog(); }
  else if (e.key === '/') { e.preventDefault(); $('#f-q').focus(); }
}
