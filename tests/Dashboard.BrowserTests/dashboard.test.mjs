// End-to-end tests of the web dashboard in a real browser (system Chromium) against the RUNNING app.
//
// Environment:
//   BASE_URL         required  where the app listens, e.g. http://127.0.0.1:8000 (no trailing slash needed)
//   DASHBOARD_TOKEN  required  a JWT of an admin user (e.g. `dotnet run --project src/Api -- token --user demo@example.com --admin`)
//   SECOND_TOKEN     optional  a JWT of a second user, used by the second browser context (default: DASHBOARD_TOKEN)
//   API_KEY          optional  an MCP API key for the "agent"; when absent the test creates one with
//                              POST /api/api-keys using DASHBOARD_TOKEN (and revokes it afterwards)
//   CHROMIUM_PATH    optional  default /usr/bin/chromium (never downloaded)
// Without BASE_URL and DASHBOARD_TOKEN every test here is skipped (mock.smoke.test.mjs still runs).
//
// Run: npm ci && node --test --test-reporter=spec --test-reporter-destination=stdout \
//        --test-reporter=junit --test-reporter-destination=results.xml
// Screenshots go to ./artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openBoard, column, card, shot, uniq } from './helpers.mjs';

const BASE_URL = (process.env.BASE_URL ?? '').replace(/\/+$/, '');
const TOKEN = process.env.DASHBOARD_TOKEN ?? '';
const SECOND_TOKEN = process.env.SECOND_TOKEN || TOKEN;
let apiKey = process.env.API_KEY ?? '';
const skip = !BASE_URL || !TOKEN ? 'BASE_URL and DASHBOARD_TOKEN are required for the real-app tests' : false;

let browser;
let createdKeyId = null;
let repo = null; // a repository name the tasks go to, so every board's SSE subscription sees them
let me = null;   // { id, email } of the DASHBOARD_TOKEN user

async function rest(method, path, body, token = TOKEN, headers = {}) {
  const res = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: res.status, json, headers: res.headers };
}
const itemsOf = (d) => (Array.isArray(d) ? d : d?.items ?? []);

function claims(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

/** Calls an MCP tool over Streamable HTTP as an agent would (JSON-RPC; the answer may be SSE `data:` lines). */
async function mcpCall(name, args, key = apiKey) {
  let session = null;
  const post = async (msg) => {
    const res = await fetch(`${BASE_URL}/mcp`, {
      method: 'POST',
      headers: { 'X-API-Key': key, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...(session ? { 'Mcp-Session-Id': session } : {}) },
      body: JSON.stringify(msg),
    });
    session = res.headers.get('mcp-session-id') ?? session;
    const text = await res.text();
    if (!res.ok && res.status !== 202) throw new Error(`MCP ${msg.method} -> HTTP ${res.status}: ${text.slice(0, 300)}`);
    if (!text.trim()) return null;
    const payloads = text.trimStart().startsWith('{') ? [text] : text.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim());
    const msgs = payloads.filter(Boolean).map((p) => JSON.parse(p));
    return msgs.find((m) => m.id === msg.id) ?? msgs.at(-1) ?? null;
  };
  await post({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'dashboard-browser-test', version: '1.0.0' } } });
  await post({ jsonrpc: '2.0', method: 'notifications/initialized' });
  const reply = await post({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name, arguments: args } });
  assert.ok(reply?.result, `MCP tools/call ${name} answered: ${JSON.stringify(reply)}`);
  assert.notEqual(reply.result.isError, true, `MCP tool ${name} failed: ${JSON.stringify(reply.result)}`);
  return reply.result.structuredContent ?? JSON.parse(reply.result.content?.[0]?.text ?? 'null');
}

async function createTaskViaApi(title, extra = {}) {
  const r = await rest('POST', '/api/tasks', { title, description: 'Created by the browser tests.', repository: repo, assignee_id: me.id, priority: 'medium', complexity: 'low', ...extra });
  assert.equal(r.status, 201, `POST /api/tasks: ${JSON.stringify(r.json)}`);
  return r.json;
}

before(async () => {
  if (skip) return;
  browser = await launch();
  const c = claims(TOKEN);
  const users = itemsOf((await rest('GET', '/api/users')).json);
  const u = users.find((x) => x.id === (c.user_id ?? c.sub) || (x.email && (x.email === c.email || x.email === c.sub)));
  assert.ok(u, 'the DASHBOARD_TOKEN user is in GET /api/users');
  me = { id: u.id, email: u.email };
  const repos = itemsOf((await rest('GET', '/api/repositories')).json);
  repo = repos[0]?.name;
  if (!repo) {
    const r = await rest('POST', '/api/repositories', { name: 'dashboard-tests', url: 'https://example.com/dashboard-tests' });
    assert.equal(r.status, 201, `POST /api/repositories: ${JSON.stringify(r.json)}`);
    repo = r.json.name;
  }
});

