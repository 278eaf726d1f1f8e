import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import mqtt from 'mqtt';
import { createFeed } from '../../../src/index.js';
import { startAedes, startMosquitto, type BrokerProcess } from './brokers.js';
import { sleep, until } from '../wait.js';

const TOTAL = 10_000;
const KILLS = 10;

/**
 * 10,000 numbered QoS 1 messages from a persistent publisher to a feed client subscribed over
 * MQTT-over-WebSocket, while the broker is SIGKILLed and restarted 10 times.
 */
async function scenario(
  start: () => Promise<BrokerProcess>,
  kills: number,
  { holdBackMs = 0 } = {},
) {
  const broker = await start();
  const topic = `envmap/test/${broker.name}`;
  const feed = createFeed({
    url: broker.wsUrl,
    transport: 'mqtt',
    clientId: `feed-${broker.name}`,
    topics: [topic],
    backoff: { initial: 50, max: 400, jitter: 0.2 },
  });
  const seen: number[] = [];
  feed.subscribe('station.reading', (e) => seen.push(Number(e.id.slice(1))));
  const sessions: boolean[] = [];
  feed.on('status', (s) => sessions.push(s === 'open'));

  const publisher = mqtt.connect(broker.tcpUrl, {
    clientId: `pub-${broker.name}`,
    clean: false,
    reconnectPeriod: 50,
    connectTimeout: 2000,
  });
  publisher.on('error', () => {});
  // The subscriber's session must exist before the first message: wait for a probe to arrive.
  await until(() => feed.status === 'open', 'subscriber online', 15_000);
  let probed = false;
  const offProbe = feed.subscribe('probe', () => (probed = true));
  while (!probed) {
    publisher.publish(
      topic,
      JSON.stringify({
        type: 'probe',
        id: `p${Date.now()}`,
        time: new Date().toISOString(),
        data: {},
      }),
      { qos: 1 },
    );
    await sleep(100);
  }
  offProbe();

  let acked = 0;
  let sent = 0;
  let republished = 0;
  let paused = false;
  const publishAll = (async () => {
    // Like a monitoring device, the publisher waits for each PUBACK before the next message,
    // and sends a message again (same id) when no PUBACK came within a second: the broker may
    // have died with it, and MQTT.js does not always resend what was in flight.
    const deadline = Date.now() + 150_000;
    while (sent < TOTAL) {
      while (paused) await sleep(5);
      const n = sent++;
      const body = JSON.stringify({
        type: 'station.reading',
        id: `n${n}`,
        time: new Date(Date.UTC(2026, 10, 25) + n * 1000).toISOString(),
        data: { stationId: `S${n % 50}`, values: { pm25: n % 300 } },
      });
      let done = false;
      while (!done) {
        if (Date.now() > deadline) throw new Error(`publisher stuck at message ${n}`);
        const acknowledged = new Promise<boolean>((resolve) => {
          publisher.publish(topic, body, { qos: 1 }, (err) => resolve(!err));
        });
        done = await Promise.race([acknowledged, sleep(1000).then(() => false)]);
        if (!done) republished++;
      }
      acked++;
    }
  })();

  // Kill and restart the broker 10 times while messages flow.
  for (let k = 0; k < kills; k++) {
    await until(
      () => acked >= ((k + 1) * TOTAL) / (kills + 2),
      `progress before kill ${k + 1}`,
      60_000,
    );
    // mosquitto sends PUBACK before its autosave writes the message to disk: a SIGKILL in
    // the millisecond between loses a message it acknowledged for an offline subscriber,
    // whatever any client does (BENCHMARKS.md has the losses measured when the kill follows a
    // PUBACK at once). For it the publisher holds back for 50 ms so the broker's disk state
    // includes what it acknowledged; the subscriber keeps whatever it has in flight or queued.
    // aedes with its journal writes before it acknowledges: it is killed mid-stream.
    if (holdBackMs > 0) {
      paused = true;
      await sleep(holdBackMs);
    }
    await broker.kill();
    paused = false;
    await sleep(150);
    await broker.restart();
  }
  await publishAll;
  await until(() => acked === TOTAL, 'all publishes acknowledged', 120_000);
  await until(
    () => new Set(seen).size === TOTAL,
    `all ${TOTAL} messages (have ${new Set(seen).size})`,
    120_000,
  ).catch((e) => {
    const have = new Set(seen);
    const missing = [];
    for (let i = 0; i < TOTAL && missing.length < 20; i++) if (!have.has(i)) missing.push(i);
    throw new Error(`${(e as Error).message}; first missing: ${missing.join(', ')}`);
  });
  await sleep(300); // let late redeliveries arrive
  publisher.end(true);
  feed.close();
  await broker.stop();
  return { seen, stats: feed.stats, republished };
}

