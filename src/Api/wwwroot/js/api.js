// Owns the REST API: one function per endpoint the dashboard calls, bearer auth, JSON, and the
// contract's error shape (ApiError). Nothing else in the dashboard builds an /api URL or a header.
import { getToken } from './auth.js';
import { UNASSIGNED } from './store.js';

export class ApiError extends Error {
  constructor(status, body) {
    const err = body?.error ?? {};
    super(err.message || `Request failed (${status})`);
    this.status = status;
    this.code = err.code || (status === 401 ? 'unauthorized' : 'http_' + status);
    this.details = err.details ?? {};
    this.body = body;
  }
  /** details.errors as { field: [messages] } (field names lower-cased, snake_case). */
  get fieldErrors() {
    const out = {};
    const errs = this.details?.errors;
    if (errs && typeof errs === 'object') {
      for (const [k, v] of Object.entries(errs)) {
        const key = k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/^\$\./, '').toLowerCase();
        out[key] = [].concat(v).map(String);
      }
    }
    return out;
  }
}

let onUnauthorized = () => {};
/** Called on any 401: the session is over, whichever request noticed it first. */
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

async function request(path, { method = 'GET', body, headers = {} } = {}) {
  const h = { Accept: 'application/json', ...headers };
  const token = getToken();
  if (token) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch {
    throw new ApiError(0, { error: { code: 'network_error', message: 'Cannot reach the server. Check your connection.' } });
  }
  const text = await res.text();
  let data = null;
  if (text) { try { data = JSON.parse(text); } catch { data = null; } }
  if (!res.ok) {
    const err = new ApiError(res.status, data);
    if (res.status === 401) onUnauthorized(err);
    throw err;
  }
  return data;
}

/** Lists come as an array or as {items}; accept both. */
const itemsOf = (data) => (Array.isArray(data) ? data : Array.isArray(data?.items) ? data.items : []);

/** An HTTP If-Match value for a task version (an entity tag, quoted). */
const ifMatch = (version) => ({ 'If-Match': `"${version}"` });

const taskPath = (id, rest = '') => `/api/tasks/${encodeURIComponent(id)}${rest}`;

/**
 * Asks the server whether `token` is accepted, before it is stored. Resolves false only on a 401
 * (any other answer means the token is fine and something else is wrong); rejects when the server
 * cannot be reached. Deliberately bypasses `request`, whose 401 would end the current session.
 */
export async function isTokenAccepted(token) {
  const res = await fetch('/api/repositories', { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  return res.status !== 401;
}

/** Everyone, deactivated people too: history and filters still name them; the task dialog offers only the active. */
export const listUsers = async () => itemsOf(await request('/api/users?include_inactive=true'));

/** Repository names (the server may send names or {name} objects). */
export const listRepositories = async () =>
  itemsOf(await request('/api/repositories')).map((r) => (typeof r === 'string' ? r : r.name)).filter(Boolean);

/** Walks every page of GET /api/tasks for the board's filters (capped, to keep the browser responsive). */
export async function listAllTasks(filters, { max = 2000, maxPages = 8 } = {}) {
  const out = [];
  let cursor = null;
  let pages = 0;
  do {
    const qs = new URLSearchParams(taskQuery(filters));
    qs.set('limit', '500');
    if (cursor) qs.set('cursor', cursor);
    const data = await request(`/api/tasks?${qs}`);
    out.push(...itemsOf(data));
    cursor = Array.isArray(data) ? null : data?.next_cursor ?? null;
    // A search page does bounded work and may come back short, even empty, with a cursor (docs/contract.md, "Task
    // search"): a word found only in old tasks would otherwise chain hundreds of requests behind one board load.
  } while (cursor && out.length < max && ++pages < maxPages);
  return { items: out, truncated: !!cursor };
}

function taskQuery({ assignee, repository, priority, q }) {
  const p = {};
  // The server filters by a user only; "unassigned" is filtered on the board (store.matchesFilters).
  if (assignee && assignee !== UNASSIGNED) p.user_id = assignee;
  if (repository) p.repository = repository;
  if (priority) p.priority = priority;
  if (q) p.q = q;
  return p;
}

/** Every open dependency ({task, blocked_by}: who waits for whom), all pages: the board shows them on the cards. */
export async function listOpenDependencies() {
  const out = [];
  let cursor = null;
  do {
    const qs = new URLSearchParams({ limit: '500' });
    if (cursor) qs.set('cursor', cursor);
    const data = await request(`/api/tasks/dependencies?${qs}`);
    out.push(...itemsOf(data));
    cursor = data?.next_cursor ?? null;
  } while (cursor);
  return out;
}

/** The task alone: its embedded comments are left out (the panel loads them with listComments). */
export async function getTask(id) {
  const data = await request(taskPath(id));
  if (!data?.id) return null;
  const { comments, ...task } = data;
  return task;
}

/** The key makes a retried submit of the same dialog create one task, not two. */
export const createTask = (fields, idempotencyKey) =>
  request('/api/tasks', { method: 'POST', body: fields, headers: { 'Idempotency-Key': idempotencyKey } });

/** Changes only the fields in `changes`; refused (409/412) when the task is no longer at `version`. */
export const updateTask = (id, version, changes) =>
  request(taskPath(id), { method: 'PATCH', body: changes, headers: ifMatch(version) });

export const setTaskStatus = (id, version, status) =>
  request(taskPath(id, '/status'), { method: 'PUT', body: { status }, headers: ifMatch(version) });

export const deleteTask = (id, version) => request(taskPath(id), { method: 'DELETE', headers: ifMatch(version) });

export const listComments = async (id) => itemsOf(await request(taskPath(id, '/comments')));

export const addComment = (id, comment) => request(taskPath(id, '/comments'), { method: 'POST', body: { comment } });

export const listHistory = async (id) => itemsOf(await request(taskPath(id, '/history')));

/** The SSE stream URL. EventSource cannot send headers, so the token travels as a query parameter. */
export function taskStreamUrl({ token, userId, repositories }) {
  const p = new URLSearchParams({ access_token: token, user_id: userId, repositories: repositories.join(',') });
  return `/api/tasks/stream?${p}`;
}