/** The agent's MCP key: API_KEY, or one made for this run (only the MCP test needs it). */
async function ensureApiKey() {
  if (apiKey) return;
  const r = await rest('POST', '/api/api-keys', { name: 'dashboard-browser-tests' });
  assert.equal(r.status, 201, `POST /api/api-keys (set API_KEY to skip this): ${JSON.stringify(r.json)}`);
  apiKey = r.json.key;
  createdKeyId = r.json.id;
}

after(async () => {
  if (createdKeyId) await rest('DELETE', `/api/api-keys/${createdKeyId}`).catch(() => {});
  await browser?.close();
});

test('signs in through the /#token= link, hides the token, signs out; a rejected token returns to sign-in', { skip }, async () => {
  const { context, page } = await openBoard(browser, BASE_URL, TOKEN);
  assert.equal(new URL(page.url()).hash, '', 'the token is removed from the address bar');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('taskmanager.token')), TOKEN);
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing in localStorage');
  await page.locator('#user-name').filter({ hasText: /\S/ }).waitFor();
  for (const s of ['not_started', 'in_progress', 'blocked', 'completed', 'cancelled']) assert.equal(await column(page, s).count(), 1);
  await shot(page, 'signed-in-board');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.locator('#signin').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('taskmanager.token')), null);

  // A well-formed JWT with a wrong signature: the API says 401 and the page goes back to sign-in.
  const [h, p] = TOKEN.split('.');
  await page.goto(`${BASE_URL}/#token=${h}.${p}.${'A'.repeat(43)}`);
  await page.locator('#signin').waitFor();
  await page.locator('#signin-reason').filter({ hasText: /expired|rejected/i }).waitFor();
  await shot(page, 'signin-after-401');

  // Paste a good token into the sign-in form.
  await page.getByLabel('Access token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#conn[data-state="live"]').waitFor({ timeout: 15_000 });
  await context.close();
});

test('creates a task through the form and shows it in its column', { skip }, async () => {
  const { context, page } = await openBoard(browser, BASE_URL, TOKEN);
  const title = uniq('Form-created task');
  await page.getByRole('button', { name: /New task/ }).click();
  const dlg = page.getByRole('dialog', { name: 'New task' });
  await dlg.getByLabel('Title').fill(title);
  await dlg.getByLabel('Description').fill('Made in the browser test.');
  await dlg.getByLabel('Repository').selectOption(repo);
  await dlg.getByLabel('Priority').selectOption('high');
  await dlg.getByLabel('Status').selectOption('in_progress');
  await dlg.getByRole('button', { name: 'Create task' }).click();
  await column(page, 'in_progress').locator('.card', { hasText: title }).waitFor();
  assert.equal(await dlg.isVisible(), false, 'the dialog closed');
  await shot(page, 'created-via-form');

  // It is really on the server, with the chosen fields.
  const list = itemsOf((await rest('GET', `/api/tasks?q=${encodeURIComponent(title)}`)).json);
  const t = list.find((x) => x.title === title);
  assert.ok(t, 'GET /api/tasks finds the new task');
  assert.equal(t.status, 'in_progress');
  assert.equal(t.priority, 'high');
  assert.equal(t.repository, repo);

  // The panel shows description and history.
  await card(page, title).click();
  await page.locator('#panel-title', { hasText: title }).waitFor();
  await page.locator('#panel-desc', { hasText: 'Made in the browser test.' }).waitFor();
  await page.locator('#panel-history .history-item').first().waitFor();
  await shot(page, 'task-panel');
  await context.close();
});

test('a task created by an agent over MCP appears on an open board without reload', { skip }, async () => {
  await ensureApiKey();
  const { context, page } = await openBoard(browser, BASE_URL, TOKEN);
  let navigations = 0;
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations++; });
  const title = uniq('Agent-created task');
  const created = await mcpCall('create_task', {
    title, description: 'Created through MCP by the browser test.', assignee_id: me.email, repository: repo,
    priority: 'urgent', complexity: 'medium', created_by: 'test-agent',
  });
  assert.ok(created?.id ?? created?.task?.id, `create_task returned the task: ${JSON.stringify(created)}`);
  await column(page, 'not_started').locator('.card', { hasText: title }).waitFor({ timeout: 10_000 });
  assert.equal(navigations, 0, 'no reload happened');
  await page.locator('#live-announcer', { hasText: title }).waitFor({ timeout: 5_000 });
  await card(page, title).click();
  await page.locator('#panel-title', { hasText: title }).waitFor();
  await page.locator('#panel .actor').first().waitFor();
  await shot(page, 'agent-task-live');
  await context.close();
});

test('a comment an agent signs as someone else shows that label beside the key and owner who wrote it', { skip }, async () => {
  const made = await rest('POST', '/api/api-keys', { name: 'ci-bot' });
  assert.equal(made.status, 201, `POST /api/api-keys: ${JSON.stringify(made.json)}`);
  try {
    const task = await createTaskViaApi(uniq('Signed-off task'));
    await mcpCall('add_task_comment', { task_id: task.id, comment: 'Approved.', author: 'cto@example.com' }, made.json.key);
    const { context, page } = await openBoard(browser, BASE_URL, TOKEN);
    await card(page, task.title).click();
    const chip = page.locator('#panel-comments .actor', { hasText: 'cto@example.com' });
    await chip.waitFor();
    assert.equal(await chip.locator('.actor-kind').textContent(), 'Agent');
    assert.equal(await chip.locator('.actor-detail').textContent(), `key ci-bot · ${me.email}`);
    await shot(page, 'comment-real-actor');
    await context.close();
  } finally {
    await rest('DELETE', `/api/api-keys/${made.json.id}`);
  }
});

