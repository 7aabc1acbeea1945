// Owns the dashboard's state and is the only code that changes it: the signed-in identity, the
// directory (users, repositories), the filters, the tasks on the board, the open dependencies
// between tasks, the open task and its comments and history. Others read through getters and change state through the actions below,
// each named for what the user or the server did; every value handed out is frozen.
// Views subscribe to topics and render; a topic is emitted after each change that touches it.
//
// Tasks are versioned by the server. Whatever order REST answers and live events arrive in, an
// older version never overwrites a newer one, and a deleted task cannot be resurrected by a late
// event (a tombstone remembers the version it was deleted at).

/** @typedef {'session'|'directory'|'filters'|'tasks'|'dependencies'|'loading'|'open'|'details'} Topic */

/** The assignee filter's value for "nobody": the pool agents claim from. */
export const UNASSIGNED = 'none';

const NO_FILTERS = Object.freeze({ q: '', assignee: '', repository: '', priority: '' });
const NO_DETAILS = Object.freeze({ comments: null, history: null, historyFailed: false });
const NEVER = Number.MAX_SAFE_INTEGER;
const NO_LINKS = Object.freeze([]);

const versionOf = (task) => Number(task?.version ?? 0);

/** Newest first, as the server orders (created_at desc, id). */
function byCreatedDesc(a, b) {
  return (b.created_at ?? '').localeCompare(a.created_at ?? '') || String(a.id).localeCompare(String(b.id));
}

/** Exported for tests; the page uses the one `store` below. */
export class Store {
  #me = null;
  #users = Object.freeze([]);
  #repositories = Object.freeze([]);
  #filters = NO_FILTERS;
  #tasks = new Map();
  #tombstones = new Map(); // id -> version it was deleted at
  #changeCount = 0; // counts changes to single tasks (events, REST answers), so a full load knows what came after it began
  #changedAt = new Map(); // task id -> #changeCount of its last single change
  #links = NO_LINKS; // open dependencies: [{ task: {id,title,status}, blocked_by: {id,title,status} }]
  #blockedBy = new Map(); // task id -> its open blockers ({id,title,status}), derived from #links
  #blocks = new Map(); // task id -> the tasks it holds back, derived from #links
  #truncated = false;
  #loading = false;
  #openId = null;
  #details = NO_DETAILS;
  #listeners = new Set();

  // ------------------------------------------------------------ reading

