import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket as NodeWebSocket } from 'ws';
import {
  createFeed,
  type FeedClient,
  type FeedOptions,
  type WebSocketConstructor,
} from '../../../src/index.js';
import { readingText } from './messages.js';
import { until } from '../wait.js';
import { closedSafeWebSocket } from '../../../src/feed/transports/mqtt.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function serve(handler: Handler) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Collects the numbers of station readings (`r<n>` ids) a feed delivers to a subscriber. */
function collect(feed: FeedClient): number[] {
  const seen: number[] = [];
  feed.subscribe('station.reading', (e) => seen.push(Number(e.id.slice(1))));
  return seen;
}

function assertComplete(seen: number[], total: number) {
  assert.equal(new Set(seen).size, seen.length, 'no duplicates reached the subscriber');
  assert.deepEqual(
    [...seen].sort((a, b) => a - b),
    Array.from({ length: total }, (_, i) => i),
    'no gaps',
  );
}

const fast: FeedOptions['backoff'] = { initial: 10, max: 50, jitter: 0 };

describe('SSE transport', () => {
  it('resumes from Last-Event-ID across 20 dropped connections with no gap', async () => {
    const TOTAL = 2100; // 21 connections of 100 events: 20 drops in the middle
    const lastIds: Array<string | undefined> = [];
    let auth: string | undefined;
    const server = await serve((req, res) => {
      const last = req.headers['last-event-id'] as string | undefined;
      lastIds.push(last);
      auth = req.headers.authorization;
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      res.write('retry: 5\n\n');
      let n = last === undefined ? 0 : Number(last) + 1;
      // 20 drops: each connection sends 100 events then ends abruptly
      const stop = Math.min(TOTAL, n + 100);
      const chunk: string[] = [];
      for (; n < stop; n++) chunk.push(`id: ${n}\ndata: ${readingText(n)}\n\n`);
      // split mid-event to exercise the parser
      const text = chunk.join('');
      res.write(text.slice(0, 1000));
      res.end(text.slice(1000));
    });
    const feed = createFeed({
      url: `${server.url}/feed`,
      transport: 'sse',
      token: 'secret',
      backoff: fast,
    });
    const seen = collect(feed);
    await until(() => seen.length === TOTAL, 'all events');
    feed.close();
    await server.close();
    assertComplete(seen, TOTAL);
    assert.equal(lastIds[0], undefined);
    assert.deepEqual(
      lastIds.slice(1, 21),
      Array.from({ length: 20 }, (_, i) => String(i * 100 + 99)),
    );
    assert.equal(auth, 'Bearer secret');
    assert.ok(feed.stats.reconnects >= 20, `reconnects ${feed.stats.reconnects}`);
  });

  it('lets the event loop run between slices of a backlog that is there at once', async () => {
    // A server's backlog on connecting, every chunk already received: read in one go it would
    // hold the page (its frames, its input) until the last message is applied.
    const TOTAL = 20_000;
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < TOTAL; i += 100) {
          const events: string[] = [];
          for (let n = i; n < i + 100; n++) events.push(`id: ${n}\ndata: ${readingText(n)}\n\n`);
          controller.enqueue(encoder.encode(events.join('')));
        }
      },
    });
    const fetch = (async () =>
      new Response(body, {
        headers: { 'content-type': 'text/event-stream' },
      })) as typeof globalThis.fetch;
    const feed = createFeed({
      url: 'http://feed.invalid/sse',
      transport: 'sse',
      fetch,
      backoff: fast,
    });
    const seen = collect(feed);
    // Other tasks run while the backlog is applied: each sees part of it.
    const between: number[] = [];
    const probe = setInterval(() => between.push(seen.length), 0);
    await until(() => seen.length === TOTAL, 'the whole backlog');
    clearInterval(probe);
    feed.close();
    assertComplete(seen, TOTAL);
    const partial = between.filter((n) => n > 0 && n < TOTAL);
    assert.ok(partial.length >= 3, `other tasks ran ${partial.length} times during the backlog`);
  });

  it('stops for good on 204', async () => {
    let requests = 0;
    const server = await serve((_req, res) => {
      requests++;
      res.writeHead(204).end();
    });
    const feed = createFeed({ url: server.url, transport: 'sse', backoff: fast });
    await until(() => requests === 1 && feed.status === 'closed', '204 handled');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(requests, 1);
    assert.equal(feed.status, 'closed');
    feed.close();
    await server.close();
  });

  it('backs off after 500s, growing by the factor up to the cap', async () => {
    const times: number[] = [];
    const server = await serve((_req, res) => {
      times.push(performance.now());
      res.writeHead(500).end('down');
    });
    // The delays the feed's retry scheduler asks of setTimeout, exactly; the wall clock then
    // shows that each attempt waited for its delay (a busy machine only makes it later).
    const asked: number[] = [];
    const setTimeoutBefore = globalThis.setTimeout;
    globalThis.setTimeout = ((fn: () => void, ms?: number, ...rest: unknown[]) => {
      if (/[/\\]src[/\\]feed[/\\]retry\.ts/.test(new Error().stack ?? '')) asked.push(ms ?? 0);
      return setTimeoutBefore(fn, ms, ...rest);
    }) as typeof setTimeout;
    const errors: string[] = [];
    let feed: FeedClient | undefined;
    try {
      feed = createFeed({
        url: server.url,
        transport: 'sse',
        backoff: { initial: 40, factor: 2, max: 320, jitter: 0 },
      });
      feed.on('error', (e) => errors.push(e.reason));
      await until(() => times.length >= 8, '8 attempts', 20_000);
    } finally {
      globalThis.setTimeout = setTimeoutBefore;
      feed?.close();
      await server.close();
    }
    const expected = [40, 80, 160, 320, 320, 320, 320];
    assert.deepEqual(asked.slice(0, 7), expected);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // Where the requests arrive: one arriving late on a busy machine shortens the next gap.
    gaps.slice(0, 7).forEach((gap, i) => {
      assert.ok(
        gap >= expected[i] - 25 && gap < expected[i] + 2000,
        `gap ${i}: ${gap.toFixed(0)} ms, expected ~${expected[i]}`,
      );
    });
    assert.ok(errors.every((e) => e === 'SSE HTTP 500'));
    assert.equal(feed.status, 'closed');
  });

  it('applies jitter within [d(1-j), d]', async () => {
    const { Backoff } = await import('../../../src/index.js');
    const b = new Backoff({ initial: 100, max: 1000, jitter: 0.5 });
    for (let i = 0; i < 200; i++) {
      const cap = Math.min(1000, 100 * 2 ** Math.min(i, 10));
      const d = b.next();
      assert.ok(d >= cap * 0.5 - 1 && d <= cap, `${d} vs ${cap}`);
    }
  });
});

