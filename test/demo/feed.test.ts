import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocket as NodeWebSocket } from 'ws';
import {
  MESSAGE_TYPES,
  createFeed,
  encodeHj212,
  parseHj212,
  type Envelope,
  type FeedClient,
  type WebSocketConstructor,
} from '../../src/index.js';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { until } from '../src/wait.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const typesOf = (feed: FeedClient) => {
  const types = new Set<string>();
  feed.subscribe('*', (e) => types.add(e.type));
  return types;
};

describe('demo feed server (simulated Heze)', { timeout: 60_000 }, () => {
  let demo: RunningDemo;
  let base: string;
  const feeds: FeedClient[] = [];

  before(async () => {
    demo = await startDemo({ root, port: 0, tickMs: 0 });
    base = `http://127.0.0.1:${demo.port}`;
    for (let i = 0; i < 61; i++) demo.step(); // one of every kind of event
  });
  after(async () => {
    for (const f of feeds) f.dispose();
    await demo.close();
  });

  for (const transport of ['sse', 'ws', 'poll', 'mqtt'] as const) {
    it(`serves every message type over ${transport}`, async () => {
      const url = {
        sse: `${base}/feed/sse`,
        ws: `ws://127.0.0.1:${demo.port}/feed/ws`,
        poll: `${base}/feed/poll`,
        mqtt: `ws://127.0.0.1:${demo.port}/mqtt`,
      }[transport];
      const feed = createFeed({
        url,
        transport,
        clientId: `test-${transport}`,
        pollIntervalMs: 100,
        WebSocket: NodeWebSocket as unknown as WebSocketConstructor,
        lastEventId: transport === 'sse' ? '0' : transport === 'mqtt' ? undefined : 'sim-0',
      });
      feeds.push(feed);
      const types = typesOf(feed);
      if (transport === 'mqtt') {
        await until(() => feed.status === 'open', 'MQTT online');
        await new Promise((r) => setTimeout(r, 200));
        for (let i = 0; i < 61; i++) demo.step();
      }
      await until(
        () => MESSAGE_TYPES.every((t) => types.has(t)),
        `all types over ${transport}`,
      ).catch((e) => {
        throw new Error(
          `${e.message}: ${JSON.stringify(feed.stats)} ${feed.status} ${[...types].join(',')}`,
        );
      });
      assert.equal(feed.stats.rejected, 0);
      const meta = feed.store.latestAll('station.meta');
      if (transport !== 'mqtt') {
        assert.equal(
          meta.filter((m) => (m.data as { kind: string }).kind === 'national').length,
          3,
        );
      }
    });
  }

  it('labels simulated data', () => {
    const entries: Envelope[] = demo.simulator.metadata();
    const township = entries.find(
      (e) => e.type === 'station.meta' && (e.data as { kind: string }).kind === 'township',
    )!;
    assert.equal((township.data as { simulated: boolean }).simulated, true);
    assert.equal(township.source, 'simulator');
  });

  it('serves the stations as SensorThings, then their observations over MQTT', async () => {
    const feed = createFeed({
      url: `${base}/sta/v1.1`,
      transport: 'sensorthings',
      mqttUrl: `ws://127.0.0.1:${demo.port}/mqtt`,
      clientId: 'test-sta',
    });
    feeds.push(feed);
    const readings: Envelope[] = [];
    feed.subscribe('station.reading', (e) => readings.push(e));
    await until(() => feed.store.keys('station.meta').length === 63, 'all 63 stations as Things');
    const bootstrapped = readings.length;
    assert.ok(bootstrapped >= 63 * 7, `${bootstrapped} latest observations`);
    await until(() => feed.status === 'open', 'SensorThings MQTT online');
    await new Promise((r) => setTimeout(r, 200));
    demo.step();
    await until(() => readings.length >= bootstrapped + 63 * 7, 'observations over MQTT');
    const r = feed.store.latest('station.reading', '1718A')!;
    assert.equal(r.source, 'sensorthings');
  });

  it('fills the gap over HTTP after the SensorThings MQTT connection drops', async () => {
    const urls: string[] = [];
    const logged = ((input: RequestInfo | URL, init?: RequestInit) => {
      urls.push(String(input));
      return fetch(input, init);
    }) as typeof fetch;
    const feed = createFeed({
      url: `${base}/sta/v1.1`,
      transport: 'sensorthings',
      mqttUrl: `ws://127.0.0.1:${demo.port}/mqtt`,
      clientId: 'test-sta-gap',
      fetch: logged,
      backoff: { initial: 300, max: 300, jitter: 0 },
    });
    feeds.push(feed);
    await until(
      () => feed.status === 'open' && feed.store.keys('station.meta').length === 63,
      'online',
    );
    await new Promise((r) => setTimeout(r, 200));
    // Drop the connection from the broker's side, then produce observations while it is down.
    const clients = (
      demo.broker!.aedes as unknown as { clients: Record<string, { close(): void }> }
    ).clients;
    const client = clients['test-sta-gap'];
    assert.ok(client, 'the broker knows the client');
    client.close();
    const before = Date.now();
    demo.step();
    await until(
      () => urls.some((u) => u.includes('/Observations?') && u.includes('phenomenonTime%20gt')),
      'gap-fill requests',
    );
    await until(() => feed.status === 'open', 'back online');
    // the observations made while it was down arrived (over HTTP, or queued by the broker)
    await until(
      () => Date.parse(feed.store.latest('station.reading', '1718A')!.time) >= before - 1,
      'missed observations',
    );
    assert.ok(feed.stats.reconnects >= 1);
    assert.equal(feed.stats.rejected, 0);
  });

  it('bridges HJ 212 frames: replies 9014, publishes readings, refuses broken frames', async () => {
    const sse = createFeed({
      url: `${base}/feed/sse`,
      transport: 'sse',
      types: undefined,
    } as never);
    feeds.push(sse);
    const bridged: Envelope[] = [];
    sse.subscribe(
      (e) => (e.source ?? '').startsWith('hj212:'),
      (e) => bridged.push(e),
    );
    await until(() => sse.status === 'open', 'SSE open');
    const socket = connect(demo.hj212Port, '127.0.0.1');
    socket.setEncoding('latin1');
    let received = '';
    socket.on('data', (d: string) => (received += d));
    await new Promise((r) => socket.once('connect', r));
    const air = encodeHj212({
      qn: '20261125083000123',
      st: '22',
      cn: '2011',
      pw: '123456',
      mn: '371700AIR0000000000TS001',
      flag: 5,
      cp: {
        dataTime: '20261125083000',
        pollutants: { a34004: { rtd: 75, flag: 'N' }, a34002: { rtd: 120, flag: 'N' } },
        equipment: {},
        fields: {},
      },
    });
    const power = encodeHj212({
      qn: '20261125083000456',
      st: '31',
      cn: '2011',
      pw: '123456',
      mn: '371700PW0000000000EN0003',
      flag: 4,
      cp: {
        dataTime: '20261125083000',
        pollutants: { e10101: { rtd: 0.3 }, e10109: { rtd: 512 } },
        equipment: { SB1: { rs: 0 }, SB9: { rs: 1 } },
        fields: {},
      },
    });
    const broken = air.replace('a34004-Rtd=75', 'a34004-Rtd=76'); // CRC no longer matches
    // Two frames in one write, one split across writes, garbage in between.
    socket.write(air + 'noise' + power.slice(0, 20));
    await new Promise((r) => setTimeout(r, 50));
    socket.write(power.slice(20) + broken);
    await until(() => bridged.length >= 3, 'bridged messages');
    await until(() => received.includes('\r\n'), 'reply');
    socket.end();
    const reply = parseHj212(received);
    assert.equal(reply.cn, '9014');
    assert.equal(reply.qn, '20261125083000123');
    assert.equal(
      received.split('\r\n').length - 1,
      1,
      'only the frame with Flag A set got a reply',
    );
    const reading = bridged.find((e) => e.type === 'station.reading')!;
    assert.deepEqual((reading.data as { values: unknown }).values, { pm25: 75, pm10: 120 });
    assert.equal(reading.time, '2026-11-25T08:30:00+08:00');
    const meters = bridged
      .filter((e) => e.type === 'power.reading')
      .map((e) => e.data as { meterId: string; running: boolean; powerKw: number });
    assert.deepEqual(
      meters.find((m) => m.meterId === 'SB1'),
      { enterpriseId: 'EN-003', meterId: 'SB1', role: 'treatment', powerKw: 0.3, running: false },
    );
    assert.equal(meters.find((m) => m.meterId === 'PROD')!.running, true);
  });
});
