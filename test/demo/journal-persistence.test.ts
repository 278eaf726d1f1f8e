import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  JournalPersistence,
  decodeJournal,
  encodeOp,
  type StoredPacket,
} from '../../demo/server/journal-persistence.js';

const require = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'envmap-journal-'));
let files = 0;
const journalFile = () => join(dir, `journal-${files++}.log`);

// The specification every aedes persistence must pass, from aedes-persistence itself.
describe('JournalPersistence passes the aedes persistence specification', () => {
  const abstract = require('aedes-persistence/abstract.js') as (options: object) => void;
  abstract({
    test,
    persistence: () => new JournalPersistence({ file: journalFile() }),
    testAsync: true,
  });
});

const broker = { id: 'broker-1', counter: 0 };
const packet = (n: number, extra: Partial<StoredPacket> = {}): StoredPacket => ({
  cmd: 'publish',
  topic: 'envmap/station.reading',
  payload: Buffer.from(`{"n":${n},"名":"菏泽"}`),
  qos: 1,
  retain: false,
  brokerId: broker.id,
  brokerCounter: n,
  ...extra,
});

async function open(file: string, options: object = {}) {
  const p = new JournalPersistence({ file, ...options });
  await p.setup(broker);
  return p;
}

async function list<T>(stream: Readable): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream) out.push(item as T);
  return out;
}

/** What a restarted broker needs: subscriptions, queued packets with their ids, retained, wills. */
async function state(p: JournalPersistence, clients: string[]) {
  const out: Record<string, unknown> = {};
  for (const id of clients) {
    out[`subs ${id}`] = await p.subscriptionsByClient({ id });
    out[`queue ${id}`] = (await list<StoredPacket>(p.outgoingStream({ id }))).map((q) => [
      q.brokerCounter,
      q.messageId,
      q.payload?.toString(),
    ]);
  }
  out.retained = (await list<StoredPacket>(p.createRetainedStream('#'))).map((q) => [
    q.topic,
    q.payload?.toString(),
  ]);
  out.wills = (await list<StoredPacket>(p.streamWill({}))).map((w) => [w.clientId, w.brokerId]);
  return out;
}

/** A session's life: subscriptions, 300 queued messages, ids given, some acknowledged. */
async function exercise(p: JournalPersistence) {
  await p.addSubscriptions({ id: 'feed' }, [{ topic: 'envmap/#', qos: 1 }]);
  await p.addSubscriptions({ id: 'other' }, [
    { topic: 'envmap/+', qos: 1 },
    { topic: 'x', qos: 0 },
  ]);
  await p.removeSubscriptions({ id: 'other' }, ['x']);
  await p.storeRetained(packet(0, { topic: 'envmap/station.meta/S1', retain: true, qos: 0 }));
  for (let n = 1; n <= 300; n++) {
    await p.outgoingEnqueueCombi([{ clientId: 'feed' }, { clientId: 'other' }], packet(n));
    if (n % 3 !== 0) await p.outgoingUpdate({ id: 'feed' }, { ...packet(n), messageId: n });
    if (n % 3 === 1) await p.outgoingClearMessageId({ id: 'feed' }, { messageId: n });
  }
  await p.putWill({ id: 'feed' }, packet(999, { topic: 'envmap/offline', qos: 0 }));
}