function assertExactlyOnce(seen: number[]) {
  assert.equal(seen.length, new Set(seen).size, 'duplicates reached the subscriber');
  assert.deepEqual(
    [...seen].sort((a, b) => a - b),
    Array.from({ length: TOTAL }, (_, i) => i),
  );
}

describe('MQTT transport against mosquitto', { timeout: 300_000 }, () => {
  it(`receives 10,000 QoS 1 messages across ${KILLS} SIGKILLs of the broker: no gap, no duplicate`, async () => {
    const { seen, stats } = await scenario(startMosquitto, KILLS, { holdBackMs: 50 });
    assertExactlyOnce(seen);
    assert.ok(stats.reconnects >= KILLS, `reconnects ${stats.reconnects}`);
    assert.equal(stats.rejected, 0);
  });
});

describe('MQTT transport against aedes (the demo broker)', { timeout: 300_000 }, () => {
  it(`with its journal, receives 10,000 QoS 1 messages across ${KILLS} SIGKILLs: no gap, no duplicate`, async () => {
    const { seen, stats } = await scenario(() => startAedes(true), KILLS);
    assertExactlyOnce(seen);
    assert.ok(stats.reconnects >= KILLS, `reconnects ${stats.reconnects}`);
    assert.equal(stats.rejected, 0);
  });

  it('in memory, receives 10,000 QoS 1 messages: no gap, no duplicate', async () => {
    const { seen, stats } = await scenario(() => startAedes(false), 0);
    assertExactlyOnce(seen);
    assert.equal(stats.rejected, 0);
  });

  it('subscribes again when a restarted broker has lost the session', async () => {
    const broker = await startAedes(false);
    const topic = 'envmap/test/resubscribe';
    const feed = createFeed({
      url: broker.wsUrl,
      transport: 'mqtt',
      clientId: 'feed-resub',
      topics: [topic],
      backoff: { initial: 50, max: 200 },
    });
    const seen: string[] = [];
    feed.subscribe('incident', (e) => seen.push(e.id));
    const publisher = mqtt.connect(broker.tcpUrl, { clientId: 'pub-resub', reconnectPeriod: 50 });
    publisher.on('error', () => {});
    const send = (id: string) =>
      publisher.publish(
        topic,
        JSON.stringify({
          type: 'incident',
          id,
          time: new Date().toISOString(),
          data: { id, kind: 'spill', lon: 114.5, lat: 36.6, severity: 'high' },
        }),
        { qos: 1 },
      );
    await until(() => feed.status === 'open', 'online', 15_000);
    await sleep(200);
    send('before');
    await until(() => seen.includes('before'), 'first message', 10_000);
    await broker.kill(); // in memory: the session and subscription are gone
    await broker.restart();
    await until(() => feed.status === 'open' && publisher.connected, 'both back', 15_000);
    for (let i = 0; !seen.includes('after') && i < 50; i++) {
      send('after');
      await sleep(100);
    }
    publisher.end(true);
    feed.close();
    await broker.stop();
    assert.ok(seen.includes('after'), 'a message published after the restart arrived');
    assert.equal(new Set(seen).size, seen.length);
  });
});
