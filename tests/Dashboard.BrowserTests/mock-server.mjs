// A tiny in-memory imitation of the TaskManager REST + SSE contract, used ONLY by mock.smoke.test.mjs
// for a fast UI smoke test (no PostgreSQL/Redis/.NET needed). The real tests target the real app.
// Run standalone: `node mock-server.mjs [port]` then open http://127.0.0.1:PORT/#token=<mock token>
// (`mockToken()` below prints one).
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';

const WWWROOT = fileURLToPath(new URL('../../src/Api/wwwroot/', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };
const STATUSES = ['not_started', 'in_progress', 'blocked', 'completed', 'cancelled'];
const PRIORITIES = ['low', 'medium', 'high', 'urgent'];
const COMPLEXITIES = ['low', 'medium', 'high'];
/** Tasks one search page examines: tiny, so a handful of tasks shows how the board follows (and stops following) cursors. */
const SEARCH_WALK = 2;

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** An unsigned-looking token the mock accepts (the mock does not verify signatures). */
export function mockToken(claims = {}) {
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ user_id: 'u-demo', email: 'demo@example.com', role: 'admin', exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}.mock-signature`;
}

export function createMockServer() {
  const users = [
    { id: 'u-demo', email: 'demo@example.com', name: 'Demo User' },
    { id: 'u-ana', email: 'ana@example.com', name: 'Ana Lima' },
  ];
  const repositories = [{ id: 'r1', name: 'auth-service' }, { id: 'r2', name: 'web-app' }];
  const tasks = new Map();
  const history = [];
  const comments = [];
  const events = []; // {id, data}
  const clients = new Set();
  let seq = 0;

  const now = () => new Date().toISOString();
  const userOf = (ref) => users.find((u) => u.id === ref || u.email === ref);
  const pub = (t) => ({ ...t, assignee: t.assignee_id ? (({ id, email, name }) => ({ id, email, name }))(userOf(t.assignee_id)) : null });

  function emit(type, t, extra = {}) {
    const id = `${Date.now()}-${++seq}`;
    const data = { type, task_id: t.id, task: { ...pub(t), ...extra }, timestamp: now(), event_id: randomUUID() };
    events.push({ id, data });
    for (const c of clients) if (c.wants(data)) c.res.write(`id: ${id}\ndata: ${JSON.stringify(data)}\n\n`);
  }
  function record(t, field, oldV, newV, actor, comment = null, viaApiKey = null) {
    history.push({ id: randomUUID(), task_id: t.id, field_changed: field, old_value: oldV, new_value: newV, changed_by: actor,
      actor: { user_id: userOf(actor)?.id ?? 'u-demo', api_key_name: viaApiKey }, comment, changed_at: now() });
  }
  function fail(res, status, code, message, details = {}) {
    send(res, status, { error: { code, message, details } });
  }
  function send(res, status, body, headers = {}) {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  }
  function authUser(req, url) {
    const raw = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '') || url.searchParams.get('access_token');
    try {
      if (raw.split('.')[2] !== 'mock-signature') return null;
      const p = JSON.parse(Buffer.from(raw.split('.')[1], 'base64url').toString());
      return userOf(p.user_id ?? p.sub) ?? null;
    } catch { return null; }
  }
  function validate(body, partial) {
    const errors = {};
    const norm = (v) => String(v).trim().toLowerCase().replace(/[\s-]+/g, '_');
    if (!partial || 'title' in body) {
      if (!body.title || !String(body.title).trim()) errors.title = ['Title is required.'];
      else if (String(body.title).length > 500) errors.title = ['Title must be at most 500 characters.'];
    }
    for (const [f, allowed] of [['priority', PRIORITIES], ['complexity', COMPLEXITIES], ['status', STATUSES]]) {
      if (body[f] != null && body[f] !== '' && !allowed.includes(norm(body[f]))) errors[f] = [`Unknown ${f} '${body[f]}'. Allowed: ${allowed.join(', ')}.`];
      else if (body[f]) body[f] = norm(body[f]);
    }
    return errors;
  }
  const readBody = (req) => new Promise((resolve) => {
    let s = '';
    req.on('data', (c) => { s += c; });
    req.on('end', () => { try { resolve(s ? JSON.parse(s) : {}); } catch { resolve(null); } });
  });
  const checkIfMatch = (req, t) => {
    const im = req.headers['if-match'];
    return !im || im.replace(/"/g, '').replace(/^W\//, '') === String(t.version);
  };

  function createTask(body, actor, viaApiKey = null) {
    const t = {
      id: randomUUID(), title: body.title, description: body.description ?? null, status: body.status || 'not_started',
      priority: body.priority || 'medium', complexity: body.complexity || 'medium', assignee_id: body.assignee_id ? userOf(body.assignee_id)?.id ?? null : null,
      repository: body.repository || null, created_by: actor, updated_by: actor, created_at: now(), updated_at: now(), version: 1,
    };
    tasks.set(t.id, t);
    record(t, 'created', null, t.title, actor, null, viaApiKey);
    emit(t.assignee_id ? 'task_assigned' : 'task_updated', t);
    return t;
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const path = url.pathname;
    // Mock-only: an "agent" creates a task (stands in for MCP create_task in the smoke test).
    if (path === '/__mock/agent' && req.method === 'POST') {
      const body = await readBody(req);
      if (body.action === 'status') {
        const t = tasks.get(body.task_id);
        const old = t.status;
        Object.assign(t, { status: body.status, updated_by: body.updated_by ?? 'claude', updated_at: now(), version: t.version + 1 });
        record(t, 'status', old, t.status, t.updated_by, null, 'ci-bot');
        emit(t.status === 'completed' ? 'task_completed' : 'task_updated', t);
        return send(res, 200, pub(t));
      }
      return send(res, 201, pub(createTask(body, body.created_by ?? 'claude', 'ci-bot')));
    }
    if (path === '/mcp' && req.method === 'POST') {
      if (req.headers['x-api-key'] !== 'mock-key') return fail(res, 401, 'unauthorized', 'A valid API key is required.');
      const msg = await readBody(req);
      if (!msg?.id) { res.writeHead(202); return res.end(); }
      let result;
      if (msg.method === 'initialize') result = { protocolVersion: msg.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'mock', version: '0' } };
      else if (msg.method === 'tools/call' && msg.params.name === 'create_task') {
        const a = msg.params.arguments;
        const t = pub(createTask({ ...a, assignee_id: userOf(a.assignee_id)?.id }, a.created_by ?? 'ai-agent', 'mock-key'));
        result = { content: [{ type: 'text', text: JSON.stringify(t) }], structuredContent: t };
      } else result = { content: [{ type: 'text', text: 'unsupported' }], isError: true };
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      return res.end(`event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', id: msg.id, result })}\n\n`);
    }
    if (!path.startsWith('/api/')) {
      const rel = normalize(path === '/' ? 'index.html' : path.slice(1));
      if (rel.startsWith('..')) return fail(res, 404, 'not_found', 'Not found');
      try {
        const data = await readFile(join(WWWROOT, rel));
        res.writeHead(200, { 'Content-Type': TYPES[extname(rel)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
        return res.end(data);
      } catch { return fail(res, 404, 'not_found', 'Not found'); }
    }
    const me = authUser(req, url);
    if (!me) return fail(res, 401, 'unauthorized', 'A valid bearer token is required.');

    if (path === '/api/users') return send(res, 200, users);
    if (path === '/api/api-keys' && req.method === 'POST') return send(res, 201, { id: 'k1', name: 'x', key: 'mock-key', created_at: now() });
    if (path.startsWith('/api/api-keys/') && req.method === 'DELETE') { res.writeHead(204); return res.end(); }
    if (path === '/api/repositories') return send(res, 200, { items: repositories, next_cursor: null });
    if (path === '/api/tasks/stream') {
      const uid = url.searchParams.get('user_id');
      const userId = !uid || uid === 'me' ? me.id : userOf(uid)?.id;
      const repos = (url.searchParams.get('repositories') ?? '').split(',').filter(Boolean);
      const wants = (d) => d.task?.assignee?.id === userId || (d.task?.repository && repos.includes(d.task.repository));
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' });
      res.write('retry: 1000\n: subscribed\n\n');
      const last = req.headers['last-event-id'] ?? url.searchParams.get('last_event_id');
      if (last) {
        const i = events.findIndex((e) => e.id === last);
        for (const e of events.slice(i + 1)) if (wants(e.data)) res.write(`id: ${e.id}\ndata: ${JSON.stringify(e.data)}\n\n`);
      }
      const client = { res, wants };
      clients.add(client);
      const hb = setInterval(() => res.write(`data: ${JSON.stringify({ type: 'heartbeat', timestamp: now() })}\n\n`), 15000);
      req.on('close', () => { clearInterval(hb); clients.delete(client); });
      return;
    }
    if (path === '/api/tasks' && req.method === 'GET') {
      const p = url.searchParams;
      let list = [...tasks.values()].filter((t) => !t.deleted);
      const uid = p.get('user_id') ?? p.get('assignee');
      if (uid) { const u = uid === 'me' ? me : userOf(uid); list = list.filter((t) => t.assignee_id === u?.id); }
      if (p.get('repository')) list = list.filter((t) => t.repository === p.get('repository'));
      if (p.get('priority')) list = list.filter((t) => t.priority === p.get('priority'));
      if (p.get('status')) list = list.filter((t) => p.get('status').split(',').includes(t.status));
      list.sort((a, b) => b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id));
      if (p.get('q')) {
        // Like the server's bounded search: a page examines a few tasks and may come back short, even empty, with a
        // cursor at the last task examined (docs/contract.md, "Task search").
        const from = Number(p.get('cursor') ?? 0);
        const examined = list.slice(from, from + SEARCH_WALK);
        const found = examined.filter((t) => `${t.title} ${t.description ?? ''}`.toLowerCase().includes(p.get('q').toLowerCase()));
        const next = from + SEARCH_WALK < list.length ? String(from + SEARCH_WALK) : null;
        return send(res, 200, { items: found.map(pub), next_cursor: next });
      }
      return send(res, 200, { items: list.map(pub), next_cursor: null });
    }
    if (path === '/api/tasks' && req.method === 'POST') {
      const body = await readBody(req);
      if (!body) return fail(res, 400, 'validation_failed', 'The request body is not valid JSON.');
      const errors = validate(body, false);
      if (body.assignee_id && !userOf(body.assignee_id)) return fail(res, 404, 'not_found', `User '${body.assignee_id}' was not found.`);
      if (Object.keys(errors).length) return fail(res, 400, 'validation_failed', 'The task is not valid.', { errors });
      const t = createTask(body, me.email);
      return send(res, 201, pub(t), { Location: `/api/tasks/${t.id}` });
    }
    // The mock keeps no dependencies between its tasks: the list is always empty.
    if (path === '/api/tasks/dependencies') return send(res, 200, { items: [], next_cursor: null });
    const m = /^\/api\/tasks\/([^/]+)(\/status|\/comments|\/history)?$/.exec(path);
    const t = m && tasks.get(m[1]);
    if (!t || t.deleted) return fail(res, 404, 'not_found', 'Task not found.');
    const sub = m[2];
    if (!sub && req.method === 'GET') return send(res, 200, { ...pub(t), comments: comments.filter((c) => c.task_id === t.id) }, { ETag: `"${t.version}"` });
    if (sub === '/history') return send(res, 200, { items: history.filter((x) => x.task_id === t.id) });
    if (sub === '/comments' && req.method === 'GET') return send(res, 200, { items: comments.filter((c) => c.task_id === t.id) });
    if (sub === '/comments' && req.method === 'POST') {
      const body = await readBody(req);
      if (!body?.comment?.trim()) return fail(res, 400, 'validation_failed', 'Comment is required.', { errors: { comment: ['Comment is required.'] } });
      const c = { id: randomUUID(), task_id: t.id, comment: body.comment, author: me.email, actor: { user_id: me.id, api_key_name: null }, created_at: now() };
      comments.push(c);
      emit('task_commented', t, { comment: c });
      return send(res, 201, c);
    }
    if (!checkIfMatch(req, t)) return fail(res, 412, 'conflict', 'The task was changed by someone else.', { current_version: t.version });
    if (sub === '/status' && req.method === 'PUT') {
      const body = await readBody(req);
      const errors = validate({ status: body?.status ?? '' }, true);
      if (!body?.status) errors.status = ['Status is required.'];
      if (Object.keys(errors).length) return fail(res, 400, 'validation_failed', 'Invalid status.', { errors });
      const old = t.status;
      Object.assign(t, { status: body.status.trim().toLowerCase().replace(/[\s-]+/g, '_'), updated_by: me.email, updated_at: now(), version: t.version + 1 });
      record(t, 'status', old, t.status, me.email, body.comment ?? null);
      emit(t.status === 'completed' ? 'task_completed' : 'task_updated', t);
      return send(res, 200, pub(t));
    }
    if (!sub && req.method === 'PATCH') {
      const body = await readBody(req);
      const errors = validate(body ?? {}, true);
      if (Object.keys(errors).length) return fail(res, 400, 'validation_failed', 'The task is not valid.', { errors });
      for (const f of ['title', 'description', 'priority', 'complexity', 'repository', 'assignee_id']) {
        if (f in body && body[f] !== t[f]) { record(t, f, t[f], body[f], me.email); t[f] = body[f]; }
      }
      Object.assign(t, { updated_by: me.email, updated_at: now(), version: t.version + 1 });
      emit('task_updated', t);
      return send(res, 200, pub(t));
    }
    if (!sub && req.method === 'DELETE') {
      t.deleted = true;
      record(t, 'deleted', null, null, me.email);
      emit('task_deleted', t);
      res.writeHead(204);
      return res.end();
    }
    return fail(res, 405, 'not_found', 'Method not allowed.');
  });
  return {
    server,
    tasks,
    listen: (port = 0) => new Promise((r) => server.listen(port, '127.0.0.1', () => r(`http://127.0.0.1:${server.address().port}`))),
    close: () => new Promise((r) => { for (const c of clients) c.res.destroy(); server.close(r); }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const mock = createMockServer();
  const base = await mock.listen(Number(process.argv[2] ?? 0));
  console.log(`mock TaskManager at ${base}\nopen ${base}/#token=${mockToken()}`);
}