describe('JournalPersistence across a crash', () => {
  it('a new instance on the same journal has the state of the one that died', async () => {
    const file = journalFile();
    const first = await open(file);
    await exercise(first);
    const before = await state(first, ['feed', 'other']);
    // No destroy: the process "died" here.
    const second = await open(file);
    const after = await state(second, ['feed', 'other']);
    assert.deepEqual(after, before);
    assert.equal((before['queue feed'] as unknown[]).length, 200);
    assert.equal((before['queue other'] as unknown[]).length, 300);
    // The will keeps the id of the broker that stored it, so it is still due for publishing.
    assert.deepEqual(after.wills, [['feed', 'broker-1']]);
    // Acknowledging after the restart works on the restored ids.
    await second.outgoingClearMessageId({ id: 'feed' }, { messageId: 2 });
    const third = await open(file);
    assert.equal((await list(third.outgoingStream({ id: 'feed' }))).length, 199);
  });

  it('a partial last line (a kill during a write) is ignored; a bad line inside is reported', async () => {
    const file = journalFile();
    const p = await open(file);
    await p.addSubscriptions({ id: 'feed' }, [{ topic: 'a/#', qos: 1 }]);
    await p.outgoingEnqueue({ clientId: 'feed' }, packet(1));
    appendFileSync(file, '["oe",["feed"],{"cmd":"pub');
    const warnings: string[] = [];
    const q = await open(file, { warn: (m: string) => warnings.push(m) });
    assert.equal((await list(q.outgoingStream({ id: 'feed' }))).length, 1);
    assert.deepEqual(warnings, []);

    const text = readFileSync(file, 'utf8').split('\n');
    text.splice(1, 0, '{not json', '42');
    writeFileSync(file, text.join('\n'));
    const reported: string[] = [];
    const r = await open(file, { warn: (m: string) => reported.push(m) });
    assert.equal(reported.length, 2);
    assert.match(reported[0]!, /line 2 skipped/);
    assert.match(reported[1]!, /line 3 skipped: not an operation/);
    assert.equal((await list(r.outgoingStream({ id: 'feed' }))).length, 1);
    assert.deepEqual(await r.subscriptionsByClient({ id: 'feed' }), [
      { topic: 'a/#', qos: 1, rh: undefined, rap: undefined, nl: undefined },
    ]);
  });

  it('a resumed session’s unacknowledged messages lose their packet ids, so a new connection’s ids cannot replace or clear them', async () => {
    const file = journalFile();
    const first = await open(file);
    for (let n = 1; n <= 3; n++) await first.outgoingEnqueue({ clientId: 'feed' }, packet(n));
    // A connection sent 1 and 2 (ids 100, 101) and died before their PUBACKs; 3 was never sent.
    await first.outgoingUpdate({ id: 'feed' }, { ...packet(1), messageId: 100 });
    await first.outgoingUpdate({ id: 'feed' }, { ...packet(2), messageId: 101 });
    const second = await open(file); // the broker restarted
    const ids = async (p: JournalPersistence) =>
      (await list<StoredPacket>(p.outgoingStream({ id: 'feed' }))).map((q) => [
        (JSON.parse(q.payload!.toString()) as { n: number }).n,
        q.messageId ?? null,
      ]);
    assert.deepEqual(await ids(second), [
      [1, 100],
      [2, 101],
      [3, null],
    ]);
    // Without renumbering, a PUBACK for a new message numbered 100 would clear message 1.
    await second.renumber('feed');
    assert.deepEqual(await ids(second), [
      [1, null],
      [2, null],
      [3, null],
    ]);
    await second.outgoingClearMessageId({ id: 'feed' }, { messageId: 100 });
    assert.equal((await ids(second)).length, 3);
    // The renumbering is in the journal: the next start has it too.
    assert.ok(readFileSync(file, 'utf8').includes('["or","feed"]'));
    const third = await open(file);
    assert.deepEqual(await ids(third), await ids(second));
  });

  it('compacts while running: the journal stays bounded and loses nothing', async () => {
    const file = journalFile();
    const p = await open(file, { compactAfter: 500 });
    await p.addSubscriptions({ id: 'feed' }, [{ topic: 'envmap/#', qos: 1 }]);
    let biggest = 0;
    for (let n = 1; n <= 20_000; n++) {
      await p.outgoingEnqueue({ clientId: 'feed' }, packet(n));
      await p.outgoingUpdate({ id: 'feed' }, { ...packet(n), messageId: n % 65535 });
      // Acknowledge all but every 1000th message.
      if (n % 1000 !== 0) await p.outgoingClearMessageId({ id: 'feed' }, { messageId: n % 65535 });
      if (n % 97 === 0) {
        biggest = Math.max(biggest, statSync(file).size);
        // A broker returns to the event loop between network reads; compaction runs there.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await p.settled();
    const kept = await state(p, ['feed']);
    assert.deepEqual(
      (kept['queue feed'] as [number, number][]).map(([counter, id]) => [counter, id]),
      Array.from({ length: 20 }, (_, i) => [(i + 1) * 1000, (i + 1) * 1000]),
    );
    // 20,000 × 3 operations of ~200 bytes would be ~12 MB uncompacted.
    assert.ok(biggest < 1_000_000, `journal reached ${biggest} bytes`);
    const q = await open(file);
    assert.deepEqual(await state(q, ['feed']), kept);
  });

  it('a PUBLISH acknowledged but not routed before a crash is routed when the broker is back', async () => {
    const file = journalFile();
    const p = await open(file);
    await p.addSubscriptions({ id: 'feed' }, [{ topic: 'envmap/#', qos: 1 }]);
    const routed = packet(1, { payload: Buffer.from('routed') });
    const lost = packet(2, { payload: Buffer.from('acknowledged, then the broker died') });
    const empty = packet(3, { payload: Buffer.from('nobody subscribed'), topic: 'other' });
    p.received(routed);
    p.received(lost);
    p.received(empty);
    // aedes routes a copy of the packet that shares the payload Buffer.
    await p.outgoingEnqueueCombi([{ clientId: 'feed' }], { ...routed, brokerCounter: 11 });
    await p.outgoingEnqueueCombi([], { ...empty, brokerCounter: 13 });

    const q = await open(file);
    const published: StoredPacket[] = [];
    const fakeBroker = {
      publish(pk: StoredPacket, _c: null, done: (err?: Error) => void) {
        published.push(pk);
        void q
          .outgoingEnqueueCombi([{ clientId: 'feed' }], { ...pk, brokerCounter: 99 })
          .then(() => done());
      },
    };
    assert.equal(await q.redeliver(fakeBroker), 1);
    assert.deepEqual(
      published.map((pk) => pk.payload?.toString()),
      ['acknowledged, then the broker died'],
    );
    // Routed now: a third start has nothing left to route, and the queue holds both messages.
    const r = await open(file);
    assert.equal(await r.redeliver(fakeBroker), 0);
    assert.deepEqual(
      (await list<StoredPacket>(r.outgoingStream({ id: 'feed' }))).map((pk) =>
        pk.payload?.toString(),
      ),
      ['routed', 'acknowledged, then the broker died'],
    );
  });

  it('Buffers, non-ASCII text and binary payloads survive the journal', () => {
    const payload = Buffer.from([0, 255, 10, 13, 0x22, 0x5c]);
    const [op] = decodeJournal(
      encodeOp(['is', '客户端', { ...packet(1), payload, messageId: 7 }]),
    ) as [['is', string, StoredPacket]];
    assert.equal(op[1], '客户端');
    assert.ok(Buffer.isBuffer(op[2].payload));
    assert.deepEqual([...op[2].payload!], [...payload]);
  });
});

describe('the demo with --broker-journal', { timeout: 60_000 }, () => {
  it('keeps a persistent subscriber’s queue across a restart of the demo', async () => {
    const { startDemo } = await import('../../demo/server/demo.js');
    const mqtt = (await import('mqtt')).default;
    const root = new URL('../..', import.meta.url).pathname;
    const file = journalFile();
    const first = await startDemo({ root, port: 0, tickMs: 0, brokerJournal: file });
    const url = `mqtt://127.0.0.1:${first.mqttPort}`;
    const sub = mqtt.connect(url, { clientId: 'journal-sub', clean: false });
    await new Promise<void>((resolve) => sub.once('connect', () => resolve()));
    await sub.subscribeAsync('envmap/station.reading', { qos: 1 });
    await sub.endAsync();
    for (let i = 0; i < 5; i++) first.step(); // published while the subscriber is away
    const port = first.mqttPort;
    await first.close();

    const second = await startDemo({
      root,
      port: 0,
      tickMs: 0,
      brokerJournal: file,
      mqttPort: port,
    });
    const again = mqtt.connect(`mqtt://127.0.0.1:${port}`, {
      clientId: 'journal-sub',
      clean: false,
    });
    const readings: string[] = [];
    again.on('message', (_t, payload) => readings.push(JSON.parse(payload.toString()).type));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await again.endAsync();
    await second.close();
    assert.ok(readings.length >= 5, `queued readings delivered: ${readings.length}`);
    assert.ok(readings.every((t) => t === 'station.reading'));
  });
});
