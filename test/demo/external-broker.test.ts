import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { MESSAGE_TYPES, createFeed } from '../../src/index.js';
import { startDemo } from '../../demo/server/demo.js';
import { startMosquitto } from '../src/feed/brokers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('demo with an external broker (--broker)', { timeout: 60_000 }, () => {
  it('publishes the simulated feed to mosquitto and tells pages where to connect', async () => {
    const broker = await startMosquitto();
    const demo = await startDemo({
      root,
      port: 0,
      tickMs: 0,
      brokerUrl: broker.tcpUrl,
      brokerWsUrl: broker.wsUrl,
    });
    try {
      const config = (await (
        await fetch(`http://127.0.0.1:${demo.port}/feed/config.json`)
      ).json()) as { mqtt: string };
      assert.equal(config.mqtt, broker.wsUrl);
      const feed = createFeed({ url: config.mqtt, transport: 'mqtt', clientId: 'external-test' });
      const types = new Set<string>();
      feed.subscribe('*', (e) => types.add(e.type));
      const deadline = Date.now() + 30_000;
      while (feed.status !== 'open' && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 300));
      for (let i = 0; i < 61; i++) demo.step();
      while (!MESSAGE_TYPES.every((t) => types.has(t)) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      feed.dispose();
      // *.meta came as retained messages published before the subscription
      assert.deepEqual([...types].sort(), [...MESSAGE_TYPES].sort());
      assert.equal(feed.stats.rejected, 0);
    } finally {
      await demo.close();
      await broker.stop();
    }
  });
});