  /** The signed-in identity from the token ({ userId, email, name, isAdmin, exp }), or null. */
  get me() { return this.#me; }
  get users() { return this.#users; }
  get repositories() { return this.#repositories; }
  get filters() { return this.#filters; }
  /** True when the last full load stopped at its cap, so the board shows only part of the list. */
  get truncated() { return this.#truncated; }
  get loading() { return this.#loading; }
  get openId() { return this.#openId; }
  /** Comments and history of the open task; null until loaded. */
  get details() { return this.#details; }

  task(id) { return this.#tasks.get(id); }

  /** The unfinished tasks `id` waits for ({id, title, status}); empty when it can start. */
  blockersOf(id) { return this.#blockedBy.get(id) ?? NO_LINKS; }

  /** The tasks waiting for `id` while it is unfinished ({id, title, status}). */
  dependantsOf(id) { return this.#blocks.get(id) ?? NO_LINKS; }

  /** Could someone claim it now: not started, nobody holds it, nothing unfinished it waits for. */
  isReady(task) { return task.status === 'not_started' && !task.lease_holder && this.blockersOf(task.id).length === 0; }

  /** The tasks the board shows: those matching the filters, newest first. */
  visibleTasks() { return [...this.#tasks.values()].filter((t) => this.matchesFilters(t)).sort(byCreatedDesc); }

  /** Is this directory user the signed-in one? */
  isMe(user) {
    const me = this.#me;
    return !!me && !!user && (user.id === me.userId || sameEmail(user.email, me.email));
  }

  /** Does a task match the filters? The server filters lists; live events need this client-side. */
  matchesFilters(task) {
    const f = this.#filters;
    const me = this.#me;
    if (f.assignee === UNASSIGNED) {
      if (task.assignee) return false;
    } else if (f.assignee) {
      const a = task.assignee;
      if (!a) return false;
      if (f.assignee === 'me') {
        if (!(me && (a.id === me.userId || sameEmail(a.email, me.email) || a.email === me.userId))) return false;
      } else if (a.id !== f.assignee && a.email !== f.assignee) return false;
    }
    if (f.repository && (task.repository ?? '') !== f.repository) return false;
    if (f.priority && task.priority !== f.priority) return false;
    if (f.q && !`${task.title ?? ''}\n${task.description ?? ''}`.toLowerCase().includes(f.q.toLowerCase())) return false;
    return true;
  }

  /**
   * Calls `listener(topic)` after every change to one of `topics`. Returns the unsubscribe function.
   * @param {Topic|Topic[]} topics
   */
  subscribe(topics, listener) {
    const entry = { topics: new Set([].concat(topics)), listener };
    this.#listeners.add(entry);
    return () => this.#listeners.delete(entry);
  }

  // ------------------------------------------------------------ session and directory

  startSession(me) {
    this.#me = Object.freeze({ ...me });
    this.#emit('session');
  }

  /** Signed out: forget everything that belonged to the session. */
  endSession() {
    this.#me = null;
    this.#tasks = new Map();
    this.#tombstones = new Map();
    this.#changedAt.clear();
    this.#setLinks(NO_LINKS);
    this.#truncated = false;
    this.#openId = null;
    this.#details = NO_DETAILS;
    this.#emit('session', 'tasks', 'dependencies', 'open', 'details');
  }

  /** Either list may be left out (its request failed): the previous one is kept. */
  setDirectory({ users, repositories }) {
    if (users) this.#users = Object.freeze(users.map((u) => Object.freeze({ ...u })));
    if (repositories) this.#repositories = Object.freeze([...repositories]);
    this.#emit('directory');
  }

  /** Returns whether anything changed (callers reload only then). */
  setFilters(filters) {
    const next = Object.freeze({ ...NO_FILTERS, ...filters });
    if (JSON.stringify(next) === JSON.stringify(this.#filters)) return false;
    this.#filters = next;
    this.#emit('filters');
    return true;
  }

  // ------------------------------------------------------------ tasks

  setTasksLoading(loading) {
    if (this.#loading === loading) return;
    this.#loading = loading;
    this.#emit('loading');
  }

  /** Marks the start of a full load; hand the mark to replaceTasks with its answer. */
  beginTasksLoad() { return this.#changeCount; }

  /**
   * A full list, requested at `since` (beginTasksLoad), arrived: it replaces the board. The server
   * answered as of some moment during the request, so what single changes (live events, REST answers)
   * told us after `since` wins: a newer copy stays, a task created meanwhile stays although the list
   * lacks it, and one deleted or gone from this board meanwhile does not come back.
   */
  replaceTasks(items, { truncated = false, since = this.#changeCount } = {}) {
    const changedDuringLoad = (id) => (this.#changedAt.get(id) ?? -1) >= since;
    const next = new Map();
    for (const t of items) {
      if (!t?.id) continue;
      const cur = this.#tasks.get(t.id);
      const tomb = this.#tombstones.get(t.id);
      if (tomb !== undefined && versionOf(t) <= tomb) continue;
      if (!cur && changedDuringLoad(t.id)) continue;
      next.set(t.id, cur && versionOf(cur) > versionOf(t) ? cur : Object.freeze(t));
    }
    for (const [id, cur] of this.#tasks) {
      if (!next.has(id) && changedDuringLoad(id)) next.set(id, cur);
    }
    this.#tasks = next;
    this.#changedAt.clear();
    this.#truncated = truncated;
    this.#emit('tasks');
  }

  /**
   * A copy of a task arrived (REST answer or live event). Returns
   * 'added' | 'updated' | 'stale' (we hold a newer copy, or it was deleted since) | 'ignored' (no id).
   */
  upsertTask(task) {
    const outcome = this.#merge(task);
    if (outcome === 'added' || outcome === 'updated') this.#emit('tasks');
    return outcome;
  }

  /** The task was deleted (at `version`; unknown means "any version"): late events for it are ignored. */
  removeTask(id, version) {
    this.#noteChange(id);
    this.#tasks.delete(id);
    this.#tombstones.set(id, Number(version ?? NEVER));
    this.#emit('tasks');
  }

  /**
   * The task left this board (e.g. re-assigned away) at `version`: drop it unless we hold a newer copy.
   * Not a deletion, so no tombstone: it may come back. Returns whether it was dropped.
   */
  forgetTask(id, version) {
    const cur = this.#tasks.get(id);
    if (!cur || versionOf(cur) > Number(version ?? 0)) return false;
    this.#noteChange(id);
    this.#tasks.delete(id);
    this.#emit('tasks');
    return true;
  }

  /**
   * Shows a status change before the server confirms it. Settle it with exactly one of:
   *   confirm(serverCopy) — the server's copy replaces the guess (subject to the usual version check);
   *   revert()            — the previous copy comes back.
   * Either leaves the task alone if something else (a live event, a refetch) replaced the guess meanwhile.
   */
  moveTaskOptimistically(id, status) {
    const before = this.#tasks.get(id);
    const guess = Object.freeze({ ...before, status });
    this.#tasks.set(id, guess);
    this.#emit('tasks');
    const restore = () => { if (this.#tasks.get(id) === guess) this.#tasks.set(id, before); };
    return {
      confirm: (serverCopy) => { restore(); this.#merge(serverCopy); this.#emit('tasks'); },
      revert: () => { restore(); this.#emit('tasks'); },
    };
  }

  #merge(task) {
    if (!task?.id) return 'ignored';
    const v = versionOf(task);
    const tomb = this.#tombstones.get(task.id);
    if (tomb !== undefined && v <= tomb) return 'stale';
    const cur = this.#tasks.get(task.id);
    if (cur && versionOf(cur) > v) return 'stale';
    this.#tombstones.delete(task.id);
    this.#noteChange(task.id);
    // Merge: a live event may carry fewer fields than the list did.
    this.#tasks.set(task.id, Object.freeze(cur ? { ...cur, ...task } : task));
    return cur ? 'updated' : 'added';
  }

  #noteChange(id) { this.#changedAt.set(id, this.#changeCount++); }

  // ------------------------------------------------------------ dependencies

  /** The server's list of open dependencies arrived: it replaces ours. */
  replaceDependencies(links) {
    this.#setLinks(links.filter((l) => l?.task?.id && l?.blocked_by?.id));
    this.#emit('dependencies');
  }

  /**
   * Task `id` was completed, cancelled or deleted: it holds nothing back any more. Applied at once
   * from the live event, before the server's list (reloaded after it) confirms it.
   */
  blockerFinished(id) { this.#dropLinks((l) => l.blocked_by.id === id); }

  /** The server said task `id` can start now (task_unblocked): none of its blockers is open. */
  taskUnblocked(id) { this.#dropLinks((l) => l.task.id === id); }

  #dropLinks(drop) {
    if (!this.#links.some(drop)) return;
    this.#setLinks(this.#links.filter((l) => !drop(l)));
    this.#emit('dependencies');
  }

  #setLinks(links) {
    this.#links = Object.freeze(links.map((l) => Object.freeze({ task: Object.freeze({ ...l.task }), blocked_by: Object.freeze({ ...l.blocked_by }) })));
    const group = (key, value) => {
      const out = new Map();
      for (const l of this.#links) out.set(l[key].id, [...(out.get(l[key].id) ?? []), l[value]]);
      for (const [id, list] of out) out.set(id, Object.freeze(list));
      return out;
    };
    this.#blockedBy = group('task', 'blocked_by');
    this.#blocks = group('blocked_by', 'task');
  }

  // ------------------------------------------------------------ the open task

  openTask(id) {
    if (!this.#tasks.has(id) || this.#openId === id) return;
    this.#openId = id;
    this.#details = NO_DETAILS;
    this.#emit('open', 'details');
  }

  closeTask() {
    if (this.#openId === null) return;
    this.#openId = null;
    this.#details = NO_DETAILS;
    this.#emit('open', 'details');
  }

  /** Comments and/or history loaded for task `id`; dropped if that task is no longer open. */
  setTaskDetails(id, { comments, history, historyFailed = false }) {
    if (id !== this.#openId) return;
    this.#details = Object.freeze({
      comments: comments ? Object.freeze([...comments]) : this.#details.comments,
      history: history ? Object.freeze([...history]) : this.#details.history,
      historyFailed,
    });
    this.#emit('details');
  }

  #emit(...topics) {
    for (const { topics: wanted, listener } of [...this.#listeners]) {
      if (topics.some((t) => wanted.has(t))) listener(topics.find((t) => wanted.has(t)));
    }
  }
}

function sameEmail(a, b) {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}

/** The one store of the page. */
export const store = new Store();
