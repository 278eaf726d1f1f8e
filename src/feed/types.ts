import type { Backoff, BackoffOptions } from './backoff.js';
import type { Envelope } from './envelope.js';
import type { StoreLimits } from './store.js';

export type FeedStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';
export type TransportName = 'sse' | 'ws' | 'mqtt' | 'sensorthings' | 'poll';

/** Counters of a feed client. Every message received ends up in exactly one of applied, rejected or duplicates. */
export interface FeedStats {
  received: number;
  applied: number;
  rejected: number;
  duplicates: number;
  /** Observations dropped by the store's limits (track length, age, entity count). */
  dropped: number;
  /** Messages of types the kit does not define, passed through (counted in applied too). */
  unknown: number;
  reconnects: number;
  /**
   * Messages the gap fill from `replayUrl` supplied: applied from the replay before any live
   * connection delivered them (duplicates of what the live connection had are not counted).
   */
  replayed: number;
  /** Id to resume from: the transport's last event id, or the last applied message id. */
  lastEventId: string | undefined;
}

/** An `error` event: what went wrong and a short excerpt of the offending input, if any. */
export interface FeedErrorInfo {
  reason: string;
  excerpt?: string;
}

/** A WebSocket constructor (the browser's, or the `ws` package's in Node). */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket;

export interface FeedOptions {
  /** Endpoint: SSE or poll URL, WebSocket URL, MQTT-over-WebSocket URL, or SensorThings service root. */
  url: string;
  transport: TransportName;
  /** MQTT topics to subscribe (default `envmap/#`); for SSE, WebSocket and poll, message types to ask for. */
  topics?: string[];
  /** Extra HTTP headers (SSE, poll, SensorThings). */
  headers?: Record<string, string>;
  /** Bearer token sent as `Authorization` (HTTP) or MQTT password. */
  token?: string;
  /** MQTT client id: fixed, so that the broker keeps the session. Default a random one. */
  clientId?: string;
  /** MQTT user name. */
  username?: string;
  backoff?: BackoffOptions;
  /** History limits of the store. */
  limits?: StoreLimits;
  /** How many recent message ids are remembered to drop duplicates (at least the last half of them). Default 20,000. */
  dedupeWindow?: number;
  /** Resume from this id on the first connection. */
  lastEventId?: string;
  /** Polling interval in ms (poll transport). Default 5000. */
  pollIntervalMs?: number;
  /** The fetch to use (default the global one). */
  fetch?: typeof fetch;
  /** The WebSocket constructor to use (default the global one). */
  WebSocket?: WebSocketConstructor;
  /** SensorThings: the MQTT-over-WebSocket URL of the service (default: `url` with ws(s) scheme and path /mqtt). */
  mqttUrl?: string;
  /**
   * `sse`, `ws` and `mqtt`: a history of the feed to fill gaps from. After every reconnection the
   * client asks `GET replayUrl?since=<id of the last message received before the drop>` (answered
   * like the poll endpoint: a JSON array of messages, oldest first, or `{ "messages": [...],
   * "next": url }`), merged with the live connection, duplicates dropped. See docs/feed.md.
   */
  replayUrl?: string;
  /** Time allowed for one request to `replayUrl`, headers and body, in ms. Default 15,000. */
  replayTimeoutMs?: number;
  /** Connect at once (default true); otherwise call `connect()`. */
  autoConnect?: boolean;
}

/** What a transport gets from the client. */
export interface TransportContext {
  readonly options: Readonly<FeedOptions>;
  readonly fetch: typeof fetch;
  readonly backoff: Backoff;
  /** Aborted when the client closes. */
  readonly signal: AbortSignal;
  /**
   * Hands one message (text or parsed) to the client; returns whether it was applied. `retained`:
   * a state the source keeps and sends to every new subscriber (an MQTT retained message), out of
   * the stream's order, so never a point to resume from.
   */
  deliver(raw: unknown, transportId?: string, retained?: boolean): boolean;
  setStatus(status: FeedStatus): void;
  error(reason: string, excerpt?: string): void;
  /** The id to resume from. */
  lastEventId(): string | undefined;
  /**
   * Runs `fn` after the next backoff delay (or `delayMs`), counting a reconnect. Waits while the
   * platform says it is offline and runs early when it comes back online or the tab becomes
   * visible again.
   */
  retry(fn: () => void, delayMs?: number): void;
  /** Counts a reconnection attempt made by the transport's own machinery (MQTT.js). */
  reconnected(): void;
  /**
   * The live connection is up and receiving (MQTT: the broker confirmed the subscription). After
   * a reconnection this starts the gap fill from `replayUrl`, if any.
   */
  connectionOpened(): void;
  /** The live connection is down (called again while it stays down: ignored). */
  connectionLost(): void;
}

export interface Transport {
  start(): void;
  stop(): void;
}

export type TransportFactory = (ctx: TransportContext) => Transport;

export type MessageHandler = (envelope: Envelope) => void;
export type MessageFilter = string | readonly string[] | ((envelope: Envelope) => boolean);
