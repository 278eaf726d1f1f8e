import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  FeedMessageError,
  MESSAGE_TYPES,
  checkMessage,
  createFeed,
  DEFAULT_OBSERVATIONS_BY_TYPE,
  FeedStore,
  Backoff,
  SseParser,
  type Envelope,
} from '../../../src/index.js';
import { SAMPLE_DATA, message, readingText } from './messages.js';

const offline = () =>
  createFeed({ url: 'http://127.0.0.1:1/', transport: 'poll', autoConnect: false });

describe('feed messages', () => {
  it('accepts a valid message of every type', () => {
    assert.equal(MESSAGE_TYPES.length, 12);
    for (const type of MESSAGE_TYPES) {
      const { envelope, known } = checkMessage(JSON.stringify(message(type)));
      assert.equal(known, true, type);
      assert.deepEqual(envelope.data, JSON.parse(JSON.stringify(SAMPLE_DATA[type])), type);
    }
  });

  it('names what is wrong, with an excerpt of the input', () => {
    const cases: Array<[unknown, RegExp]> = [
      ['{"type":', /not valid JSON/],
      ['[1,2]', /must be a JSON object/],
      [
        { type: 'station.reading', id: 'x', time: 'yesterday', data: {} },
        /time: expected an ISO 8601/,
      ],
      [
        { type: 'station.reading', id: '', time: '2026-11-25T08:00:00Z', data: {} },
        /id: expected an identifier/,
      ],
      [
        message('station.meta', { ...(SAMPLE_DATA['station.meta'] as object), lon: 190 }),
        /data\.lon: expected a finite number in \[-180, 180\]/,
      ],
      [
        message('camera.alarm', { ...(SAMPLE_DATA['camera.alarm'] as object), kind: 'flood' }),
        /data\.kind: expected one of fire, smoke/,
      ],
      [
        message('station.reading', { stationId: 'a', values: { pm25: 'high' } }),
        /data\.values\.pm25: expected a finite number/,
      ],
      [
        message('station.reading', { stationId: 'a', values: JSON.parse('{"__proto__": 1}') }),
        /a key of at most 64 characters other than __proto__/,
      ],
      [{ type: 'x.y', id: 'a', time: '2026-11-25T08:00:00Z' }, /data: expected a value/],
    ];
    for (const [input, pattern] of cases) {
      assert.throws(
        () => checkMessage(input),
        (e: unknown) =>
          e instanceof FeedMessageError && pattern.test(e.reason) && e.excerpt.length <= 60,
        String(JSON.stringify(input)),
      );
    }
  });

  it('never throws anything but FeedMessageError (100,000 runs)', () => {
    const envelopeLike = fc.record(
      {
        type: fc.oneof(fc.constantFrom(...MESSAGE_TYPES), fc.string()),
        id: fc.oneof(fc.string(), fc.integer()),
        time: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.string(),
        ),
        data: fc.anything(),
        source: fc.anything(),
      },
      { requiredKeys: [] },
    );
    const inputs = fc.oneof(
      fc.anything(),
      fc.string(),
      envelopeLike,
      envelopeLike.map((e) => JSON.stringify(e)),
      fc.json(),
    );
    const feed = offline();
    let singles = 0;
    fc.assert(
      fc.property(inputs, (input) => {
        try {
          checkMessage(input);
        } catch (e) {
          if (!(e instanceof FeedMessageError)) return false;
        }
        // Arrays (and JSON array text) are batches, counted per item.
        if (!Array.isArray(input) && !(typeof input === 'string' && input.startsWith('[')))
          singles++;
        feed.ingest(input); // must not throw either
        return true;
      }),
      { numRuns: 100_000 },
    );
    const s = feed.stats;
    assert.ok(s.received >= singles);
    assert.equal(s.applied + s.rejected + s.duplicates, s.received);
    assert.ok(s.rejected > 50_000, `${s.rejected} rejected`);
  });
});

