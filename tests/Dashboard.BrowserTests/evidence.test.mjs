// Unit tests of reading a completion out of a task's history (src/Api/wwwroot/js/evidence.js): the
// summary, the evidence links, and which links may become hrefs. Pure JS: no browser, no server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completionOf, safeHref, evidenceKind } from '../../src/Api/wwwroot/js/evidence.js';

const row = (field_changed, new_value, changed_at, extra = {}) => ({ field_changed, old_value: null, new_value, changed_at, changed_by: 'agent-7', ...extra });

test('evidence: only http and https become links', () => {
  assert.equal(safeHref('https://github.com/o/r/pull/7'), 'https://github.com/o/r/pull/7');
  assert.equal(safeHref('http://ci.local/builds/9'), 'http://ci.local/builds/9');
  for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '/relative', 'not a url', null]) {
    assert.equal(safeHref(bad), null, String(bad));
  }
});

test('evidence: a link is named for what it points at', () => {
  assert.equal(evidenceKind('https://github.com/o/r/commit/0123abcd'), 'Commit');
  assert.equal(evidenceKind('https://github.com/o/r/pull/42'), 'Pull request');
  assert.equal(evidenceKind('https://gitlab.com/o/r/-/merge_requests/3'), 'Pull request');
  assert.equal(evidenceKind('https://github.com/o/r/actions/runs/123'), 'Build');
  assert.equal(evidenceKind('https://example.com/notes'), 'Link');
});

test('evidence: the latest completion gives the summary; every evidence row gives links, once each', () => {
  const done = completionOf([
    row('status', 'completed', '2026-11-01T10:00:00Z', { comment: 'First try' }),
    row('evidence', 'https://github.com/o/r/commit/0123abcd\nhttps://github.com/o/r/pull/42', '2026-11-01T10:00:00Z'),
    row('status', 'in_progress', '2026-11-02T10:00:00Z'),
    row('status', 'completed', '2026-11-03T10:00:00Z', { comment: 'Fixed the flaky test' }),
    row('evidence', 'https://github.com/o/r/pull/42\njavascript:alert(1)', '2026-11-03T10:00:00Z'),
  ]);
  assert.equal(done.summary, 'Fixed the flaky test');
  assert.equal(done.completed_at, '2026-11-03T10:00:00Z');
  assert.deepEqual(done.links.map((l) => [l.kind, l.href]), [
    ['Commit', 'https://github.com/o/r/commit/0123abcd'],
    ['Pull request', 'https://github.com/o/r/pull/42'],
    ['Link', null],
  ]);
});

test('evidence: a task never completed has no completion', () => {
  assert.equal(completionOf([row('status', 'in_progress', '2026-11-01T10:00:00Z')]), null);
  assert.equal(completionOf(null), null);
});
