// Client-side task state: upsert by id, never let an older version overwrite a newer one.
export class TaskStore {
  constructor() {
    this.tasks = new Map();
    this.deleted = new Map(); // id -> version at deletion (tombstones, so a late event cannot resurrect)
  }

  /** Returns 'added' | 'updated' | 'stale' | 'ignored'. */
  upsert(task) {
    if (!task?.id) return 'ignored';
    const v = Number(task.version ?? 0);
    const tomb = this.deleted.get(task.id);
    if (tomb !== undefined && v <= tomb) return 'stale';
    const cur = this.tasks.get(task.id);
    if (cur && Number(cur.version ?? 0) > v) return 'stale';
    this.deleted.delete(task.id);
    this.tasks.set(task.id, cur ? { ...cur, ...task } : task);
    return cur ? 'updated' : 'added';
  }

  remove(id, version) {
    const had = this.tasks.delete(id);
    this.deleted.set(id, Number(version ?? Number.MAX_SAFE_INTEGER));
    return had;
  }

  /** Full reload: replace the set, but keep a newer copy we already hold (an event that raced the fetch). */
  replaceAll(items) {
    const next = new Map();
    for (const t of items) {
      if (!t?.id) continue;
      const cur = this.tasks.get(t.id);
      next.set(t.id, cur && Number(cur.version ?? 0) > Number(t.version ?? 0) ? cur : t);
    }
    this.tasks = next;
  }

  get(id) { return this.tasks.get(id); }
  all() { return [...this.tasks.values()]; }
}

/** Does a task match the board's filters (used for live events, the server filters the list). */
export function matchesFilters(task, f, me) {
  if (f.assignee) {
    const a = task.assignee;
    if (!a) return false;
    if (f.assignee === 'me') {
      if (!(me && (a.id === me.userId || (a.email && me.email && a.email.toLowerCase() === me.email.toLowerCase()) || a.email === me.userId))) return false;
    } else if (a.id !== f.assignee && a.email !== f.assignee) return false;
  }
  if (f.repository && (task.repository ?? '') !== f.repository) return false;
  if (f.priority && task.priority !== f.priority) return false;
  if (f.q) {
    const q = f.q.toLowerCase();
    if (!`${task.title ?? ''}\n${task.description ?? ''}`.toLowerCase().includes(q)) return false;
  }
  return true;
}

/** Newest first, as the server orders (created_at desc, id). */
export function byCreatedDesc(a, b) {
  return (b.created_at ?? '').localeCompare(a.created_at ?? '') || String(a.id).localeCompare(String(b.id));
}
