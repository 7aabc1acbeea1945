// Owns the access token and what it says: stored in sessionStorage only (never localStorage, never
// in the URL: a `#token=` link is moved into storage and stripped), and its claims read for display.
const KEY = 'taskmanager.token';

/** Moves a `#token=<JWT>` fragment into sessionStorage and strips it from the address bar. */
export function captureTokenFromUrl() {
  const hash = location.hash.startsWith('#') ? location.hash.slice(1) : '';
  if (!hash) return false;
  const params = new URLSearchParams(hash);
  const token = params.get('token') || params.get('access_token');
  if (!token) return false;
  setToken(token);
  params.delete('token');
  params.delete('access_token');
  const rest = params.toString();
  history.replaceState(history.state, '', location.pathname + location.search + (rest ? '#' + rest : ''));
  return true;
}

export function getToken() {
  try { return sessionStorage.getItem(KEY); } catch { return null; }
}

export function setToken(token) {
  sessionStorage.setItem(KEY, token.trim().replace(/^Bearer\s+/i, ''));
}

export function clearToken() {
  try { sessionStorage.removeItem(KEY); } catch { /* ignore */ }
}

function b64urlDecode(part) {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bin = atob(b64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Decodes (does not verify: the server does) the JWT payload. Returns null when malformed. */
export function decodeJwt(token) {
  if (!token) return null;
  const parts = token.split('.');
  if (parts.length < 2) return null;
  try {
    const payload = JSON.parse(b64urlDecode(parts[1]));
    return payload && typeof payload === 'object' ? payload : null;
  } catch {
    return null;
  }
}

const ROLE_CLAIM = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';
const EMAIL_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';

/** The identity shown in the UI, from the token's claims. */
export function identityFromToken(token) {
  const p = decodeJwt(token);
  if (!p) return null;
  const roles = [].concat(p.role ?? p.roles ?? p[ROLE_CLAIM] ?? []);
  const email = p.email ?? p[EMAIL_CLAIM] ?? (typeof p.sub === 'string' && p.sub.includes('@') ? p.sub : null);
  return {
    userId: p.user_id ?? p.sub ?? null,
    email,
    name: p.name ?? null,
    isAdmin: roles.map(String).map((r) => r.toLowerCase()).includes('admin'),
    exp: typeof p.exp === 'number' ? p.exp : null,
  };
}

export function isExpired(identity, skewSeconds = 0) {
  return !!identity?.exp && identity.exp * 1000 <= Date.now() - skewSeconds * 1000;
}
