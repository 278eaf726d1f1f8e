import {
  createFeed,
  FeedOptionError,
  type FeedClient,
  type TransportName,
} from '../../src/index.js';

/**
 * The map's feed: either one it made from `feed-url` and `feed-transport` (and disposes of), or
 * one portal code set (and keeps). Watches its status for the `env-feed-status` event.
 */
export class FeedSlot {
  private client: FeedClient | undefined;
  private own = false;
  private stopWatching: (() => void) | undefined;

  constructor(
    private readonly hooks: {
      /** The current client changed state. */
      status(client: FeedClient): void;
      /** Another client (or none) became the current one. */
      changed(client: FeedClient | undefined): void;
    },
  ) {}

  get current(): FeedClient | undefined {
    return this.client;
  }

  /** Whether the current client was made here (and is disposed of here). */
  get ownsCurrent(): boolean {
    return this.own && this.client !== undefined;
  }

  /** Uses a client made elsewhere (not disposed of here). */
  useExternal(client: FeedClient | undefined): void {
    this.set(client, false);
  }

  /**
   * Makes a client for an endpoint; returns what could not be used, by attribute. A history
   * (`replayUrl`) the transport cannot take or createFeed refuses is left out: the live feed runs
   * without it.
   */
  connect(
    url: string,
    transport: TransportName,
    topics?: string[],
    replayUrl?: string,
  ): Array<{ attribute: 'feed-url' | 'feed-replay-url'; message: string }> {
    const problems: Array<{ attribute: 'feed-url' | 'feed-replay-url'; message: string }> = [];
    for (const replay of replayUrl ? [replayUrl, undefined] : [undefined]) {
      try {
        this.set(
          createFeed({ url, transport, topics, ...(replay ? { replayUrl: replay } : {}) }),
          true,
        );
        break;
      } catch (e) {
        const message = (e as Error).message;
        if (replay && e instanceof FeedOptionError && e.option === 'replayUrl') {
          problems.push({
            attribute: 'feed-replay-url',
            message: `${message}: the feed runs without it`,
          });
          continue;
        }
        this.set(undefined, false);
        problems.push({ attribute: 'feed-url', message });
        break;
      }
    }
    return problems;
  }

  /** Lets go of the client (disposing of it when it is the slot's own). */
  clear(): void {
    this.set(undefined, false);
  }

  private set(client: FeedClient | undefined, own: boolean): void {
    if (client === this.client) return;
    this.stopWatching?.();
    this.stopWatching = undefined;
    if (this.own) this.client?.dispose();
    this.client = client;
    this.own = own;
    if (client) {
      this.stopWatching = client.on('status', () => this.hooks.status(client));
      this.hooks.status(client);
    }
    this.hooks.changed(client);
  }
}
