// Unit tests of the dashboard's store (src/Api/wwwroot/js/store.js): the rules that keep the board
// right whatever order REST answers and live events arrive in, and the dependencies the cards show.
// Pure JS: no browser, no server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store, UNASSIGNED } from '../../src/Api/wwwroot/js/store.js';

const task = (id, version, extra = {}) => ({ id, version, title: `Task ${id}`, status: 'not_started', ...extra });

test('store: an older copy never overwrites a newer one', () => {
  const s = new Store();
  assert.equal(s.upsertTask(task('a', 2)), 'added');
  assert.equal(s.upsertTask(task('a', 1, { title: 'old' })), 'stale');
  assert.equal(s.upsertTask(task('a', 3, { title: 'new' })), 'updated');
  assert.equal(s.task('a').title, 'new');
  assert.equal(s.upsertTask({ title: 'no id' }), 'ignored');
});

test('store: a deleted task is not resurrected by a late event, but a later version comes back', () => {
  const s = new Store();
  s.upsertTask(task('a', 1));
  s.removeTask('a', 2);
  assert.equal(s.upsertTask(task('a', 2)), 'stale');
  assert.equal(s.task('a'), undefined);
  assert.equal(s.upsertTask(task('a', 3)), 'added');
  s.removeTask('a'); // version unknown: nothing may bring it back
  assert.equal(s.upsertTask(task('a', 99)), 'stale');
});

test('store: a full reload keeps a newer copy that raced it', () => {
  const s = new Store();
  s.upsertTask(task('a', 5, { title: 'from event' }));
  s.replaceTasks([task('a', 4, { title: 'from list' }), task('b', 1)], { truncated: true });
  assert.equal(s.task('a').title, 'from event');
  assert.ok(s.task('b'));
  assert.equal(s.truncated, true);
});

test('store: a reload that was under way when events arrived keeps what they said', () => {
  const s = new Store();
  s.replaceTasks([task('gone', 1), task('moved', 1, { assignee: 'ada' }), task('kept', 1)]);
  const since = s.beginTasksLoad();
  // While the list is being fetched: a task is created, one deleted, one re-assigned away.
  s.upsertTask(task('new', 1, { title: 'created by an agent' }));
  s.removeTask('gone', 2);
  s.forgetTask('moved', 2);
  // The list answers as of before those changes.
  s.replaceTasks([task('gone', 1), task('moved', 1, { assignee: 'ada' }), task('kept', 1)], { since });
  assert.equal(s.task('new')?.title, 'created by an agent');
  assert.equal(s.task('gone'), undefined);
  assert.equal(s.task('moved'), undefined);
  assert.ok(s.task('kept'));
  // The next load, begun after those changes, is the truth again.
  s.replaceTasks([task('kept', 1)], { since: s.beginTasksLoad() });
  assert.equal(s.task('new'), undefined);
});

test('store: a task that left the board is dropped unless we hold a newer copy', () => {
  const s = new Store();
  s.upsertTask(task('a', 5));
  assert.equal(s.forgetTask('a', 4), false);
  assert.equal(s.forgetTask('a', 5), true);
  assert.equal(s.upsertTask(task('a', 5)), 'added', 'no tombstone: it may come back');
});

test('store: an optimistic move is confirmed by the server copy or reverted, unless replaced meanwhile', () => {
  const s = new Store();
  s.upsertTask(task('a', 1));
  const move = s.moveTaskOptimistically('a', 'completed');
  assert.equal(s.task('a').status, 'completed');
  move.revert();
  assert.equal(s.task('a').status, 'not_started');

  const ok = s.moveTaskOptimistically('a', 'blocked');
  ok.confirm(task('a', 2, { status: 'blocked' }));
  assert.deepEqual([s.task('a').status, s.task('a').version], ['blocked', 2]);

  const raced = s.moveTaskOptimistically('a', 'completed');
  s.upsertTask(task('a', 3, { status: 'cancelled' })); // a live event wins the race
  raced.revert();
  assert.equal(s.task('a').status, 'cancelled');
});

test('store: filters, including "me" by id or e-mail in any case', () => {
  const s = new Store();
  s.startSession({ userId: 'u1', email: 'Ann@Example.com' });
  s.upsertTask(task('mine', 1, { assignee: { id: 'u9', email: 'ann@example.com' }, priority: 'high', created_at: '2024-01-01' }));
  s.upsertTask(task('theirs', 1, { assignee: { id: 'u2', email: 'bob@example.com' }, priority: 'high', created_at: '2024-01-02' }));
  assert.deepEqual(s.visibleTasks().map((t) => t.id), ['theirs', 'mine'], 'newest first');
  assert.equal(s.setFilters({ assignee: 'me' }), true);
  assert.equal(s.setFilters({ assignee: 'me' }), false, 'unchanged filters report no change');
  assert.deepEqual(s.visibleTasks().map((t) => t.id), ['mine']);
  s.setFilters({ q: 'TASK THEIRS' });
  assert.deepEqual(s.visibleTasks().map((t) => t.id), ['theirs']);
});

