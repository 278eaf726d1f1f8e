import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import {
  CLUE_STATUSES,
  ClueBoard,
  checkMessage,
  clueUpdateOf,
  createFeed,
  type ClueStatus,
  type ClueUpdate,
  type Envelope,
  type FeedClient,
} from '../../src/index.js';
import {
  XUZHOU_CHANNELS,
  XUZHOU_DEPARTMENTS,
  XUZHOU_HISTORY_MS,
  XuzhouClues,
  xuzhouCases,
  xuzhouUpdates,
} from '../../demo/server/simulator/xuzhou.js';
import { envelopeMaker } from '../../demo/server/simulator/envelope.js';
import { FeedHub } from '../../demo/server/feed-hub.js';
import { inRing } from '../../demo/server/simulator/random.js';
import { CLUE_STEP_MAX_BYTES, startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { until } from '../src/wait.js';
import { root } from './serve.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-05-06T10:17:23+08:00');
const OPEN: ClueStatus[] = CLUE_STATUSES.filter((s) => s !== 'closed');

/** A board with `updates` applied, judged at `now`; the refusals. */
function boardOf(updates: ClueUpdate[], now = NOW) {
  const board = new ClueBoard({ now: () => now });
  const refused = updates
    .map((u) => ({ u, r: board.apply(u) }))
    .filter(({ r }) => !r.ok)
    .map(({ u, r }) => `${u.updateId}: ${r.ok ? '' : r.reason}`);
  return { board, refused };
}

