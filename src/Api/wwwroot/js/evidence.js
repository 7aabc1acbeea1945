// Owns reading a task's completion out of its history: the summary (the comment of the change to
// completed) and the evidence links (`evidence` rows, one URL a line), and which of those links may
// become a link at all. No DOM: the task panel renders what this returns.

/** The URL as an href when it is http(s), else null (javascript:, data: and the like stay text). */
export function safeHref(url) {
  try {
    const u = new URL(String(url));
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** What the link most likely points at, from the shapes forges and CI servers use. */
export function evidenceKind(url) {
  const path = (() => { try { return new URL(url).pathname; } catch { return ''; } })();
  if (/\/commits?\/[0-9a-f]{7,}/i.test(path)) return 'Commit';
  if (/\/(pull|pulls|merge_requests|pull-requests)\/\d+/i.test(path)) return 'Pull request';
  if (/\/(actions\/runs|builds?|pipelines|jobs|runs)\//i.test(path)) return 'Build';
  return 'Link';
}

const fieldOf = (e) => e.field_changed ?? e.field ?? '';

/**
 * The completion of a task from its history ({summary, completed_at, completed_by, links}), or null
 * when it was never completed. The summary is the latest completion's; the links are every evidence
 * row's, oldest first and without repeats (completing again adds evidence).
 * Each link is { url, href (null when not http/https), kind }.
 */
export function completionOf(history) {
  const rows = [...(history ?? [])].sort((a, b) => (a.changed_at ?? '').localeCompare(b.changed_at ?? ''));
  const done = rows.filter((e) => fieldOf(e) === 'status' && e.new_value === 'completed').at(-1);
  if (!done) return null;
  const urls = rows.filter((e) => fieldOf(e) === 'evidence')
    .flatMap((e) => String(e.new_value ?? '').split('\n'))
    .map((u) => u.trim())
    .filter(Boolean);
  return {
    summary: done.comment ?? '',
    completed_at: done.changed_at ?? null,
    completed_by: done.changed_by ?? null,
    links: [...new Set(urls)].map((url) => ({ url, href: safeHref(url), kind: evidenceKind(url) })),
  };
}