describe('feed client', () => {
  it('dispatches by type, by several types, to all and by predicate; unsubscribes', () => {
    const feed = offline();
    const got: Record<string, string[]> = { one: [], two: [], all: [], pred: [] };
    const off = feed.subscribe('station.reading', (e) => got.one.push(e.id));
    feed.subscribe(['camera.alarm', 'incident'], (e) => got.two.push(e.id));
    feed.subscribe('*', (e) => got.all.push(e.id));
    feed.subscribe(
      (e: Envelope) => e.type.startsWith('drone.'),
      (e) => got.pred.push(e.id),
    );
    for (const type of MESSAGE_TYPES) feed.ingest(message(type, SAMPLE_DATA[type], `id-${type}`));
    off();
    feed.ingest(message('station.reading', undefined, 'later'));
    assert.deepEqual(got.one, ['id-station.reading']);
    assert.deepEqual(got.two, ['id-camera.alarm', 'id-incident']);
    assert.equal(got.all.length, 13);
    assert.deepEqual(got.pred, ['id-drone.position', 'id-drone.mission']);
  });

  it('drops duplicates by id, passes unknown types with a counter, and survives throwing subscribers', () => {
    const feed = offline();
    const errors: string[] = [];
    feed.on('error', (e) => errors.push(e.reason));
    const custom: Envelope[] = [];
    feed.subscribe('weather.wind', (e) => custom.push(e));
    feed.subscribe('station.reading', () => {
      throw new Error('boom');
    });
    const m = message('station.reading');
    assert.equal(feed.ingest(m), 1);
    assert.equal(feed.ingest(JSON.stringify(m)), 0);
    feed.ingest({
      type: 'weather.wind',
      id: 'w1',
      time: '2026-11-25T08:00:00Z',
      data: { speed: 3 },
    });
    feed.ingest('not json');
    assert.equal(custom.length, 1);
    assert.deepEqual(feed.stats, {
      received: 4,
      applied: 2,
      rejected: 1,
      duplicates: 1,
      dropped: 0,
      unknown: 1,
      reconnects: 0,
      replayed: 0,
      lastEventId: 'w1',
    });
    assert.ok(errors.some((r) => r.includes('subscriber threw: boom')));
    assert.ok(errors.some((r) => r.includes('not valid JSON')));
  });

  it('takes batches (arrays and JSON array text), each message counted', () => {
    const feed = offline();
    const batch = [message('incident'), { bad: true }, message('clue.update')];
    assert.equal(feed.ingest(batch), 2);
    assert.equal(feed.ingest(JSON.stringify([message('incident')])), 1);
    assert.equal(feed.stats.received, 4);
    assert.equal(feed.stats.rejected, 1);
  });

  it('refuses bad options by name', () => {
    assert.throws(() => createFeed({ url: '', transport: 'sse' }), /options\.url/);
    assert.throws(
      () => createFeed({ url: 'x', transport: 'carrier-pigeon' as 'sse' }),
      /transport must be one of sse, ws, mqtt, sensorthings, poll/,
    );
    assert.throws(
      () =>
        createFeed({
          url: 'x',
          transport: 'sse',
          autoConnect: false,
          limits: { maxObservations: 0 },
        }),
      /maxObservations/,
    );
    assert.throws(() => new Backoff({ initial: 0 }), /backoff/);
  });

  it('keeps memory bounded and counters exact under a flood of 10,000 messages in one second', () => {
    const feed = createFeed({
      url: 'http://127.0.0.1:1/',
      transport: 'poll',
      autoConnect: false,
      limits: { maxObservations: 20, maxEntities: 100 },
      dedupeWindow: 5000,
    });
    const started = performance.now();
    const station = (i: number) => `S${i % 100}`;
    for (let i = 0; i < 10_000; i++) feed.ingest(readingText(i, station(i)));
    // 500 repeats of recent ids, and 500 invalid ones
    for (let i = 9_500; i < 10_000; i++) feed.ingest(readingText(i, station(i)));
    for (let i = 0; i < 500; i++) feed.ingest(`{"type":"station.reading","id":"bad${i}"}`);
    const elapsed = performance.now() - started;
    const s = feed.stats;
    assert.equal(s.received, 11_000);
    assert.equal(s.applied, 10_000);
    assert.equal(s.duplicates, 500);
    assert.equal(s.rejected, 500);
    // 100 stations, 20 observations kept for each
    assert.equal(feed.store.keys('station.reading').length, 100);
    assert.equal(feed.store.size, 100 * 20);
    assert.equal(s.dropped, 10_000 - 2000);
    assert.ok(elapsed < 1000, `flood took ${elapsed} ms`);
  });
});

