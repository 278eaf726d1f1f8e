// A live feed (SSE or WebSocket) that forgets: a server that sends each message to the clients
// connected at that moment and ignores Last-Event-ID and ?since=, beside an HTTP history of every
// message it published (`GET /history?since=<id>`), for the gap-fill tests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import assert from 'node:assert/strict';
import { WebSocketServer, WebSocket as NodeWebSocket, type WebSocket } from 'ws';
import { createFeed, type FeedOptions, type WebSocketConstructor } from '../../../src/index.js';
import { readingText } from './messages.js';

export type HistoryHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  serve: () => void,
) => void;

/** A history of messages (JSON texts), answered in pages of `pageSize` after `since` (exclusive). */
export class History {
  readonly texts: string[] = [];
  private readonly index = new Map<string, number>();
  pageSize: number;

  constructor(pageSize = 1000) {
    this.pageSize = pageSize;
  }

  add(text: string): void {
    const id = (JSON.parse(text) as { id: string }).id;
    if (this.index.has(id)) return;
    this.index.set(id, this.texts.length);
    this.texts.push(text);
  }

  /** The position after `since` (unknown or absent: the start). */
  after(since: string | null): number {
    const at = since === null ? undefined : this.index.get(since);
    return at === undefined ? 0 : at + 1;
  }

  /** The texts of the page after `since`. */
  page(since: string | null): string[] {
    const start = this.after(since);
    return this.texts.slice(start, start + this.pageSize);
  }

  answer(res: ServerResponse, since: string | null): void {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(`[${this.page(since).join(',')}]`);
  }
}

/** Serves a history alone at `/history` (`since` values asked recorded in `requests`). */
export async function startHistoryServer(history: History) {
  const requests: Array<string | null> = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/history') return void res.writeHead(404).end();
    const since = url.searchParams.get('since');
    requests.push(since);
    history.answer(res, since);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/history`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface LiveSource {
  kind: 'sse' | 'ws';
  /** The live endpoint (http:// for SSE, ws:// for WebSocket). */
  url: string;
  /** The history endpoint. */
  replayUrl: string;
  base: string;
  history: History;
  /** History requests, as `since` values (null when absent), in order. */
  historyRequests: Array<string | null>;
  /** `Last-Event-ID` headers and `since` parameters the live endpoint was sent (and ignored). */
  resumeAsked: Array<string | undefined>;
  /** Connected live clients. */
  readonly clients: number;
  /** Records message `n` in the history, then sends it to the connected clients. */
  publish(n: number): void;
  /** Drops every live connection abruptly. */
  drop(): void;
  /** Replaces the history's handler (call `serve()` for the well-behaved answer). */
  onHistory(handler: HistoryHandler | undefined): void;
  close(): Promise<void>;
}

export async function startLiveSource(
  kind: 'sse' | 'ws',
  { pageSize = 1000 } = {},
): Promise<LiveSource> {
  const history = new History(pageSize);
  const historyRequests: Array<string | null> = [];
  const resumeAsked: Array<string | undefined> = [];
  const sse = new Set<ServerResponse>();
  const sockets = new Set<WebSocket>();
  let handler: HistoryHandler | undefined;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/history') {
      const since = url.searchParams.get('since');
      historyRequests.push(since);
      const serve = () => history.answer(res, since);
      if (handler) handler(req, res, url, serve);
      else serve();
    } else if (url.pathname === '/live' && kind === 'sse') {
      resumeAsked.push(req.headers['last-event-id'] as string | undefined);
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
      res.write(': hello\n\n');
      sse.add(res);
      req.on('close', () => sse.delete(res));
    } else {
      res.writeHead(404).end();
    }
  });
  let wss: WebSocketServer | undefined;
  if (kind === 'ws') {
    wss = new WebSocketServer({ server, path: '/live' });
    wss.on('connection', (socket, req) => {
      const since = new URL(req.url ?? '/', 'http://x').searchParams.get('since');
      resumeAsked.push(since ?? undefined);
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    kind,
    url: kind === 'sse' ? `${base}/live` : `ws://127.0.0.1:${port}/live`,
    replayUrl: `${base}/history`,
    base,
    history,
    historyRequests,
    resumeAsked,
    get clients() {
      return sse.size + sockets.size;
    },
    publish(n: number) {
      const text = readingText(n);
      history.add(text);
      for (const res of sse) res.write(`id: e${n}\ndata: ${text}\n\n`);
      for (const socket of sockets) socket.send(text);
    },
    drop() {
      for (const res of sse) res.destroy();
      for (const socket of sockets) socket.terminate();
      sse.clear();
      sockets.clear();
    },
    onHistory(h) {
      handler = h;
    },
    close: async () => {
      for (const res of sse) res.destroy();
      for (const socket of sockets) socket.terminate();
      wss?.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A feed client on a live source with its history as `replayUrl`, and what it saw. */
export function followFeed(source: LiveSource, extra: Partial<FeedOptions> = {}) {
  const feed = createFeed({
    url: source.url,
    transport: source.kind,
    replayUrl: source.replayUrl,
    backoff: { initial: 20, max: 200, jitter: 0 },
    WebSocket: NodeWebSocket as unknown as WebSocketConstructor,
    ...extra,
  });
  const seen: number[] = [];
  feed.subscribe('station.reading', (e) => seen.push(Number(e.id.slice(1))));
  const errors: string[] = [];
  feed.on('error', (e) => errors.push(e.reason));
  const statuses: string[] = [];
  feed.on('status', (s) => statuses.push(s));
  return { feed, seen, errors, statuses };
}

/** Publishes messages `from` to `to - 1`. */
export function publishRange(source: LiveSource, from: number, to: number): void {
  for (let n = from; n < to; n++) source.publish(n);
}

export function assertComplete(seen: number[], total: number): void {
  assert.equal(new Set(seen).size, seen.length, 'no duplicates reached the subscriber');
  assert.deepEqual(
    [...seen].sort((a, b) => a - b),
    Array.from({ length: total }, (_, i) => i),
    'no gaps',
  );
}
