import { Backoff } from './backoff.js';
import { FeedMessageError, checkMessage, type Envelope } from './envelope.js';
import { entityKey } from './messages.js';
import { FeedStore } from './store.js';
import { IdWindow } from './id-window.js';
import { RetryScheduler } from './retry.js';
import { TRANSPORTS } from './transports/index.js';
import type {
  FeedErrorInfo,
  FeedOptions,
  FeedStats,
  FeedStatus,
  MessageFilter,
  MessageHandler,
  Transport,
  TransportContext,
} from './types.js';

type Events = {
  status: FeedStatus;
  message: Envelope;
  error: FeedErrorInfo;
};

const ALL = '*';

/** The realtime feed client: one transport, validation, de-duplication, a store and subscribers. */
export class FeedClient {
  readonly options: Readonly<FeedOptions>;
  readonly store: FeedStore;
  private statusValue: FeedStatus = 'closed';
  private readonly counters: FeedStats = {
    received: 0,
    applied: 0,
    rejected: 0,
    duplicates: 0,
    dropped: 0,
    unknown: 0,
    reconnects: 0,
    lastEventId: undefined,
  };
  private readonly ids: IdWindow;
  private readonly byType = new Map<string, Set<MessageHandler>>();
  private readonly filtered = new Set<{
    filter: (e: Envelope) => boolean;
    handler: MessageHandler;
  }>();
  private readonly listeners: { [K in keyof Events]: Set<(value: Events[K]) => void> } = {
    status: new Set(),
    message: new Set(),
    error: new Set(),
  };
  private transport: Transport | undefined;
  private controller: AbortController | undefined;
  private readonly backoff: Backoff;
  private readonly retries: RetryScheduler;

  constructor(options: FeedOptions) {
    if (!options || typeof options.url !== 'string' || options.url === '') {
      throw new TypeError('createFeed: options.url must be a non-empty string');
    }
    if (!Object.prototype.hasOwnProperty.call(TRANSPORTS, options.transport)) {
      throw new TypeError(
        `createFeed: transport must be one of ${Object.keys(TRANSPORTS).join(', ')}, got "${String(options.transport)}"`,
      );
    }
    this.options = Object.freeze({ ...options });
    this.store = new FeedStore(options.limits);
    this.backoff = new Backoff(options.backoff);
    const window = options.dedupeWindow ?? 20_000;
    if (!Number.isInteger(window) || window < 1)
      throw new RangeError('dedupeWindow must be a positive integer');
    this.ids = new IdWindow(window);
    this.counters.lastEventId = options.lastEventId;
    this.retries = new RetryScheduler(this.backoff, {
      waiting: () => this.setStatus('reconnecting'),
      attempt: () => this.counters.reconnects++,
    });
    if (options.autoConnect !== false) this.connect();
  }

  get status(): FeedStatus {
    return this.statusValue;
  }

  /** A snapshot of the counters. */
  get stats(): Readonly<FeedStats> {
    return { ...this.counters, dropped: this.store.dropped };
  }

  /** Starts the transport (again, after `close()`). */
  connect(): void {
    if (this.transport) return;
    this.controller = new AbortController();
    this.setStatus('connecting');
    this.transport = TRANSPORTS[this.options.transport](this.context(this.controller.signal));
    this.transport.start();
  }

  /** Stops the transport and every timer. Subscriptions and the store are kept. */
  close(): void {
    this.controller?.abort();
    this.transport?.stop();
    this.transport = undefined;
    this.setStatus('closed');
  }

  /** Stops for good: also detaches from the platform's online/visibility events. */
  dispose(): void {
    this.close();
    this.retries.dispose();
  }

  /**
   * Calls `handler` with every applied message of a type (`'station.reading'`), of several
   * types, of every type (`'*'`), or that a predicate accepts. Returns the unsubscribe.
   */
  subscribe(filter: MessageFilter, handler: MessageHandler): () => void {
    if (typeof filter === 'function') {
      const entry = { filter, handler };
      this.filtered.add(entry);
      return () => this.filtered.delete(entry);
    }
    const types = typeof filter === 'string' ? [filter] : [...filter];
    for (const type of types) {
      let set = this.byType.get(type);
      if (!set) this.byType.set(type, (set = new Set()));
      set.add(handler);
    }
    return () => {
      for (const type of types) this.byType.get(type)?.delete(handler);
    };
  }

