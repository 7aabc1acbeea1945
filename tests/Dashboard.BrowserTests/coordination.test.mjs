// End-to-end tests of what the board shows for many agents on one backlog (issue 14), in a real browser
// against the RUNNING app: leases (who, until when), dependencies ("Blocked by" / "Blocks"), the
// unassigned pool, and a completed task's summary and evidence. Every change is made over REST, as an
// agent would, and must reach the open board live, without a reload.
// Environment and running: see README.md (BASE_URL and DASHBOARD_TOKEN, else every test is skipped).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openBoard, card, shot, uniq } from './helpers.mjs';

const BASE_URL = (process.env.BASE_URL ?? '').replace(/\/+$/, '');
const TOKEN = process.env.DASHBOARD_TOKEN ?? '';
const skip = !BASE_URL || !TOKEN ? 'BASE_URL and DASHBOARD_TOKEN are required for the real-app tests' : false;
const LIVE = { timeout: 15_000 }; // generous: the box is shared; events usually arrive in milliseconds

let browser;
let repo = null; // the tasks go to a repository, whose stream every board follows

async function rest(method, path, body) {
  const res = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  assert.ok(res.ok, `${method} ${path} -> ${res.status}: ${text.slice(0, 300)}`);
  return json;
}

/** An unassigned task (in the pool) unless `extra` says otherwise. */
const createTask = (title, extra = {}) => rest('POST', '/api/tasks', { title, repository: repo, priority: 'medium', ...extra });

before(async () => {
  if (skip) return;
  browser = await launch();
  repo = (await rest('GET', '/api/repositories')).items?.[0]?.name;
  if (!repo) repo = (await rest('POST', '/api/repositories', { name: 'dashboard-tests', url: 'https://example.com/dashboard-tests' })).name;
});

after(async () => { await browser?.close(); });

test('a claim shows the holder and the lease expiry on the card live; the release takes them away', { skip }, async () => {
  const { context, page } = await openBoard(browser, BASE_URL, TOKEN);
  const title = uniq('Lease me');
  const task = await createTask(title);
  const c = card(page, title);
  await c.locator('.card-assignee', { hasText: 'Unassigned — ready to claim' }).waitFor(LIVE);
  assert.equal(await c.locator('.card-lease').count(), 0);
  assert.doesNotMatch(await c.textContent(), /null|undefined/, 'parts a card does not have leave no trace');

  const claimed = await rest('POST', `/api/tasks/${task.id}/claim`, { lease_seconds: 600 });
  const lease = c.locator('.card-lease');
  await lease.waitFor(LIVE);
  const until = await page.evaluate((iso) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }), claimed.lease_expires_at);
  const text = await lease.textContent();
  assert.ok(text.includes(claimed.lease_holder), `the holder in "${text}"`);
  // A lease that ends on another day (a run just before midnight) names the day before the time.
  assert.ok(text.includes('until ') && text.includes(until), `the clock time in the viewer's locale in "${text}"`);
  assert.match(await lease.locator('.card-lease-rel').textContent(), /in 10 minutes|in 9 minutes/);
  const label = await c.getAttribute('aria-label');
  assert.ok(label.includes(`Held by ${claimed.lease_holder} until `) && label.includes(until), `the lease in the label "${label}"`);
  await page.locator('#live-announcer', { hasText: `“${title}” was claimed by ${claimed.lease_holder}.` }).waitFor({ state: 'attached', ...LIVE });
  await shot(page, 'card-leased');

  await rest('POST', `/api/tasks/${task.id}/release`, {});
  await lease.waitFor({ state: 'detached', ...LIVE });
  await page.locator('#live-announcer', { hasText: `“${title}” is back in the pool, ready to claim.` }).waitFor({ state: 'attached', ...LIVE });
  await c.locator('.card-assignee', { hasText: 'Unassigned — ready to claim' }).waitFor(LIVE);
  await context.close();
});

