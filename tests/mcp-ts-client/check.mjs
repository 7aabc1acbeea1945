// A non-.NET client check: the official MCP TypeScript SDK against a running TaskManager.
//
//   BASE_URL=http://127.0.0.1:8000 API_KEY=tm_... node --test --test-reporter=spec --test-reporter-destination=stdout \
//       --test-reporter=junit --test-reporter-destination=results.xml check.mjs
//
// Also accepted: TASKMANAGER_URL / TASKMANAGER_API_KEY (scripts/test.sh), CHECK_REPOSITORY (default "demo", which
// `seed` creates). Run as plain `node check.mjs` it re-runs itself under `node --test` with the reporters above,
// writing JUnit to $JUNIT_XML when set (scripts/test.sh) or to results.xml.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

if (!process.env.NODE_TEST_CONTEXT && !process.execArgv.includes('--test')) {
  const junit = process.env.JUNIT_XML || 'results.xml';
  const run = spawnSync(process.execPath, [
    '--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=junit', `--test-reporter-destination=${junit}`, fileURLToPath(import.meta.url),
  ], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base');
const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
const { ResourceUpdatedNotificationSchema } = await import('@modelcontextprotocol/sdk/types.js');

const baseUrl = (process.env.BASE_URL || process.env.TASKMANAGER_URL || '').replace(/\/+$/, '');
const apiKey = process.env.API_KEY || process.env.TASKMANAGER_API_KEY || '';
const repository = process.env.CHECK_REPOSITORY || 'demo';
const TOOLS = ['add_task_comment', 'create_task', 'get_task', 'get_tasks', 'list_repositories', 'list_users', 'update_task', 'update_task_status'];
// issue 13's context budgets, in o200k tokens of the compact JSON an agent receives
const TOOL_LIST_TOKENS = 2500;
const PAGE_TEXT_TOKENS = 3000;
const PAGE_RESULT_TOKENS = 7000;

async function connect(headers) {
  const transport = new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), { requestInit: { headers } });
  const client = new Client({ name: 'taskmanager-ts-check', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** The contract's error object of a failed tool call. */
function errorOf(result) {
  assert.equal(result.isError, true, `expected a tool error, got ${JSON.stringify(result)}`);
  assert.equal(result.structuredContent, undefined, 'errors carry no structuredContent');
  return JSON.parse(result.content[0].text).error;
}

/** The structured result of a successful call; the text block beside it is a rendering for a model. */
function valueOf(result) {
  assert.notEqual(result.isError, true, `tool failed: ${result.content?.[0]?.text}`);
  assert.ok(result.content[0].text.length > 0, 'a text block for the model');
  return result.structuredContent;
}

const tokens = (value) => countTokens(typeof value === 'string' ? value : JSON.stringify(value));

describe('TaskManager MCP over Streamable HTTP (TypeScript SDK)', () => {
  let client;

  before(async () => {
    assert.ok(baseUrl, 'set BASE_URL (or TASKMANAGER_URL) to the server, e.g. http://127.0.0.1:8000');
    assert.ok(apiKey, 'set API_KEY (or TASKMANAGER_API_KEY) to a key from `api-key --user EMAIL --name NAME`');
    client = await connect({ 'X-API-Key': apiKey });
  });

  after(async () => {
    await client?.close();
  });

  test('initialize reports the server and a protocol revision', () => {
    const server = client.getServerVersion();
    assert.ok(server?.name, 'server name');
    assert.ok(server?.version, 'server version');
  });

  test('tools/list gives every tool with descriptions and annotations, within its token budget', async () => {
    const { tools } = await client.listTools();
    for (const name of TOOLS) assert.ok(tools.some((t) => t.name === name), `${name} is listed`);
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    for (const tool of tools) {
      assert.ok(tool.description, `${tool.name} has a description`);
      assert.equal(tool.annotations?.openWorldHint, false, `${tool.name} openWorldHint`);
      if (tool.annotations?.readOnlyHint !== true) {
        assert.equal(typeof tool.annotations?.idempotentHint, 'boolean', `${tool.name} idempotentHint`);
        assert.equal(tool.annotations?.destructiveHint, false, `${tool.name} destructiveHint`);
      }
    }
    assert.deepEqual([...byName.create_task.inputSchema.required].sort(), ['description', 'repository', 'title']);
    assert.deepEqual([...byName.update_task_status.inputSchema.required].sort(), ['new_status', 'task_id']);
    assert.equal(byName.get_tasks.annotations.readOnlyHint, true);
    assert.ok(byName.get_tasks.outputSchema, 'the task list carries an output schema');
    const used = tokens({ tools });
    console.log(`tools/list: ${tools.length} tools, ${used} o200k tokens`);
    assert.ok(used <= TOOL_LIST_TOKENS, `tools/list costs ${used} tokens`);
  });

  test('a 50-task get_tasks page fits its token budget', async () => {
    const repo = valueOf(await client.callTool({ name: 'list_repositories', arguments: { q: repository } })).items[0].name;
    const me = `budget-${randomUUID()}`;
    for (let i = 1; i <= 50; i++) {
      valueOf(await client.callTool({
        name: 'create_task',
        arguments: {
          title: `Reconcile ledger batch ${i} against the bank statement`,
          description: `Batch ${i}: compare every settled transaction in the ledger with the bank's statement for the same day. `
            + 'Flag differences above one cent, link each to its source invoice and attach the CSV export. '
            + `Done when the difference report for batch ${i} is empty or every line has an owner and a due date.`,
          assignee_id: 'me', repository: repo, created_by: me,
        },
      }));
    }
    const page = await client.callTool({ name: 'get_tasks', arguments: { repository: repo, limit: 50 } });
    assert.equal(valueOf(page).items.length, 50);
    const [text, whole] = [tokens(page.content[0].text), tokens(page)];
    console.log(`get_tasks(50): text ${text} o200k tokens, whole result ${whole}`);
    assert.ok(text <= PAGE_TEXT_TOKENS, `the text costs ${text} tokens`);
    assert.ok(whole <= PAGE_RESULT_TOKENS, `the result costs ${whole} tokens`);
  });

  test('list_users and list_repositories find what an agent names, update_task edits and reassigns', async () => {
    const users = valueOf(await client.callTool({ name: 'list_users', arguments: { q: 'demo' } }));
    assert.ok(users.items.some((u) => u.email === 'demo@example.com'), JSON.stringify(users));
    const task = valueOf(await client.callTool({
      name: 'create_task', arguments: { title: `Edit me ${randomUUID()}`, description: 'd', repository },
    }));
    assert.equal(task.assignee, null, 'no assignee_id: a task in the pool');
    const edited = valueOf(await client.callTool({
      name: 'update_task', arguments: { task_id: task.id, title: 'Edited', priority: 'urgent', assignee: 'demo@example.com' },
    }));
    assert.equal(edited.title, 'Edited');
    assert.equal(edited.priority, 'urgent');
    assert.equal(edited.assignee.email, 'demo@example.com');
    const stale = errorOf(await client.callTool({
      name: 'update_task', arguments: { task_id: task.id, title: 'Again', expected_version: task.version },
    }));
    assert.equal(stale.code, 'conflict');
    assert.match(stale.message, new RegExp(`version ${edited.version}`));
  });

  test('unknown tools and misspelt arguments name the fix', async () => {
    const unknown = errorOf(await client.callTool({ name: 'get_taks', arguments: {} }));
    assert.match(unknown.message, /get_tasks/);
    const misspelt = errorOf(await client.callTool({ name: 'get_tasks', arguments: { usr_id: 'me' } }));
    assert.match(misspelt.message, /user_id/);
  });

  test('create_task returns the task, and get_tasks and get_task find it', async () => {
    const title = `TS SDK check ${randomUUID()}`;
    const task = valueOf(await client.callTool({
      name: 'create_task',
      arguments: { title, description: 'Created by the TypeScript SDK check.', assignee_id: 'me', repository, priority: 'High', created_by: 'ts-check' },
    }));
    assert.match(task.id, /^[0-9a-f-]{36}$/);
    assert.equal(task.title, title);
    assert.equal(task.priority, 'high');
    assert.equal(task.created_by, 'ts-check');
    assert.equal(task.repository, repository);

    const page = valueOf(await client.callTool({ name: 'get_tasks', arguments: { user_id: 'me', repository, limit: 50 } }));
    assert.ok(page.items.some((t) => t.id === task.id), 'listed in its repository');

    const details = valueOf(await client.callTool({ name: 'get_task', arguments: { task_id: task.id } }));
    assert.equal(details.task.id, task.id);
    assert.equal(details.recent_history[0].field_changed, 'created');
    assert.equal(details.recent_history[0].changed_by, 'ts-check');
  });

  test('create_task with an idempotency key creates the task once', async () => {
    const args = { title: `Idempotent ${randomUUID()}`, description: 'd', assignee_id: 'me', repository, idempotency_key: randomUUID() };
    const first = valueOf(await client.callTool({ name: 'create_task', arguments: args }));
    const retry = valueOf(await client.callTool({ name: 'create_task', arguments: args }));
    assert.equal(retry.id, first.id);
  });

  test('update_task_status accepts "In Progress" and add_task_comment records the author', async () => {
    const task = valueOf(await client.callTool({
      name: 'create_task', arguments: { title: `Status ${randomUUID()}`, description: 'd', assignee_id: 'me', repository },
    }));
    const updated = valueOf(await client.callTool({
      name: 'update_task_status', arguments: { task_id: task.id, new_status: 'In Progress', updated_by: 'ts-check', comment: 'started' },
    }));
    assert.equal(updated.status, 'in_progress');
    assert.equal(updated.updated_by, 'ts-check');
    const commented = valueOf(await client.callTool({ name: 'add_task_comment', arguments: { task_id: task.id, comment: 'halfway', author: 'ts-check' } }));
    assert.equal(commented.comment.author, 'ts-check');
    assert.equal(commented.task.id, task.id);
  });

  test('an unknown status is refused with the allowed values', async () => {
    const task = valueOf(await client.callTool({
      name: 'create_task', arguments: { title: `Bad status ${randomUUID()}`, description: 'd', assignee_id: 'me', repository },
    }));
    const error = errorOf(await client.callTool({ name: 'update_task_status', arguments: { task_id: task.id, new_status: 'frozen', updated_by: 'ts' } }));
    assert.equal(error.code, 'validation_failed');
    assert.match(error.message, /not_started, in_progress, blocked, completed, cancelled/);
  });

  test('an unknown repository is not_found with close names suggested', async () => {
    const error = errorOf(await client.callTool({
      name: 'create_task', arguments: { title: 't', description: 'd', assignee_id: 'me', repository: `${repository}x` },
    }));
    assert.equal(error.code, 'not_found');
    assert.ok(error.details.suggestions.includes(repository), JSON.stringify(error));
  });

  test('resources: task://{id} reads as JSON and text, and a subscription is notified when the task changes', async () => {
    const task = valueOf(await client.callTool({
      name: 'create_task', arguments: { title: `Watched ${randomUUID()}`, description: 'd', assignee_id: 'me', repository },
    }));
    const uri = `task://${task.id}`;
    assert.equal(client.getServerCapabilities()?.resources?.subscribe, true, 'resources.subscribe is advertised');
    const { resourceTemplates } = await client.listResourceTemplates();
    assert.deepEqual(resourceTemplates.map((t) => t.uriTemplate), ['task://{id}']);
    const { contents } = await client.readResource({ uri });
    assert.deepEqual(contents.map((c) => c.mimeType), ['application/json', 'text/plain']);
    assert.equal(JSON.parse(contents[0].text).id, task.id);
    console.log(`task://{id}: JSON ${tokens(contents[0].text)} o200k tokens, text ${tokens(contents[1].text)}`);

    const updated = new Promise((resolve) => {
      client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => { if (n.params.uri === uri) resolve(n.params.uri); });
    });
    await client.subscribeResource({ uri });
    valueOf(await client.callTool({ name: 'update_task_status', arguments: { task_id: task.id, new_status: 'in_progress' } }));
    let timer;
    const deadline = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('no notifications/resources/updated within 30 s')), 30_000); });
    try {
      assert.equal(await Promise.race([updated, deadline]), uri);
    } finally {
      clearTimeout(timer);
    }
    await client.unsubscribeResource({ uri });
  });

  test('resources: an unknown resource is refused naming the resources', async () => {
    await assert.rejects(client.readResource({ uri: 'tasks://all' }), (e) => {
      assert.equal(e?.code, -32602, String(e));
      assert.match(e.message, /tasks:\/\/mine/);
      return true;
    });
  });

  // The SDK reports a refused connect as StreamableHTTPError: `code` is the HTTP status and the message carries the
  // server's body. With no authProvider it does not try OAuth, so the server's own words are what the user reads.
  test('a call without a key is refused with 401 and told which header to send', async () => {
    await assert.rejects(connect({}), (e) => {
      assert.equal(e?.code, 401, String(e));
      assertNamesTheWayIn(e.message);
      return true;
    });
  });

  test('a call with a wrong key is refused with 401, the header and how to get a key', async () => {
    await assert.rejects(connect({ 'X-API-Key': 'tm_wrong' }), (e) => {
      assert.equal(e?.code, 401, String(e));
      assert.match(e.message, /not valid or has been revoked/);
      assertNamesTheWayIn(e.message);
      return true;
    });
  });
});

/** The header to send and both ways to get a key. */
function assertNamesTheWayIn(message) {
  assert.match(message, /X-API-Key: <key>/, message);
  assert.match(message, /POST \/api\/api-keys/, message);
  assert.match(message, /api-key --user EMAIL --name NAME/, message);
}
