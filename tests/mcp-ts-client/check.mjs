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
const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');

const baseUrl = (process.env.BASE_URL || process.env.TASKMANAGER_URL || '').replace(/\/+$/, '');
const apiKey = process.env.API_KEY || process.env.TASKMANAGER_API_KEY || '';
const repository = process.env.CHECK_REPOSITORY || 'demo';
const TOOLS = ['add_task_comment', 'create_task', 'get_task', 'get_tasks', 'update_task_status'];

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

/** The structured result of a successful call, checked against its text block. */
function valueOf(result) {
  assert.notEqual(result.isError, true, `tool failed: ${result.content?.[0]?.text}`);
  assert.deepEqual(JSON.parse(result.content[0].text), result.structuredContent);
  return result.structuredContent;
}

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

  test('tools/list gives the five tools with descriptions, annotations and output schemas', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), TOOLS);
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    for (const tool of tools) {
      assert.ok(tool.description, `${tool.name} has a description`);
      assert.equal(typeof tool.annotations?.readOnlyHint, 'boolean', `${tool.name} readOnlyHint`);
      assert.equal(typeof tool.annotations?.idempotentHint, 'boolean', `${tool.name} idempotentHint`);
      assert.equal(tool.annotations?.destructiveHint, false, `${tool.name} destructiveHint`);
      assert.ok(tool.outputSchema, `${tool.name} outputSchema`);
    }
    assert.deepEqual([...byName.create_task.inputSchema.required].sort(), ['assignee_id', 'description', 'repository', 'title']);
    assert.deepEqual([...byName.update_task_status.inputSchema.required].sort(), ['new_status', 'task_id', 'updated_by']);
    assert.equal(byName.get_tasks.annotations.readOnlyHint, true);
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
    const error = errorOf(await client.callTool({ name: 'update_task_status', arguments: { task_id: task.id, new_status: 'finished', updated_by: 'ts' } }));
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