describe('the simulated Xuzhou-style clues', () => {
  const updates = xuzhouUpdates(NOW);
  const { board, refused } = boardOf(updates);
  const cases = board.list();

  it('are 600 cases of the last six weeks whose every step a board accepts, in time order', () => {
    assert.deepEqual(refused, []);
    assert.equal(board.size, 600);
    const times = updates.map((u) => u.time as number);
    assert.ok(
      times.every((t, i) => i === 0 || times[i - 1]! <= t),
      'in time order',
    );
    assert.ok(
      times.every((t) => t <= NOW),
      'none after now',
    );
    assert.ok(times[0]! >= NOW - XUZHOU_HISTORY_MS - DAY, 'from six weeks ago');
    assert.ok(updates.length > 5 * 600 && updates.length < 8 * 600, `${updates.length} steps`);
    const ids = new Set(updates.map((u) => u.updateId));
    assert.equal(ids.size, updates.length);
  });

  it('come by the six channels and go to the 12 departments', () => {
    const count = (f: 'source' | 'department') => {
      const n: Record<string, number> = {};
      for (const c of cases) n[c[f]!] = (n[c[f]!] ?? 0) + 1;
      return n;
    };
    const sources = count('source');
    assert.deepEqual(Object.keys(sources).sort(), Object.keys(XUZHOU_CHANNELS).sort());
    assert.ok(
      Object.values(sources).every((n) => n >= 20),
      JSON.stringify(sources),
    );
    const departments = count('department');
    assert.equal(XUZHOU_DEPARTMENTS.length, 12);
    assert.deepEqual(Object.keys(departments).sort(), [...XUZHOU_DEPARTMENTS].sort());
    assert.ok(
      Object.values(departments).every((n) => n >= 10),
      JSON.stringify(departments),
    );
  });

  it('stand inside their grid zone, titled as simulated', () => {
    const zones = JSON.parse(readFileSync(`${root}/demo/data/heze-zones.geojson`, 'utf8')) as {
      features: Array<{
        properties: { id: string; level: string };
        geometry: { type: string; coordinates: number[][][] | number[][][][] };
      }>;
    };
    const rings = new Map(
      zones.features
        .filter((f) => f.properties.level === 'grid')
        .map((f) => {
          const c = f.geometry.coordinates;
          const polygons = (f.geometry.type === 'MultiPolygon' ? c : [c]) as number[][][][];
          return [f.properties.id, polygons.map((p) => p[0]!)];
        }),
    );
    for (const c of cases) {
      assert.match(c.title, /（模拟）$/);
      assert.ok(c.title.length > 8, c.title);
      const zone = rings.get(c.zone!);
      assert.ok(zone, `${c.id} in a grid zone (${c.zone})`);
      assert.ok(
        zone.some((ring) => inRing(c.lon!, c.lat!, ring)),
        `${c.id} inside ${c.zone}`,
      );
      assert.ok(
        c.history.every((s) => s.by && s.note),
        `${c.id}: every step says who and why`,
      );
    }
    assert.ok(new Set(cases.map((c) => c.zone)).size > 300);
  });

  it('leave cases open at every step, some overdue, some due soon, some on time', () => {
    const open = board.list({ status: OPEN });
    for (const status of OPEN)
      assert.ok(
        open.filter((c) => c.status === status).length >= 2,
        `at least two open cases ${status}`,
      );
    const states = (list: typeof cases) => list.map((c) => board.stateOf(c, NOW));
    const count = (state: string) => states(open).filter((s) => s === state).length;
    assert.ok(count('overdue') >= 5, `${count('overdue')} overdue`);
    assert.ok(count('due-soon') >= 5, `${count('due-soon')} due soon`);
    assert.ok(count('on-time') >= 2, `${count('on-time')} on time`);
    for (const status of ['discovered', 'dispatched', 'rectifying', 'verifying', 'feedback'])
      for (const state of ['overdue', 'due-soon'])
        assert.ok(
          open.some((c) => c.status === status && board.stateOf(c, NOW) === state),
          `a case ${status} and ${state}`,
        );
    assert.ok(open.length > 30 && open.length < 150, `${open.length} open`);
  });

  it('close mostly on time, some late, some as unfounded, some after being sent back', () => {
    const closed = board.list({ status: ['closed'] });
    const late = closed.filter((c) => board.stateOf(c) === 'closed-late').length;
    assert.ok(late >= 10 && late < closed.length / 4, `${late} of ${closed.length} closed late`);
    const unfounded = closed.filter((c) => c.founded === false);
    assert.ok(unfounded.length >= 10, `${unfounded.length} unfounded`);
    for (const c of unfounded)
      assert.ok(['discovered', 'dispatched'].includes(c.history.at(-2)!.status));
    const sentBack = cases.filter(
      (c) => c.history.filter((s) => s.status === 'rectifying').length > 1,
    );
    assert.ok(sentBack.length >= 10, `${sentBack.length} sent back`);
    for (const c of sentBack) {
      const i = c.history.findIndex(
        (s, k) => k > 0 && s.status === 'rectifying' && c.history[k - 1]!.status === 'verifying',
      );
      assert.ok(i > 0, `${c.id} went back from verifying`);
    }
    // Late steps: dispatches after their two hours.
    const lateDispatch = cases.filter((c) => {
      const [d, s] = c.history;
      return s?.status === 'dispatched' && s.time > d!.deadline!;
    });
    assert.ok(lateDispatch.length >= 10, `${lateDispatch.length} dispatched late`);
  });

  it('are the same for the same clock, and the same cases later for a later clock', () => {
    assert.deepEqual(xuzhouUpdates(NOW), updates);
    const later = NOW - (NOW % MIN) + 3 * DAY;
    const shift = (u: ClueUpdate) => ({
      ...u,
      time: (u.time as number) - 3 * DAY,
      ...(u.deadline === undefined ? {} : { deadline: (u.deadline as number) - 3 * DAY }),
    });
    const { past, future } = xuzhouCases(later);
    const shifted = [...past, ...future].map(shift);
    const all = xuzhouCases(NOW - (NOW % MIN));
    assert.deepEqual(
      shifted.sort((a, b) => a.updateId.localeCompare(b.updateId)),
      [...all.past, ...all.future].sort((a, b) => a.updateId.localeCompare(b.updateId)),
    );
  });

  it('make as many cases as asked, each with its history', () => {
    const { board: big, refused: no } = boardOf(xuzhouUpdates(NOW, 5_000));
    assert.deepEqual(no, []);
    assert.equal(big.size, 5_000);
  });

  it('go on the feed as clue.update, the history first and then each step as it comes', () => {
    const clues = new XuzhouClues(envelopeMaker('xz-test'));
    const history = clues.start(new Date(NOW));
    assert.equal(history.length, updates.length);
    for (const [i, e] of history.entries()) {
      const checked = checkMessage(JSON.stringify(e));
      assert.ok(checked.known);
      const u = clueUpdateOf(checked.envelope as Envelope & { data: Record<string, unknown> });
      const want = updates[i]!;
      assert.equal(u.updateId, want.updateId);
      assert.equal(Date.parse(u.time as string), want.time);
      if (want.deadline !== undefined)
        assert.equal(Date.parse(u.deadline as string), want.deadline);
      assert.equal(u.title, want.title);
    }
    assert.deepEqual(clues.tick(new Date(NOW)), []);
    const next = clues.tick(new Date(NOW + 6 * HOUR));
    assert.ok(next.length > 5, `${next.length} steps in the next 6 hours`);
    const { refused: none } = boardOf([
      ...updates,
      ...next.map((e) => clueUpdateOf(e as Envelope & { data: Record<string, unknown> })),
    ]);
    assert.deepEqual(none, []);
    // A case somebody stepped is left to them.
    const id = (next.at(-1)!.data as { id: string }).id;
    const again = new XuzhouClues(envelopeMaker('xz-test-2'));
    again.start(new Date(NOW));
    again.takeOver(id);
    const without = again.tick(new Date(NOW + 6 * HOUR));
    assert.ok(without.every((e) => (e.data as { id: string }).id !== id));
    assert.equal(without.length, next.filter((e) => (e.data as { id: string }).id !== id).length);
  });
});