describe('feed store', () => {
  it('keeps one version of a description by default and as many as a type is given', () => {
    const mission = (n: number): Envelope => ({
      type: 'drone.mission',
      id: `m${n}`,
      time: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
      data: { id: 'D1-M1', droneId: 'D1', status: n < 5 ? 'active' : 'done' },
    });
    const reading = (n: number): Envelope => ({
      type: 'station.reading',
      id: `r${n}`,
      time: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
      data: { stationId: 'A', values: { pm25: n } },
    });
    const store = new FeedStore();
    for (let n = 0; n < 10; n++) {
      store.apply(mission(n), 'D1-M1');
      store.apply(reading(n), 'A');
    }
    assert.deepEqual(
      store.track('drone.mission', 'D1-M1').map((e) => e.id),
      ['m9'],
    );
    assert.equal(store.latest('drone.mission', 'D1-M1')!.id, 'm9');
    assert.equal(store.track('station.reading', 'A').length, 10);
    assert.equal(store.dropped, 9);

    const deep = new FeedStore({
      maxObservations: 4,
      observationsByType: { 'drone.mission': 3, 'station.reading': 2 },
    });
    for (let n = 0; n < 10; n++) {
      deep.apply(mission(n), 'D1-M1');
      deep.apply(reading(n), 'A');
    }
    assert.deepEqual(
      deep.track('drone.mission', 'D1-M1').map((e) => e.id),
      ['m7', 'm8', 'm9'],
    );
    assert.deepEqual(
      deep.track('station.reading', 'A').map((e) => e.id),
      ['r8', 'r9'],
    );
    assert.equal(
      deep.limits.observationsByType['camera.meta'],
      DEFAULT_OBSERVATIONS_BY_TYPE['camera.meta'],
    );
    assert.throws(
      () => new FeedStore({ observationsByType: { 'radar.scan': 0 } }),
      /observationsByType\['radar.scan'\] must be a positive integer, got 0/,
    );
  });

  it('keeps the latest by time, tracks in order, and purges by age', () => {
    const store = new FeedStore({ maxObservations: 3, maxAgeMs: 60_000, displayCount: 2 });
    const at = (s: number, v: number): Envelope => ({
      type: 'station.reading',
      id: `x${s}`,
      time: new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString(),
      data: { stationId: 'A', values: { pm25: v } },
    });
    store.apply(at(10, 1), 'A');
    store.apply(at(5, 2), 'A'); // late arrival: history keeps it, latest stays
    assert.equal(store.latest('station.reading', 'A')!.id, 'x10');
    store.apply(at(20, 3), 'A');
    store.apply(at(30, 4), 'A');
    assert.deepEqual(
      store.track('station.reading', 'A', 10).map((e) => e.id),
      ['x5', 'x20', 'x30'],
    );
    assert.deepEqual(
      store.track('station.reading', 'A').map((e) => e.id),
      ['x20', 'x30'],
    );
    assert.equal(store.dropped, 1);
    const late = new Date(Date.UTC(2026, 0, 1, 0, 2, 0)).toISOString();
    store.apply({ ...at(0, 5), id: 'x120', time: late }, 'A');
    assert.deepEqual(
      store.track('station.reading', 'A', 10).map((e) => e.id),
      ['x120'],
    );
  });

  it('evicts the least recently updated entity beyond maxEntities, counting its observations', () => {
    const store = new FeedStore({ maxEntities: 2 });
    const m = (key: string, i: number): Envelope => ({
      type: 'drone.position',
      id: `${key}${i}`,
      time: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      data: {},
    });
    store.apply(m('a', 1), 'a');
    store.apply(m('a', 2), 'a');
    store.apply(m('b', 3), 'b');
    store.apply(m('a', 4), 'a'); // a is now the most recent
    store.apply(m('c', 5), 'c'); // evicts b
    assert.deepEqual(store.keys('drone.position').sort(), ['a', 'c']);
    assert.equal(store.dropped, 1);
    assert.equal(store.size, 4);
  });
  it('keeps what a plain list would, as its tracks grow from a few slots to their capacity', () => {
    // A list that drops from the front, as the store is specified, against the store's rings.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const capacity of [1, 3, 4, 5, 100]) {
      const store = new FeedStore({ maxObservations: capacity, maxAgeMs: 40_000 });
      const model = new Map<string, Array<{ id: string; time: number }>>();
      const latest = new Map<string, number>();
      let dropped = 0;
      for (let i = 0; i < 3000; i++) {
        const key = `k${Math.floor(random() * 5)}`;
        // Mostly in order, some late, some far ahead (which purges by age).
        const time = i * 1000 + Math.floor((random() - 0.8) * 30_000);
        const id = `m${i}`;
        store.apply({ type: 't', id, time: new Date(time).toISOString(), data: {} }, key);
        const list = model.get(key) ?? [];
        model.set(key, list);
        list.push({ id, time });
        if (list.length > capacity) dropped += list.splice(0, list.length - capacity).length;
        const newest = Math.max(latest.get(key) ?? -Infinity, time);
        latest.set(key, newest);
        while (list.length > 0 && list[0]!.time < newest - 40_000) {
          list.shift();
          dropped++;
        }
        if (i % 97 === 0 || i === 2999)
          for (const [k, l] of model)
            assert.deepEqual(
              store.track('t', k, capacity).map((e) => e.id),
              l.map((e) => e.id),
              `capacity ${capacity}, entity ${k}, after ${i + 1} messages`,
            );
      }
      assert.equal(store.dropped, dropped, `capacity ${capacity}: dropped`);
    }
  });
});