test('a status change in one browser context (drag and drop, keyboard, select) appears in another', { skip }, async () => {
  const title = uniq('Shared task');
  await createTaskViaApi(title);
  const a = await openBoard(browser, BASE_URL, TOKEN);
  const b = await openBoard(browser, BASE_URL, SECOND_TOKEN, { viewport: { width: 1280, height: 800 } });
  await card(a.page, title).waitFor();
  await card(b.page, title).waitFor();

  // drag and drop in A
  await card(a.page, title).dragTo(column(a.page, 'in_progress'));
  await column(a.page, 'in_progress').locator('.card', { hasText: title }).waitFor();
  await column(b.page, 'in_progress').locator('.card', { hasText: title }).waitFor({ timeout: 10_000 });

  // keyboard in A: focus the card, Shift+ArrowRight moves it one column right
  await card(a.page, title).focus();
  await a.page.keyboard.press('Shift+ArrowRight');
  await column(a.page, 'blocked').locator('.card', { hasText: title }).waitFor();
  assert.equal(await a.page.evaluate(() => document.activeElement?.classList.contains('card')), true, 'focus stays on the moved card');
  await column(b.page, 'blocked').locator('.card', { hasText: title }).waitFor({ timeout: 10_000 });

  // status select in B's task panel; A sees it
  await card(b.page, title).click();
  await b.page.locator('#panel-status-select').selectOption('completed');
  await column(b.page, 'completed').locator('.card', { hasText: title }).waitFor();
  await column(a.page, 'completed').locator('.card', { hasText: title }).waitFor({ timeout: 10_000 });
  await shot(a.page, 'status-sync-context-a');
  await shot(b.page, 'status-sync-context-b');

  const fresh = itemsOf((await rest('GET', `/api/tasks?q=${encodeURIComponent(title)}`)).json).find((x) => x.title === title);
  assert.equal(fresh.status, 'completed');
  await a.context.close();
  await b.context.close();
});

test('a 600-character title shows the server validation message next to the Title field', { skip }, async () => {
  const { context, page } = await openBoard(browser, BASE_URL, TOKEN);
  await page.getByRole('button', { name: /New task/ }).click();
  const dlg = page.getByRole('dialog', { name: 'New task' });
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/tasks') && r.request().method() === 'POST'),
    (async () => {
      await dlg.getByLabel('Title').fill('x'.repeat(600));
      await dlg.getByRole('button', { name: 'Create task' }).click();
    })(),
  ]);
  assert.equal(response.status(), 400);
  const body = await response.json();
  assert.equal(body.error.code, 'validation_failed');
  const serverMsgs = Object.entries(body.error.details.errors).find(([k]) => k.toLowerCase() === 'title')?.[1];
  assert.ok(serverMsgs?.length, 'the server names the title field');
  const err = page.locator('#t-title-error');
  await err.filter({ hasText: /\S/ }).waitFor();
  assert.equal((await err.textContent()).trim(), [].concat(serverMsgs).join(' '));
  assert.equal(await dlg.getByLabel('Title').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 't-title', 'focus goes to the invalid field');
  await shot(page, 'validation-error');
  await context.close();
});

test('a stale version (someone else changed the task) is refused, refetched and explained', { skip }, async () => {
  const title = uniq('Conflict task');
  const t = await createTaskViaApi(title);
  const { context, page } = await openBoard(browser, BASE_URL, TOKEN);
  await card(page, title).waitFor();
  // Cut the live feed so the page keeps its old version, then change the task behind its back.
  await page.route('**/api/tasks/stream**', (r) => r.abort());
  await page.evaluate(() => window.dispatchEvent(new Event('online'))); // makes the page re-subscribe (now refused)
  const r = await rest('PUT', `/api/tasks/${t.id}/status`, { status: 'blocked', comment: 'changed elsewhere' });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  await card(page, title).dragTo(column(page, 'completed'));
  await page.locator('.toast', { hasText: /changed by someone else/i }).waitFor({ timeout: 10_000 });
  // The board shows the server's state, not the refused move.
  await column(page, 'blocked').locator('.card', { hasText: title }).waitFor();
  await shot(page, 'conflict-refetched');
  await context.close();
});

test('narrow width: columns stack and the board stays usable', { skip }, async () => {
  const { context, page } = await openBoard(browser, BASE_URL, TOKEN, { viewport: { width: 390, height: 844 } });
  const boxes = await Promise.all(['not_started', 'in_progress'].map((s) => column(page, s).boundingBox()));
  assert.ok(boxes[1].y > boxes[0].y, 'columns are stacked vertically');
  assert.ok(boxes[0].width <= 390, 'a column fits the viewport');
  await shot(page, 'narrow');
  await context.close();
});
