// The demo server's poll endpoint as the history its MQTT and WebSocket feeds fill gaps from.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { WebSocket as NodeWebSocket } from 'ws';
import {
  createFeed,
  type Envelope,
  type FeedClient,
  type WebSocketConstructor,
} from '../../src/index.js';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { until } from '../src/wait.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the demo feed server as a replay source', { timeout: 60_000 }, () => {
  let demo: RunningDemo;
  let base: string;
  let config: { replayUrl: string; mqtt: string; ws: string };
  /** Ids of every message the demo publishes from now on, in order. */
  const published: string[] = [];

  before(async () => {
    demo = await startDemo({ root, port: 0, tickMs: 0 });
    base = `http://127.0.0.1:${demo.port}`;
    const publish = demo.hub.publish.bind(demo.hub);
    demo.hub.publish = (envelopes: Envelope[]) => {
      for (const e of envelopes) published.push(e.id);
      publish(envelopes);
    };
    config = (await (await fetch(`${base}/feed/config.json`)).json()) as typeof config;
  });
  after(() => demo.close());

  it('announces its poll endpoint as replayUrl, an id-ordered history with since exclusive', async () => {
    assert.equal(config.replayUrl, '/feed/poll');
    for (let i = 0; i < 5; i++) demo.step();
    const since = published[10];
    const page = (await (
      await fetch(`${base}${config.replayUrl}?since=${since}`)
    ).json()) as Envelope[];
    assert.deepEqual(
      page.map((e) => e.id),
      published.slice(11, 11 + page.length),
    );
    assert.ok(page.length === 1000 || page.length === published.length - 11);
  });

  for (const transport of ['mqtt', 'ws'] as const) {
    it(`fills the gap of a dropped ${transport} connection from it`, async () => {
      const asked: string[] = [];
      const feed: FeedClient = createFeed({
        url: transport === 'mqtt' ? config.mqtt : config.ws,
        transport,
        clientId: `replay-${transport}`,
        replayUrl: new URL(config.replayUrl, base).href,
        backoff: { initial: 100, max: 100, jitter: 0 },
        WebSocket: NodeWebSocket as unknown as WebSocketConstructor,
        fetch: ((input: RequestInfo | URL, init?: RequestInit) => {
          asked.push(new URL(String(input)).searchParams.get('since') ?? '');
          return fetch(input, init);
        }) as typeof fetch,
      });
      const ids = new Set<string>();
      feed.subscribe('*', (e) => ids.add(e.id));
      const errors: string[] = [];
      feed.on('error', (e) => errors.push(e.reason));
      await until(() => feed.status === 'open', 'online');
      await new Promise((r) => setTimeout(r, 200));
      const step = published.length;
      demo.step();
      const last = published.at(-1)!;
      await until(() => ids.has(last), 'live messages');
      // Drop the connection from the server's side and publish while it is down.
      if (transport === 'mqtt') {
        const clients = (
          demo.broker!.aedes as unknown as { clients: Record<string, { close(): void }> }
        ).clients;
        clients[`replay-${transport}`].close();
      } else {
        const hub = demo.hub as unknown as { wsClients: Set<{ socket: NodeWebSocket }> };
        for (const { socket } of hub.wsClients) socket.terminate();
      }
      const from = published.length;
      for (let i = 0; i < 3; i++) demo.step();
      await until(() => asked.length > 0, 'the history asked');
      await until(() => published.slice(from).every((id) => ids.has(id)), 'the gap filled');
      feed.dispose();
      // From the last message received (on MQTT a clue's history comes last, as one batch).
      assert.ok(published.slice(step).includes(asked[0]), `asked since=${asked[0]}`);
      assert.equal(feed.stats.rejected, 0);
      assert.deepEqual(
        errors.filter((e) => e.startsWith('replay')),
        [],
      );
    });
  }
});