describe('the feed hub', () => {
  it('keeps every step of the latest cases, within its limits, for late and resumed clients', () => {
    const retained = new Map<string, string>();
    const hub = new FeedHub({
      replay: 4,
      historyDepth: 3,
      historyEntities: 2,
      mqttPublish: (topic, payload, retain) => retain && retained.set(topic, payload),
    });
    const step = (n: number, id: string): Envelope => ({
      type: 'clue.update',
      id: `m${n}`,
      time: new Date(NOW + n * MIN).toISOString(),
      data: { id, status: 'discovered' },
    });
    const poll = (since?: string) => {
      let body = '';
      const res = { writeHead: () => res, end: (text: string) => (body = text) };
      hub.handlePoll(
        res as unknown as ServerResponse,
        new URL(`http://localhost/feed/poll${since ? `?since=${since}` : ''}`),
      );
      return (JSON.parse(body) as Envelope[]).map((e) => e.id);
    };
    hub.publish(['A', 'A', 'B', 'A', 'A'].map((id, i) => step(i + 1, id)));
    // A keeps its last 3 steps, B its one; then C comes and B, the least recently updated, goes.
    hub.publish([step(6, 'C')]);
    assert.deepEqual(poll(), ['m2', 'm3', 'm4', 'm5', 'm6']); // m2 kept, m3-m6 in the log
    assert.deepEqual(poll('m2'), ['m3', 'm4', 'm5', 'm6']);
    assert.deepEqual(poll('m1'), ['m3', 'm4', 'm5', 'm6'], 'an id forgotten: the whole log');
    hub.publish([7, 8, 9, 10].map((n) => step(n, 'C')));
    // m5 left the log but is kept in A's history (m6 and m7 are not in C's): a client that saw
    // m4 still gets it.
    assert.deepEqual(poll('m4'), ['m5', 'm7', 'm8', 'm9', 'm10']);
    const a = JSON.parse(retained.get('envmap/clue.update/A')!) as Envelope[];
    assert.deepEqual(
      a.map((e) => e.id),
      ['m2', 'm4', 'm5'],
    );
  });
});

