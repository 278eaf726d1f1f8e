import { excerpt } from '../util/errors.js';
import { Backoff } from './backoff.js';
import { FeedOptionError } from './option-error.js';
import { fetchReplayPage, ReplayError } from './replay-page.js';
import { RetryScheduler } from './retry.js';
import { requestHeaders, typesParam } from './transports/http.js';
import type { FeedOptions } from './types.js';

/** Pages read in one pass at most: beyond, the history is taken to be misbehaving. */
const MAX_PAGES = 10_000;

/** The transports a replay source serves (poll is a history itself; SensorThings fills its own gaps). */
export const REPLAY_TRANSPORTS: ReadonlySet<string> = new Set(['sse', 'ws', 'mqtt']);

export interface GapFillHost {
  readonly options: Readonly<FeedOptions>;
  readonly fetch: typeof fetch;
  /** Hands a page's items to the client, as messages from the replay. */
  deliver(items: unknown[]): void;
  error(reason: string): void;
}

/** The id a history item is continued from: the `id` of an object, a non-empty string. */
function itemId(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const id = (item as { id?: unknown }).id;
  return typeof id === 'string' && id !== '' && id.length <= 128 ? id : undefined;
}

/** `replayUrl` as an absolute URL (relative ones resolve against the page or worker). */
export function replayBase(url: unknown): URL {
  if (typeof url !== 'string' || url === '')
    throw new FeedOptionError('replayUrl', 'replayUrl must be a non-empty string');
  const base = (globalThis as { location?: { href: string } }).location?.href;
  try {
    return new URL(url, base);
  } catch {
    throw new FeedOptionError(
      'replayUrl',
      `replayUrl "${excerpt(url)}" is not a URL (outside a page it must be absolute)`,
    );
  }
}

/**
 * Fills the gaps of a live connection from a history: after every reconnection it reads
 * `replayUrl?since=<id>` page after page, from the id of the last message the live connection
 * delivered before it dropped, until the history has nothing more that was published before
 * the connection came back (what was published after arrives live).
 *
 * The history lists messages in the order the live connection delivers them, and `since` is
 * exclusive; ids are only compared for equality, never ordered here. A reading that fails is
 * reported and retried after backoff delays; one that breaks the history's rules is reported and
 * tried again after the next reconnection. Live messages never wait for it.
 */
export class GapFill {
  private readonly base: URL;
  private readonly types: string | undefined;
  private readonly timeoutMs: number;
  private readonly backoff: Backoff;
  private readonly retries: RetryScheduler;
  private open = false;
  private connectedBefore = false;
  /** Counts connections, so that a pass knows whether one came up while it was reading. */
  private generation = 0;
  /** Where the next pass starts: everything before it in the history has been received. */
  private cursor: string | undefined;
  /** The id of the last new message of the current connection. */
  private lastLive: string | undefined;
  /** Whether the history must still be read up to a connection's start. */
  private owed = false;
  private job: AbortController | undefined;
  private waiting = false;

  constructor(private readonly host: GapFillHost) {
    const options = host.options;
    this.base = replayBase(options.replayUrl);
    this.types = options.transport === 'mqtt' ? undefined : typesParam(options);
    this.timeoutMs = options.replayTimeoutMs ?? 15_000;
    if (!(this.timeoutMs > 0)) throw new RangeError('replayTimeoutMs must be a positive number');
    this.backoff = new Backoff(options.backoff);
    this.retries = new RetryScheduler(this.backoff, { waiting: () => {}, attempt: () => {} });
  }

  /** The live connection is up: after a reconnection, the history is read. */
  opened(): void {
    if (this.open) return;
    this.open = true;
    this.generation++;
    this.lastLive = undefined;
    if (!this.connectedBefore) {
      this.connectedBefore = true;
      return;
    }
    this.owed = true;
    // A pass under way reads on until it has passed this connection's start too.
    if (this.job && !this.waiting) return;
    this.start();
  }

  /** The live connection dropped: the next pass starts after what it delivered. */
  lost(): void {
    if (!this.open) return;
    this.open = false;
    if (!this.owed && this.lastLive !== undefined) this.cursor = this.lastLive;
  }

  /** A message new to the client arrived on the live connection. */
  live(id: string): void {
    if (this.open) this.lastLive = id;
  }

  /** The client closed: reading stops, to go on after the next connection. */
  stop(): void {
    this.lost();
    this.job?.abort();
    this.job = undefined;
    this.waiting = false;
  }

