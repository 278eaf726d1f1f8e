import { createFeed, type FeedClient, type TransportName } from '../../src/index.js';

/**
 * The map's feed: either one it made from `feed-url` and `feed-transport` (and disposes of), or
 * one portal code set (and keeps). Watches its status for the `env-feed-status` event.
 */
export class FeedSlot {
  private client: FeedClient | undefined;
  private own = false;
  private stopWatching: (() => void) | undefined;

  constructor(private readonly onStatus: (client: FeedClient) => void) {}

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
   * Makes a client for an endpoint. Throws (with the message of createFeed) when the options
   * are refused.
   */
  connect(url: string, transport: TransportName, topics?: string[]): FeedClient {
    const client = createFeed({ url, transport, topics });
    this.set(client, true);
    return client;
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
      this.stopWatching = client.on('status', () => this.onStatus(client));
      this.onStatus(client);
    }
  }
}