test('a dependency shows "Blocked by" with the blocker\'s title and "Blocks" on the blocker; completing the blocker frees the card live', { skip }, async () => {
  const { context, page } = await openBoard(browser, BASE_URL, TOKEN);
  const blocker = await createTask(uniq('Build the API'));
  const waiting = await createTask(uniq('Ship the release'));
  const w = card(page, waiting.title);
  const b = card(page, blocker.title);
  await w.waitFor(LIVE);

  await rest('POST', `/api/tasks/${waiting.id}/dependencies`, { blocked_by: blocker.id });
  const summary = w.locator('.card-blockers summary');
  await summary.waitFor(LIVE);
  assert.equal(await summary.textContent(), 'Blocked by 1');
  assert.ok(await w.evaluate((n) => n.classList.contains('card--waiting')), 'a blocked card looks different');
  assert.equal(await w.locator('.card-assignee').textContent(), 'Unassigned', 'waiting work is not offered as ready');
  await b.locator('.card-blocks', { hasText: 'Blocks 1' }).waitFor(LIVE);
  assert.match(await b.locator('.card-blocks').getAttribute('title'), new RegExp(waiting.title));

  // The list opens by keyboard on the card without opening the task.
  await summary.focus();
  await page.keyboard.press('Enter');
  await w.locator('.card-blockers li', { hasText: blocker.title }).waitFor(LIVE);
  assert.equal(await page.locator('#panel').isHidden(), true, 'opening the list is not opening the task');
  assert.match(await w.getAttribute('aria-label'), new RegExp(`Blocked by “${blocker.title}”`));
  await shot(page, 'card-blocked');

  await rest('POST', `/api/tasks/${blocker.id}/complete`, { summary: 'API is live.' });
  await summary.waitFor({ state: 'detached', ...LIVE });
  await w.locator('.card-assignee', { hasText: 'Unassigned — ready to claim' }).waitFor(LIVE);
  assert.equal(await w.evaluate((n) => n.classList.contains('card--waiting')), false);
  await b.locator('.card-blocks').waitFor({ state: 'detached', ...LIVE });
  await context.close();
});

test('the Unassigned filter shows the pool only, and a claimed task leaves it live', { skip }, async () => {
  const { context, page } = await openBoard(browser, BASE_URL, TOKEN);
  const pooled = await createTask(uniq('Pooled'));
  const mine = await createTask(uniq('Mine already'), { assignee_id: 'me' });
  await card(page, mine.title).waitFor(LIVE);

  await page.getByRole('search', { name: 'Filter tasks' }).getByLabel('Assignee').selectOption({ label: 'Unassigned' });
  await page.waitForURL(/assignee=none/);
  await card(page, pooled.title).waitFor(LIVE);
  await card(page, mine.title).waitFor({ state: 'detached', ...LIVE });
  const assignees = await page.locator('.card .card-assignee').allTextContents();
  assert.ok(assignees.length > 0 && assignees.every((a) => a.startsWith('Unassigned')), `only pool cards: ${assignees.join(' | ')}`);

  await rest('POST', `/api/tasks/${pooled.id}/claim`, {});
  await card(page, pooled.title).waitFor({ state: 'detached', ...LIVE });
  await context.close();
});

test('the panel shows a completion\'s summary and evidence links; markup in a title, summary or link stays text', { skip }, async () => {
  const { context, page } = await openBoard(browser, BASE_URL, TOKEN);
  const title = `${uniq('XSS')} <img src=x onerror="window.__xss='title'">`;
  const summary = `Fixed it <script>window.__xss='summary'</script><img src=x onerror="window.__xss='summary'">`;
  const task = await createTask(title);
  const c = card(page, task.title);
  await c.waitFor(LIVE);
  await c.click();
  await page.locator('#panel-title').waitFor();

  const links = ['https://github.com/acme/api/pull/42', 'https://ci.example.com/builds/7?x="><img src=x onerror=window.__xss=1>'];
  await rest('POST', `/api/tasks/${task.id}/complete`, { summary, links });
  const section = page.locator('#panel-completion');
  await section.waitFor({ state: 'visible', ...LIVE });
  assert.equal(await page.locator('#panel-completion-summary').textContent(), summary);
  const pr = page.locator('#panel-evidence a', { hasText: 'pull/42' });
  assert.equal(await pr.getAttribute('href'), links[0]);
  assert.equal(await pr.getAttribute('rel'), 'noopener noreferrer nofollow');
  assert.equal(await page.locator('#panel-evidence li').first().locator('.evidence-kind').textContent(), 'Pull request');
  const hrefs = await page.locator('#panel-evidence a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.equal(hrefs.length, 2);
  assert.ok(hrefs.every((h) => /^https?:\/\//.test(h)), hrefs.join(' '));
  assert.equal(await page.locator('#panel-title').textContent(), title);
  assert.equal(await page.locator('#panel img, #board img, #panel script').count(), 0, 'no markup was parsed');
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await shot(page, 'panel-completion');
  await context.close();
});