describe('the demo server and the clues', { timeout: 60_000 }, () => {
  let demo: RunningDemo;
  let base: string;
  const feeds: FeedClient[] = [];

  before(async () => {
    demo = await startDemo({ root, port: 0, tickMs: 0 });
    base = `http://127.0.0.1:${demo.port}`;
    for (let i = 0; i < 30; i++) demo.step(); // Heze's old-style clue events among them
  });
  after(async () => {
    for (const f of feeds) f.dispose();
    await demo.close();
  });

  const lateFeed = (transport: 'sse' | 'poll' | 'mqtt') => {
    const feed = createFeed({
      url: transport === 'mqtt' ? `ws://127.0.0.1:${demo.port}/mqtt` : `${base}/feed/${transport}`,
      transport,
      pollIntervalMs: 50,
      clientId: `xuzhou-test-${feeds.length}`,
      // Only the clues (the MQTT topics, or the types asked of the other endpoints).
      topics: [transport === 'mqtt' ? 'envmap/clue.update/#' : 'clue.update'],
    });
    feeds.push(feed);
    return feed;
  };
  const post = (body: string) =>
    fetch(`${base}/clues/step`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });

  for (const transport of ['sse', 'poll', 'mqtt'] as const) {
    it(`give a page that comes late every step of every case (${transport})`, async () => {
      const expected = xuzhouUpdates(demo.clues.startedAt).length;
      const feed = lateFeed(transport);
      const xz = () =>
        feed.store
          .keys('clue.update')
          .filter((k) => k.startsWith('XZ'))
          .reduce((n, k) => n + feed.store.track('clue.update', k).length, 0);
      await until(() => xz() >= expected, `${expected} steps over ${transport}`).catch(
        (e: Error) => {
          throw new Error(`${e.message}: ${xz()} ${JSON.stringify(feed.stats)} ${feed.status}`);
        },
      );
      const stored = feed.store
        .keys('clue.update')
        .flatMap((k) => feed.store.track('clue.update', k))
        .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
      const { board, refused } = boardOf(
        stored
          .filter((m) => (m.data as { id: string }).id.startsWith('XZ'))
          .map((m) => clueUpdateOf(m as Envelope & { data: Record<string, unknown> })),
        Date.now(),
      );
      assert.deepEqual(refused, []);
      assert.equal(board.size, 600);
      // Heze's old-style clues (assigned, in-progress) are kept with their history too.
      const old = feed.store.keys('clue.update').filter((k) => k.startsWith('CLUE-'));
      assert.ok(old.length > 0);
      assert.ok(feed.store.track('clue.update', old[0]!).length >= 2);
      assert.equal(feed.stats.rejected, 0);
    });
  }

  it('take a step posted by a page and put it on the feed', async () => {
    const feed = lateFeed('sse');
    const open = xuzhouUpdates(demo.clues.startedAt)
      .filter((u) => u.status === 'discovered')
      .at(-1)!;
    await until(() => feed.store.track('clue.update', open.id).length > 0, 'the case');
    const step: ClueUpdate = {
      updateId: `${open.id}#closed#test`,
      id: open.id,
      status: 'closed',
      founded: false,
      time: new Date().toISOString(),
      by: '测试',
      note: '核实不属实',
    };
    const res = await post(JSON.stringify({ ...step, extra: 'dropped' }));
    assert.equal(res.status, 202, await res.clone().text());
    assert.deepEqual(await res.json(), { accepted: step.updateId });
    await until(
      () =>
        feed.store.latest('clue.update', open.id)?.data !== undefined &&
        (feed.store.latest('clue.update', open.id)!.data as { updateId?: string }).updateId ===
          step.updateId,
      'the step on the feed',
    );
    const message = feed.store.latest('clue.update', open.id)!;
    assert.equal(message.time, step.time);
    assert.deepEqual(message.data, {
      id: open.id,
      updateId: step.updateId,
      status: 'closed',
      by: '测试',
      note: '核实不属实',
      founded: false,
    });
    // The simulation leaves the case to the page from now on.
    assert.ok(
      demo.clues
        .tick(new Date(Date.now() + 30 * DAY))
        .every((e) => (e.data as { id: string }).id !== open.id),
    );
  });

  it('refuse a step that is not JSON, too long or of the wrong types with 400 and a reason', async () => {
    const good = {
      updateId: 'u-1',
      id: 'XZ000001',
      status: 'feedback',
      time: Date.now(),
    };
    const bad: Array<[string, RegExp]> = [
      ['{"id":', /not JSON/],
      ['[1, 2]', /JSON object/],
      ['"text"', /JSON object/],
      [JSON.stringify({ ...good, note: 'x'.repeat(CLUE_STEP_MAX_BYTES) }), /at most 8192 bytes/],
      [JSON.stringify({ ...good, id: 12 }), /id must be/],
      [JSON.stringify({ ...good, updateId: '' }), /updateId must be/],
      [JSON.stringify({ ...good, status: 'done' }), /status must be one of/],
      [JSON.stringify({ ...good, time: 'yesterday' }), /time must be/],
      [JSON.stringify({ ...good, deadline: true }), /deadline must be/],
      [JSON.stringify({ ...good, founded: 'no' }), /founded/],
      [JSON.stringify({ ...good, lon: 'east', lat: 30 }), /lon/],
      [JSON.stringify({ ...good, lon: 500, lat: 30 }), /lon/],
      [JSON.stringify({ ...good, note: 42 }), /note/],
    ];
    for (const [body, reason] of bad) {
      const res = await post(body);
      assert.equal(res.status, 400, body.slice(0, 60));
      assert.match(((await res.json()) as { error: string }).error, reason, body.slice(0, 60));
    }
    const other = await fetch(`${base}/clues/other`, { method: 'POST', body: '{}' });
    assert.equal(other.status, 405);
    const get = await fetch(`${base}/clues/step`);
    assert.equal(get.status, 404);
  });
});
