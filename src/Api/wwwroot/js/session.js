// Owns signing in and out: the sign-in screen, the token from a `#token=` link, the switch between
// sign-in and board, and starting / stopping what runs only while signed in (directory refresh,
// live updates). Token storage and JWT reading are auth.js.
import * as api from './api.js';
import { captureTokenFromUrl, getToken, setToken, clearToken, identityFromToken, isExpired, decodeJwt } from './auth.js';
import { store } from './store.js';
import { reloadTasks } from './tasks.js';
import { loadDirectory, startDirectoryRefresh, stopDirectoryRefresh } from './directory.js';
import { startLiveUpdates, stopLiveUpdates } from './live-updates.js';
import { loadFiltersFromUrl } from './filters.js';
import { $ } from './util.js';

export function initSession() {
  api.setUnauthorizedHandler(() => signOut('Your session has expired or the token was rejected. Paste a new token to continue.'));
  addEventListener('hashchange', () => { if (captureTokenFromUrl()) resumeSession(); });
  $('#signin-form').addEventListener('submit', onSignIn);
  $('#signout').addEventListener('click', () => signOut('You have signed out.'));
}

/** Signs in with a token from the URL or from this tab's storage; otherwise shows sign-in. */
export function resumeSession() {
  captureTokenFromUrl();
  const token = getToken();
  const me = identityFromToken(token);
  if (!token || !me) return showSignIn(token ? 'That token could not be read. Paste a valid JWT.' : '');
  if (isExpired(me)) { clearToken(); return showSignIn('Your token has expired. Paste a new one.'); }
  store.startSession(me);
  showBoard();
}

function showBoard() {
  $('#signin').hidden = true;
  $('#app').hidden = false;
  document.title = 'Board · TaskManager';
  loadFiltersFromUrl();
  // The stream subscribes per repository, so it waits for the directory.
  loadDirectory().then(() => {
    reloadTasks();
    startLiveUpdates();
  });
  startDirectoryRefresh();
}

function showSignIn(reason) {
  stopLiveUpdates();
  stopDirectoryRefresh();
  $('#app').hidden = true;
  $('#signin').hidden = false;
  $('#signin-reason').textContent = reason || '';
  $('#signin-reason').hidden = !reason;
  document.title = 'Sign in · TaskManager';
  $('#signin-token').focus();
}

function signOut(reason = '') {
  clearToken();
  store.endSession();
  showSignIn(reason);
}

async function onSignIn(ev) {
  ev.preventDefault();
  const input = $('#signin-token');
  const err = $('#signin-token-error');
  const token = input.value.trim().replace(/^Bearer\s+/i, '');
  err.textContent = '';
  input.removeAttribute('aria-invalid');
  const fail = (msg) => { err.textContent = msg; input.setAttribute('aria-invalid', 'true'); input.focus(); };
  if (!token) return fail('Paste an access token.');
  if (!decodeJwt(token)) return fail('This is not a JWT (expected three dot-separated parts).');
  if (isExpired(identityFromToken(token))) return fail('This token has expired.');
  // Check it with the server before switching screens.
  try {
    if (!await api.isTokenAccepted(token)) return fail('The server rejected this token (401).');
  } catch {
    return fail('Cannot reach the server.');
  }
  setToken(token);
  input.value = '';
  $('#signin-reason').textContent = '';
  resumeSession();
}