test('store: what it hands out is frozen, so only its actions change state', () => {
  const s = new Store();
  s.upsertTask(task('a', 1));
  assert.throws(() => { s.task('a').status = 'completed'; }, TypeError);
  assert.throws(() => { s.filters.q = 'x'; }, TypeError);
  s.setDirectory({ users: [{ id: 'u1' }], repositories: ['r'] });
  assert.throws(() => { s.repositories.push('x'); }, TypeError);
});

test('store: subscribers hear their topics once per change; details only for the open task', () => {
  const s = new Store();
  const heard = [];
  s.subscribe(['tasks', 'open'], (topic) => heard.push(topic));
  s.upsertTask(task('a', 1));
  s.upsertTask(task('a', 0)); // stale: no change, no notification
  s.openTask('a');
  s.setTaskDetails('b', { comments: [{ comment: 'elsewhere' }] });
  assert.equal(s.details.comments, null);
  s.setTaskDetails('a', { comments: [{ comment: 'hi' }] });
  assert.equal(s.details.comments.length, 1);
  s.endSession();
  assert.deepEqual(heard, ['tasks', 'open', 'tasks']);
  assert.equal(s.openId, null);
});

const link = (taskId, blockerId, blockerStatus = 'in_progress') => ({
  task: { id: taskId, title: `Task ${taskId}`, status: 'not_started' },
  blocked_by: { id: blockerId, title: `Task ${blockerId}`, status: blockerStatus },
});

test('store: dependencies answer both ways, who blocks a task and whom it blocks', () => {
  const s = new Store();
  const heard = [];
  s.subscribe('dependencies', (topic) => heard.push(topic));
  s.replaceDependencies([link('release', 'build'), link('release', 'docs'), link('docs', 'build'), { task: { id: 'x' } }]);
  assert.deepEqual(s.blockersOf('release').map((b) => b.title), ['Task build', 'Task docs']);
  assert.deepEqual(s.dependantsOf('build').map((t) => t.id), ['release', 'docs']);
  assert.deepEqual(s.blockersOf('build'), [], 'nothing blocks the blocker');
  assert.deepEqual(s.blockersOf('x'), [], 'a link without a blocker is ignored');
  assert.throws(() => { s.blockersOf('release').push({}); }, TypeError, 'frozen like all state');
  assert.deepEqual(heard, ['dependencies']);
});

test('store: a finished blocker and a task_unblocked free their cards at once; an unrelated one changes nothing', () => {
  const s = new Store();
  s.replaceDependencies([link('release', 'build'), link('release', 'docs'), link('docs', 'build')]);
  const heard = [];
  s.subscribe('dependencies', (topic) => heard.push(topic));
  s.blockerFinished('build');
  assert.deepEqual(s.blockersOf('release').map((b) => b.id), ['docs']);
  assert.deepEqual(s.blockersOf('docs'), []);
  assert.deepEqual(s.dependantsOf('build'), []);
  s.blockerFinished('unrelated');
  s.taskUnblocked('release');
  assert.deepEqual(s.blockersOf('release'), []);
  assert.deepEqual(s.dependantsOf('docs'), []);
  assert.deepEqual(heard, ['dependencies', 'dependencies'], 'no notification for a change that changed nothing');
});

test('store: ready to claim means not started, no lease and no open blocker', () => {
  const s = new Store();
  s.replaceDependencies([link('waits', 'other')]);
  assert.equal(s.isReady(task('free', 1)), true);
  assert.equal(s.isReady(task('waits', 1)), false);
  assert.equal(s.isReady(task('started', 1, { status: 'in_progress' })), false);
  assert.equal(s.isReady(task('held', 1, { lease_holder: 'agent-7', lease_expires_at: '2030-01-01T00:00:00Z' })), false);
});

test('store: the "unassigned" filter shows the pool only', () => {
  const s = new Store();
  s.startSession({ userId: 'u1', email: 'ann@example.com' });
  s.upsertTask(task('pool', 1, { assignee: null }));
  s.upsertTask(task('ann', 1, { assignee: { id: 'u1', email: 'ann@example.com' } }));
  s.setFilters({ assignee: UNASSIGNED });
  assert.deepEqual(s.visibleTasks().map((t) => t.id), ['pool']);
  assert.equal(s.matchesFilters(task('claimed', 2, { assignee: { id: 'u2', email: 'bob@example.com' } })), false, 'a claimed task leaves the view');
});

test('store: signing out forgets the dependencies', () => {
  const s = new Store();
  s.replaceDependencies([link('release', 'build')]);
  s.endSession();
  assert.deepEqual(s.blockersOf('release'), []);
});
