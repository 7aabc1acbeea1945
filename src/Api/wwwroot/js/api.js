// Thin REST client: bearer auth, JSON, the contract's error shape.
import { getToken } from './auth.js';

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
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

/** An HTTP If-Match value for a task version (an entity tag, quoted). */
export const ifMatch = (version) => `"${version}"`;

export async function api(path, { method = 'GET', body, headers = {}, signal } = {}) {
  const h = { Accept: 'application/json', ...headers };
  const token = getToken();
  if (token) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), signal, cache: 'no-store' });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
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
export const itemsOf = (data) => (Array.isArray(data) ? data : Array.isArray(data?.items) ? data.items : []);

/** Walks every page of GET /api/tasks (capped, to keep the browser responsive). */
export async function listAllTasks(params, { max = 2000, signal } = {}) {
  const out = [];
  let cursor = null;
  do {
    const qs = new URLSearchParams(params);
    qs.set('limit', '500');
    if (cursor) qs.set('cursor', cursor);
    const data = await api(`/api/tasks?${qs}`, { signal });
    out.push(...itemsOf(data));
    cursor = Array.isArray(data) ? null : data?.next_cursor ?? null;
  } while (cursor && out.length < max);
  return { items: out, truncated: !!cursor };
}
