// Owns the SSE connection: opening it, resuming from the last event id, noticing a dead connection
// (heartbeat watchdog), backing off, and its state: live / reconnecting / offline. What the events
// mean for the board is live-updates.js.
const WATCHDOG_MS = 45_000; // heartbeats come every 15 s; three missed = dead connection

export class LiveFeed {
  /**
   * @param {() => string|null} buildUrl returns the stream URL (without last_event_id) or null to stay off
   * @param {{onEvent:(e:any)=>void, onState:(s:string)=>void, onClosed:()=>Promise<boolean>|boolean}} handlers
   *   onClosed is called when the browser gave up; return false to stop (e.g. signed out).
   */
  constructor(buildUrl, handlers) {
    this.buildUrl = buildUrl;
    this.h = handlers;
    this.es = null;
    this.lastEventId = null;
    this.state = 'offline';
    this.retryMs = 1000;
    this.timer = null;
    this.watchdog = null;
    this.stopped = true;
    // One feed per page: these listeners are never removed.
    addEventListener('online', () => this.restart());
    addEventListener('offline', () => this._setState('offline'));
  }

  /** Subscribe afresh (a new session): nothing to resume from. */
  start() {
    this._close();
    this.stopped = false;
    this.lastEventId = null;
    this.retryMs = 1000;
    this._open();
  }

  /** Re-subscribe (filters changed): resume from the last event we saw. */
  restart() {
    if (this.stopped) return;
    this._close();
    this._open();
  }

  stop() {
    this.stopped = true;
    this._close();
    this._setState('offline');
  }

  _open() {
    clearTimeout(this.timer);
    const base = this.buildUrl();
    if (!base) return;
    const url = new URL(base, location.href);
    if (this.lastEventId) url.searchParams.set('last_event_id', this.lastEventId);
    this._setState(this.state === 'live' ? 'reconnecting' : this.state === 'offline' && !navigator.onLine ? 'offline' : 'reconnecting');
    const es = new EventSource(url.toString());
    this.es = es;
    es.onopen = () => {
      if (es !== this.es) return;
      this.retryMs = 1000;
      this._setState('live');
      this._kick();
    };
    es.onmessage = (ev) => {
      if (es !== this.es) return;
      if (ev.lastEventId) this.lastEventId = ev.lastEventId;
      this._kick();
      if (this.state !== 'live') this._setState('live');
      let data;
      try { data = JSON.parse(ev.data); } catch { return; }
      this.h.onEvent(data, ev.lastEventId);
    };
    es.onerror = () => {
      if (es !== this.es) return;
      if (es.readyState === EventSource.CONNECTING) {
        this._setState(navigator.onLine ? 'reconnecting' : 'offline');
        return; // the browser retries by itself and sends Last-Event-ID
      }
      // CLOSED: the server refused (e.g. 401) or the response was not an event stream.
      this._close();
      this._setState('offline');
      this._scheduleReopen();
    };
  }

  async _scheduleReopen() {
    if (this.stopped) return;
    const goOn = await this.h.onClosed?.();
    if (goOn === false || this.stopped) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 30_000);
    this.timer = setTimeout(() => { this._setState('reconnecting'); this._open(); }, wait);
  }

  _kick() {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      if (this.stopped) return;
      this._close();
      this._setState('reconnecting');
      this._open();
    }, WATCHDOG_MS);
  }

  _close() {
    clearTimeout(this.watchdog);
    clearTimeout(this.timer);
    if (this.es) { this.es.onopen = this.es.onmessage = this.es.onerror = null; this.es.close(); }
    this.es = null;
  }

  _setState(s) {
    if (s === this.state) return;
    this.state = s;
    this.h.onState(s);
  }
}