describe('WebSocket transport', () => {
  it('asks for what it missed with ?since= after each dropped connection', async () => {
    const TOTAL = 1000;
    const sinces: Array<string | null> = [];
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    wss.on('connection', (socket, req) => {
      const since = new URL(req.url!, 'http://x').searchParams.get('since');
      sinces.push(since);
      let n = since === null ? 0 : Number(since.slice(1)) + 1;
      const stop = Math.min(TOTAL, n + 100);
      for (; n < stop; n++) socket.send(readingText(n));
      socket.terminate(); // abrupt drop
    });
    await new Promise((r) => wss.once('listening', r));
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/feed`;
    const feed = createFeed({
      url,
      transport: 'ws',
      backoff: fast,
      WebSocket: NodeWebSocket as unknown as WebSocketConstructor,
    });
    const seen = collect(feed);
    await until(() => seen.length === TOTAL, 'all messages');
    feed.close();
    await new Promise((r) => wss.close(r));
    assertComplete(seen, TOTAL);
    assert.deepEqual(sinces.slice(0, 3), [null, 'r99', 'r199']);
  });
});

describe("the MQTT transport's browser socket", () => {
  it('writes nothing once it is closing or closed, and everything while open', async () => {
    const received: string[] = [];
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    wss.on('connection', (s) => s.on('message', (d) => received.push(String(d))));
    await new Promise((r) => wss.once('listening', r));
    const writes: string[] = [];
    class Counting extends NodeWebSocket {
      override send(data: unknown): void {
        writes.push(String(data));
        super.send(data as string);
      }
    }
    const socket = closedSafeWebSocket(
      Counting as unknown as new (url: string) => WebSocket,
      `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/mqtt`,
    );
    await new Promise((r) => socket.addEventListener('open', r));
    socket.send('while open');
    await until(() => received.length === 1, 'the open write');
    socket.close();
    assert.equal(socket.readyState, socket.CLOSING);
    socket.send('while closing');
    await new Promise((r) => socket.addEventListener('close', r));
    socket.send('when closed');
    await new Promise((r) => wss.close(r));
    assert.deepEqual(writes, ['while open']);
    assert.deepEqual(received, ['while open']);
  });
});

describe('poll transport', () => {
  it('polls with since= and applies each batch', async () => {
    const TOTAL = 300;
    const server = await serve((req, res) => {
      const since = new URL(req.url!, 'http://x').searchParams.get('since');
      const start = since === null ? 0 : Number(since.slice(1)) + 1;
      const batch = [];
      for (let n = start; n < Math.min(TOTAL, start + 100); n++)
        batch.push(JSON.parse(readingText(n)));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(batch));
    });
    const feed = createFeed({
      url: server.url,
      transport: 'poll',
      pollIntervalMs: 10,
      backoff: fast,
    });
    const seen = collect(feed);
    await until(() => seen.length === TOTAL, 'all batches');
    feed.close();
    await server.close();
    assertComplete(seen, TOTAL);
  });
});