  /** Listens to `status`, `message` or `error`; returns the function that stops listening. */
  on<K extends keyof Events>(event: K, listener: (value: Events[K]) => void): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  /**
   * Takes one message (JSON text, a parsed object, or an array of them) from any source, as
   * the transports do. Returns how many were applied. Parts of an object handed in may be kept
   * in the store as they are: do not change it afterwards.
   */
  ingest(raw: unknown, transportId?: string): number {
    if (Array.isArray(raw)) {
      let n = 0;
      for (const item of raw) n += this.ingestOne(item, transportId) ? 1 : 0;
      if (transportId !== undefined) this.counters.lastEventId = transportId;
      return n;
    }
    if (typeof raw === 'string' && raw.charCodeAt(0) === 91 /* [ */) {
      // A batch as JSON text; text that does not parse is refused (and counted) as one message.
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        parsed = undefined;
      }
      if (Array.isArray(parsed)) return this.ingest(parsed, transportId);
    }
    const applied = this.ingestOne(raw, transportId);
    if (transportId !== undefined) this.counters.lastEventId = transportId;
    return applied ? 1 : 0;
  }

  private ingestOne(raw: unknown, transportId: string | undefined): boolean {
    this.counters.received++;
    let checked;
    try {
      checked = checkMessage(raw);
    } catch (e) {
      this.reject(e instanceof FeedMessageError ? e : new FeedMessageError(String(e), ''));
      return false;
    }
    const { envelope, known, timeMs } = checked;
    if (!this.ids.add(envelope.id)) {
      this.counters.duplicates++;
      return false;
    }
    this.counters.applied++;
    if (!known) this.counters.unknown++;
    if (transportId === undefined) this.counters.lastEventId = envelope.id;
    this.store.apply(envelope, entityKey(envelope.type, envelope.data), timeMs);
    this.dispatch(envelope);
    return true;
  }

  private reject(error: FeedMessageError): void {
    this.counters.rejected++;
    this.emit('error', { reason: error.reason, excerpt: error.excerpt });
  }

  private dispatch(envelope: Envelope): void {
    const typed = this.byType.get(envelope.type);
    if (typed) for (const handler of typed) this.call(handler, envelope);
    const all = this.byType.get(ALL);
    if (all) for (const handler of all) this.call(handler, envelope);
    for (const { filter, handler } of this.filtered) {
      let accepted = false;
      try {
        accepted = filter(envelope);
      } catch (e) {
        this.emit('error', {
          reason: `subscriber filter threw: ${(e as Error)?.message ?? String(e)}`,
        });
      }
      if (accepted) this.call(handler, envelope);
    }
    if (this.listeners.message.size > 0) this.emit('message', envelope);
  }

  private call(handler: MessageHandler, envelope: Envelope): void {
    try {
      handler(envelope);
    } catch (e) {
      this.emit('error', { reason: `subscriber threw: ${(e as Error)?.message ?? String(e)}` });
    }
  }

  private emit<K extends keyof Events>(event: K, value: Events[K]): void {
    for (const listener of this.listeners[event]) {
      try {
        listener(value);
      } catch {
        // A listener's failure must not stop the feed.
      }
    }
  }

  private setStatus(status: FeedStatus): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    this.emit('status', status);
  }

  private context(signal: AbortSignal): TransportContext {
    const fetchFn = this.options.fetch ?? globalThis.fetch?.bind(globalThis);
    return {
      options: this.options,
      fetch: fetchFn,
      backoff: this.backoff,
      signal,
      deliver: (raw, id) => this.ingest(raw, id) > 0,
      setStatus: (s) => {
        if (!signal.aborted) this.setStatus(s);
      },
      error: (reason, excerpt) => {
        if (!signal.aborted)
          this.emit('error', excerpt === undefined ? { reason } : { reason, excerpt });
      },
      lastEventId: () => this.counters.lastEventId,
      retry: (fn, delayMs) => this.retries.schedule(signal, fn, delayMs),
      reconnected: () => {
        if (!signal.aborted) this.counters.reconnects++;
      },
    };
  }
}

/** Creates a feed client and (unless `autoConnect: false`) connects it. */
export function createFeed(options: FeedOptions): FeedClient {
  return new FeedClient(options);
}
