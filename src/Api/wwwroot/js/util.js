// Owns small DOM and formatting helpers with no knowledge of tasks' state: queries, hyperscript,
// the status list, times, avatars, actor classification.
export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

export const STATUSES = [
  { id: 'not_started', label: 'Not started' },
  { id: 'in_progress', label: 'In progress' },
  { id: 'blocked', label: 'Blocked' },
  { id: 'completed', label: 'Completed' },
  { id: 'cancelled', label: 'Cancelled' },
];
export const statusLabel = (s) => STATUSES.find((x) => x.id === s)?.label ?? s ?? '';
export const cap = (s) => (s ? s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, ' ') : '');

/** h('div.card#id', {attrs}, ...children) — tiny hyperscript. Strings become text nodes (never HTML). */
export function h(tag, attrs, ...children) {
  const [, name = 'div', rest = ''] = /^([a-z0-9-]+)?(.*)$/i.exec(tag);
  const node = document.createElement(name);
  for (const m of rest.matchAll(/([.#])([\w-]+)/g)) {
    if (m[1] === '.') node.classList.add(m[2]); else node.id = m[2];
  }
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === false || v == null) continue;
    if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k === 'class') node.className = [node.className, v].filter(Boolean).join(' ');
    else if (k in node && typeof v !== 'string' && k !== 'list') node[k] = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  append(node, children);
  return node;
}
function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces a select's options, keeping `value` selected (added as an option of its own if unknown). */
export function fillSelect(sel, options, value = sel.value) {
  sel.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.label)));
  if (value && !options.some((o) => o.value === value)) sel.append(h('option', { value }, value));
  sel.value = value ?? '';
}

/** How a directory user is named in pickers. */
export const userLabel = (u) => (u.name ? `${u.name}` : u.email) ?? u.id;

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
export function relTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const s = Math.round((d.getTime() - Date.now()) / 1000);
  const abs = Math.abs(s);
  if (abs < 45) return 'just now';
  if (abs < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(s / 3600), 'hour');
  if (abs < 86400 * 30) return rtf.format(Math.round(s / 86400), 'day');
  return d.toLocaleDateString();
}
export const absTime = (iso) => (iso ? new Date(iso).toLocaleString() : '');

/** "14:32" in the viewer's locale; a time on another day also names the day. */
export function clockTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return d.toDateString() === new Date().toDateString() ? time : `${d.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' })} ${time}`;
}

export function initials(name) {
  const src = String(name || '?').replace(/@.*/, '').replace(/[._-]+/g, ' ').trim();
  const parts = src.split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

/** A stable hue per string, for avatars. */
export function hue(s) {
  let x = 0;
  for (const ch of String(s)) x = (x * 31 + ch.charCodeAt(0)) % 360;
  return x;
}

/**
 * Who acted: a human (a user, shown by e-mail/name) or an agent (an MCP key, shown by its label).
 * Accepts a string (`changed_by`, `updated_by`, `author`) or an object ({type|kind, label|name, email, api_key…}).
 * Recognised string forms: "alice@example.com", "claude (via API key 'ci' of alice@example.com)",
 * "agent:claude", "claude [api-key: ci] (alice@example.com)", "ai-agent".
 */
export function classifyActor(actor) {
  if (actor == null || actor === '') return { kind: 'unknown', label: 'Unknown', detail: '' };
  if (typeof actor === 'object') {
    const kind = String(actor.type ?? actor.kind ?? (actor.api_key || actor.api_key_id || actor.key_name ? 'agent' : 'human')).toLowerCase();
    const isAgent = /agent|api[_-]?key|mcp|bot/.test(kind);
    const label = actor.label ?? actor.display ?? actor.key_name ?? actor.name ?? actor.email ?? actor.id ?? '';
    const detail = isAgent ? [actor.key_name && `key ${actor.key_name}`, actor.email ?? actor.user_email].filter(Boolean).join(' · ') : (actor.email && actor.email !== label ? actor.email : '');
    return { kind: isAgent ? 'agent' : 'human', label: String(label), detail };
  }
  const s = String(actor).trim();
  const emailOnly = /^[^\s@()[\]]+@[^\s@()[\]]+$/;
  if (emailOnly.test(s)) return { kind: 'human', label: s, detail: '' };
  let m = /^(?:agent|mcp|api[-_ ]?key)\s*[:/]\s*(.+)$/i.exec(s);
  if (m) return { kind: 'agent', label: m[1], detail: '' };
  m = /^(.+?)\s*[([](.+)[)\]]\s*$/.exec(s);
  if (m) return { kind: 'agent', label: m[1].trim(), detail: m[2].trim() };
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(s)) return { kind: 'human', label: s, detail: '' };
  return { kind: 'agent', label: s, detail: '' };
}

export function debounce(fn, ms) {
  let t;
  return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };
}
