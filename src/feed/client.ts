import { Backoff } from './backoff.js';
import { FeedMessageError, checkMessage, type Envelope } from './envelope.js';
import { entityKey } from './messages.js';
import { FeedStore } from './store.js';
import { FeedOptionError } from './option-error.js';
import { IdWindow } from './id-window.js';
import { GapFill, REPLAY_TRANSPORTS } from './replay.js';
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

/** Where a message came from: the live connection (retained: a state it keeps), the replay, `ingest()`. */
type Origin = 'live' | 'retained' | 'replay' | 'direct';

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
    replayed: 0,
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
  private readonly gapFill: GapFill | undefined;

  constructor(options: FeedOptions) {
    if (!options || typeof options.url !== 'string' || options.url === '') {
      throw new FeedOptionError('url', 'options.url must be a non-empty string');
    }
    if (!Object.prototype.hasOwnProperty.call(TRANSPORTS, options.transport)) {
      throw new FeedOptionError(
        'transport',
        `transport must be one of ${Object.keys(TRANSPORTS).join(', ')}, got "${String(options.transport)}"`,
      );
    }
    if (options.replayUrl !== undefined && !REPLAY_TRANSPORTS.has(options.transport)) {
      throw new FeedOptionError(
        'replayUrl',
        `replayUrl is for the ${[...REPLAY_TRANSPORTS].join(', ')} transports, not ${options.transport}`,
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
    this.gapFill =
      options.replayUrl === undefined
        ? undefined
        : new GapFill({
            options: this.options,
            fetch: this.fetchFn(),
            deliver: (items) => this.take(items, undefined, 'replay'),
            error: (reason) => this.emit('error', { reason }),
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
    this.gapFill?.stop();
    this.transport?.stop();
    this.transport = undefined;
    this.setStatus('closed');
  }

  /** Stops for good: also detaches from the platform's online/visibility events. */
  dispose(): void {
    this.close();
    this.retries.dispose();
    this.gapFill?.dispose();
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
    return this.take(raw, transportId, 'direct');
  }

  private take(raw: unknown, transportId: string | undefined, origin: Origin): number {
    if (Array.isArray(raw)) {
      let n = 0;
      for (const item of raw) n += this.ingestOne(item, transportId, origin) ? 1 : 0;
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
      if (Array.isArray(parsed)) return this.take(parsed, transportId, origin);
    }
    const applied = this.ingestOne(raw, transportId, origin);
    if (transportId !== undefined) this.counters.lastEventId = transportId;
    return applied ? 1 : 0;
  }

  private ingestOne(raw: unknown, transportId: string | undefined, origin: Origin): boolean {
    this.counters.received++;
    let checked;
    try {
      checked = checkMessage(raw);
    } catch (e) {
      const error = e instanceof FeedMessageError ? e : new FeedMessageError(String(e), '');
      this.reject(error, origin === 'replay' ? 'replay: ' : '');
      return false;
    }
    const { envelope, known, timeMs } = checked;
    if (!this.ids.add(envelope.id)) {
      this.counters.duplicates++;
      return false;
    }
    this.counters.applied++;
    if (!known) this.counters.unknown++;
    if (origin === 'replay') this.counters.replayed++;
    // The replay leaves the live connection's resume point alone (an SSE id is not a message id).
    else if (transportId === undefined) this.counters.lastEventId = envelope.id;
    if (origin === 'live') this.gapFill?.live(envelope.id);
    this.store.apply(envelope, entityKey(envelope.type, envelope.data), timeMs);
    this.dispatch(envelope);
    return true;
  }

  private reject(error: FeedMessageError, prefix = ''): void {
    this.counters.rejected++;
    this.emit('error', { reason: prefix + error.reason, excerpt: error.excerpt });
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

  private fetchFn(): typeof fetch {
    return this.options.fetch ?? globalThis.fetch?.bind(globalThis);
  }

  private context(signal: AbortSignal): TransportContext {
    return {
      options: this.options,
      fetch: this.fetchFn(),
      backoff: this.backoff,
      signal,
      deliver: (raw, id, retained) => this.take(raw, id, retained ? 'retained' : 'live') > 0,
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
      connectionOpened: () => {
        if (!signal.aborted) this.gapFill?.opened();
      },
      connectionLost: () => {
        if (!signal.aborted) this.gapFill?.lost();
      },
    };
  }
}

/** Creates a feed client and (unless `autoConnect: false`) connects it. */
export function createFeed(options: FeedOptions): FeedClient {
  return new FeedClient(options);
}