describe('SSE parser', () => {
  it('parses fields, multi-line data, comments, ids, retry and any chunking', () => {
    const text =
      ': hello\r\nretry: 1500\nid: 1\ndata: {"a":\ndata: 1}\n\nevent: ping\ndata: x\n\nid: 2\ndata: two\r\n\r\ndata: no-end';
    for (const size of [1, 2, 3, 7, 1000]) {
      const events: Array<[string, string, string | undefined]> = [];
      const retries: number[] = [];
      const parser = new SseParser(
        (e) => events.push([e.event, e.data, e.id]),
        (ms) => retries.push(ms),
      );
      for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
      assert.deepEqual(
        events,
        [
          ['message', '{"a":\n1}', '1'],
          ['ping', 'x', undefined],
          ['message', 'two', '2'],
        ],
        `chunk size ${size}`,
      );
      assert.deepEqual(retries, [1500]);
    }
  });

  it('reads a large chunk in one pass: 100,000 events (7.6 MB, LF only) well within seconds', () => {
    // Looking for the next CR from every line again made this quadratic: about 22 s here.
    const n = 100_000;
    const text = Array.from(
      { length: n },
      (_, i) => `id: ${i}\ndata: {"type":"station.reading","id":"n${i}","data":{"v":${i}}}\n\n`,
    ).join('');
    const ids: string[] = [];
    const parser = new SseParser((e) => ids.push(e.id!));
    const start = performance.now();
    parser.push(text);
    const ms = performance.now() - start;
    assert.equal(ids.length, n);
    assert.equal(ids[n - 1], String(n - 1));
    assert.ok(ms < 5000, `took ${Math.round(ms)} ms`);
  });
});