  dispose(): void {
    this.stop();
    this.retries.dispose();
  }

  private start(): void {
    this.job?.abort();
    const job = new AbortController();
    this.job = job;
    this.waiting = false;
    void this.run(job);
  }

  private async run(job: AbortController): Promise<void> {
    for (;;) {
      let generation: number;
      const asked = { since: this.cursor };
      try {
        generation = await this.pass(job.signal, asked);
      } catch (e) {
        if (job.signal.aborted) return;
        const retry = !(e instanceof ReplayError) || e.retry;
        const since = asked.since === undefined ? '' : ` since=${excerpt(asked.since)}`;
        this.host.error(
          `replay${since} failed: ${(e as Error)?.message ?? String(e)}; ${
            retry ? 'retrying' : 'tried again after the next reconnection'
          }`,
        );
        if (!retry) {
          if (this.job === job) this.job = undefined;
          return;
        }
        this.waiting = true;
        this.retries.schedule(job.signal, () => {
          this.waiting = false;
          void this.run(job);
        });
        return;
      }
      if (job.signal.aborted) return;
      if (generation === this.generation && this.open) {
        this.owed = false;
        this.backoff.reset();
      }
      // Read again from where it got if a connection came up while it was reading; if the
      // connection is down, the next one starts the reading again.
      if (!this.owed || !this.open) {
        if (this.job === job) this.job = undefined;
        return;
      }
    }
  }

  private pageUrl(since: string | undefined): string {
    const u = new URL(this.base.href);
    if (since !== undefined) u.searchParams.set('since', since);
    if (this.types !== undefined) u.searchParams.set('types', this.types);
    return u.href;
  }

  /**
   * Reads the history from the cursor to its end. Resolves to the connection generation current
   * when the page that reached the end was asked for (-1 if the connection was down then).
   */
  private async pass(signal: AbortSignal, asked: { since: string | undefined }): Promise<number> {
    let since = this.cursor;
    let url = this.pageUrl(since);
    let bySince = true;
    const seen = new Set<string>();
    let linked = false;
    let previousLast: string | undefined;
    let cutAt: number | undefined;
    let previousGeneration = -1;
    for (let n = 0; ; n++) {
      if (n >= MAX_PAGES)
        throw new ReplayError(`the history has more than ${MAX_PAGES} pages`, false);
      if (seen.has(url))
        throw new ReplayError(`the history leads back to a page already read: ${url}`, false);
      seen.add(url);
      asked.since = since;
      const generation = this.open ? this.generation : -1;
      const page = await fetchReplayPage(url, {
        fetch: this.host.fetch,
        headers: requestHeaders(this.host.options, { Accept: 'application/json' }),
        timeoutMs: this.timeoutMs,
        signal,
        origin: this.base.origin,
      });
      if (signal.aborted) throw new ReplayError('aborted', false);
      const { items } = page;
      this.host.deliver(items);
      let last: string | undefined;
      for (let i = items.length - 1; i >= 0 && last === undefined; i--) last = itemId(items[i]);
      if (bySince && since !== undefined && items.findIndex((i) => itemId(i) === since) > 0) {
        throw new ReplayError(
          `asked for what follows ${excerpt(since)}, the history answered with messages before it too: it does not keep to "since"`,
          false,
        );
      }
      if (last !== undefined && last !== since) this.cursor = last;
      if (page.fault) throw page.fault;
      linked ||= page.linked;
      if (page.next !== undefined) {
        if (last !== undefined && last === previousLast) {
          throw new ReplayError(
            `"next" led to the messages of the page before again (last ${excerpt(last)})`,
            false,
          );
        }
        if (last !== undefined) previousLast = since = last;
        url = page.next;
        bySince = false;
        continue;
      }
      // Without a next link: the end when the history pages by links, or has nothing more.
      if (linked || items.length === 0 || last === since) return generation;
      if (last === undefined) {
        throw new ReplayError(
          `no message of the answer has an id to continue from: ${excerpt(items[0])}`,
          false,
        );
      }
      // A history that cuts its answers at a fixed length: a page shorter than another one was
      // not cut, so it reached the end of the history as it was when asked for.
      if (cutAt === undefined) cutAt = items.length;
      else if (items.length < cutAt) return generation;
      else if (items.length > cutAt) return previousGeneration;
      previousGeneration = generation;
      previousLast = since = last;
      url = this.pageUrl(since);
      bySince = true;
    }
  }
}
