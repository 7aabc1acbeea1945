// Fast UI-only smoke test against mock-server.mjs (an in-memory imitation of the contract).
// Needs no env vars and no backend; the real end-to-end tests are in dashboard.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createMockServer, mockToken } from './mock-server.mjs';
import { launch, openBoard, column, card, shot } from './helpers.mjs';

let mock, base, browser;
before(async () => {
  mock = createMockServer();
  base = await mock.listen();
  browser = await launch();
});
after(async () => { await browser?.close(); await mock?.close(); });

test('mock: sign in, create, live agent task, keyboard + drag status, validation, sign out', async () => {
  const { context, page } = await openBoard(browser, base, mockToken());
  assert.equal(new URL(page.url()).hash, '', 'token removed from the URL');
  assert.ok(await page.evaluate(() => sessionStorage.getItem('taskmanager.token')));

  await page.getByRole('button', { name: /New task/ }).click();
  const dlg = page.getByRole('dialog', { name: 'New task' });
  await dlg.getByLabel('Title').fill('Write the onboarding guide');
  await dlg.getByLabel('Description').fill('Cover MCP keys and the board.');
  await dlg.getByLabel('Priority').selectOption('high');
  await dlg.getByRole('button', { name: 'Create task' }).click();
  await card(page, 'Write the onboarding guide').waitFor();
  assert.equal(await column(page, 'not_started').locator('.card').count(), 1);

  // validation error next to the field
  await page.getByRole('button', { name: /New task/ }).click();
  await dlg.getByLabel('Title').fill('x'.repeat(600));
  await dlg.getByRole('button', { name: 'Create task' }).click();
  await page.locator('#t-title-error').filter({ hasText: /500/ }).waitFor();
  await shot(page, 'mock-validation');
  await page.keyboard.press('Escape');

  // an agent creates a task: appears live
  await fetch(`${base}/__mock/agent`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title: 'Agent: fix login redirect', repository: 'auth-service', priority: 'urgent', assignee_id: 'u-demo' }) });
  await card(page, 'Agent: fix login redirect').waitFor({ timeout: 5000 });

  // keyboard status change
  await card(page, 'Write the onboarding guide').focus();
  await page.keyboard.press('Shift+ArrowRight');
  await column(page, 'in_progress').locator('.card', { hasText: 'Write the onboarding guide' }).waitFor();
  // drag and drop
  await card(page, 'Agent: fix login redirect').dragTo(column(page, 'completed'));
  await column(page, 'completed').locator('.card', { hasText: 'Agent: fix login redirect' }).waitFor();

  // panel with history and agent actor
  await card(page, 'Agent: fix login redirect').click();
  await page.locator('#panel .history-item').first().waitFor();
  assert.ok(await page.locator('#panel .actor--agent').count() > 0, 'agent actor shown');
  await page.getByLabel('Add a comment').fill('Looks good to me.');
  await page.getByRole('button', { name: 'Comment' }).click();
  await page.locator('#panel .comment-body', { hasText: 'Looks good to me.' }).waitFor();
  await shot(page, 'mock-board-panel');

  // edit (PATCH with If-Match) and delete
  await page.locator('#panel-edit').click();
  const edit = page.getByRole('dialog', { name: 'Edit task' });
  await edit.getByLabel('Title').fill('Agent: fix login redirect loop');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('#panel-title', { hasText: 'Agent: fix login redirect loop' }).waitFor();
  await card(page, 'Agent: fix login redirect loop').waitFor();
  page.once('dialog', (d) => d.accept());
  await page.locator('#panel-delete').click();
  await card(page, 'Agent: fix login redirect loop').waitFor({ state: 'detached' });
  assert.equal(await page.locator('#panel').isVisible(), false);

  // narrow width
  await page.setViewportSize({ width: 390, height: 844 });
  await page.keyboard.press('Escape');
  await shot(page, 'mock-narrow');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.locator('#signin').waitFor();
  await context.close();
});

test('mock: a search whose pages come back empty stops after a few pages and says more was not loaded', async () => {
  const agent = (title) => fetch(`${base}/__mock/agent`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title, repository: 'web-app', priority: 'low' }) });
  await agent('Old note about the haystack needle');
  for (let n = 1; n <= 20; n++) await agent(`Filler task ${n}`);
  const { context, page } = await openBoard(browser, base, mockToken());
  const searches = [];
  page.on('request', (r) => { if (r.url().includes('/api/tasks?') && r.url().includes('q=')) searches.push(r.url()); });

  await page.getByLabel('Search').fill('filler task 20');
  await card(page, 'Filler task 20').waitFor();

  // The summary changes once a load has followed its last page, so the requests counted then are all of them.
  await page.getByLabel('Search').fill('haystack needle');
  await page.locator('#board-summary', { hasText: '0 tasks (more not loaded: narrow the filters)' }).waitFor();
  assert.equal(searches.filter((u) => u.includes('haystack')).length, 8, 'eight pages, not the twelve the cursor chain would take');
  assert.equal(await card(page, 'Old note about the haystack needle').count(), 0, 'beyond the pages followed');
  await context.close();
});
