import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CLUE_STATUSES,
  ClueBoard,
  ZoneIndex,
  canStep,
  clueFromAlarm,
  clueFromAnomaly,
  clueFromExceedance,
  clueFromHotspot,
  clueUpdateOf,
  type ClueStatus,
  type ClueUpdate,
} from '../../../src/index.js';

const H = 3_600_000;
const T = Date.UTC(2026, 11, 1, 0, 0);
let n = 0;
const up = (id: string, status: ClueStatus, hours: number, extra: Partial<ClueUpdate> = {}) =>
  ({ updateId: `u${n++}`, id, status, time: T + hours * H, ...extra }) as ClueUpdate;

/** A case through the whole chain, each step on time (deadlines 24 h after each step). */
function fullChain(board: ClueBoard, id: string, department: string, source: string, late = 0) {
  const steps: Array<[ClueStatus, number]> = [
    ['discovered', 0],
    ['dispatched', 1],
    ['rectifying', 2],
    ['verifying', 10],
    ['feedback', 12],
    ['closed', 13 + late],
  ];
  for (const [status, h] of steps) {
    const r = board.apply(
      up(id, status, h, {
        deadline: T + (h + 24) * H,
        ...(status === 'discovered' ? { department, source, title: `案件 ${id}` } : {}),
        ...(status === 'feedback' ? { deadline: T + 14 * H } : {}),
      }),
    );
    assert.deepEqual(r, { ok: true }, `${id} ${status}`);
  }
}

describe('ClueBoard', () => {
  it('follows a case from discovery to closure, keeping its fields and its history', () => {
    const board = new ClueBoard();
    assert.deepEqual(
      board.apply(
        up('C1', 'discovered', 0, {
          title: '群众投诉：夜间异味',
          source: '12345',
          zone: 'Z1',
          lon: 117.2,
          lat: 34.26,
          by: '热线',
          note: '东区化工园附近',
          deadline: T + 2 * H,
        }),
      ),
      { ok: true },
    );
    board.apply(
      up('C1', 'dispatched', 1, { department: '生态环境局', by: '市平台', deadline: T + 48 * H }),
    );
    board.apply(up('C1', 'rectifying', 3, { note: '已到场' }));
    board.apply(up('C1', 'verifying', 20));
    // Verification sends it back once.
    assert.deepEqual(board.apply(up('C1', 'rectifying', 21, { note: '整改不到位' })), { ok: true });
    board.apply(up('C1', 'verifying', 30));
    board.apply(up('C1', 'feedback', 31));
    assert.deepEqual(board.apply(up('C1', 'closed', 32)), { ok: true });
    const c = board.get('C1')!;
    assert.equal(c.status, 'closed');
    assert.equal(c.title, '群众投诉：夜间异味');
    assert.deepEqual(
      [c.source, c.department, c.zone, c.lon, c.lat],
      ['12345', '生态环境局', 'Z1', 117.2, 34.26],
    );
    assert.deepEqual(
      c.history.map((s) => s.status),
      [
        'discovered',
        'dispatched',
        'rectifying',
        'verifying',
        'rectifying',
        'verifying',
        'feedback',
        'closed',
      ],
    );
    assert.equal(c.history[0]!.note, '东区化工园附近');
    assert.equal(c.deadline, T + 48 * H);
    assert.equal(c.founded, true);
    assert.equal(board.state('C1', T + 100 * H), 'closed-on-time');
  });

  it('refuses bad steps with a reason and changes nothing', () => {
    const board = new ClueBoard();
    board.apply(up('C1', 'discovered', 5, { updateId: 'first' }));
    const before = JSON.stringify(board.get('C1'));
    const refused: Array<[unknown, RegExp]> = [
      [{ ...up('C1', 'discovered', 6), updateId: 'first' }, /update "first" was applied before/],
      [up('C2', 'dispatched', 6), /unknown case "C2"/],
      [up('C1', 'discovered', 6), /case "C1" was discovered before/],
      [up('C1', 'verifying', 6), /a case discovered cannot be verifying/],
      [up('C1', 'dispatched', 4), /before the case's last step/],
      [up('C1', 'closed', 6), /can only be closed as unfounded/],
      [up('C1', 'dispatched', 6, { time: 'yesterday' }), /time is not a time: "yesterday"/],
      [up('C1', 'dispatched', 6, { deadline: 'soon' }), /deadline is not a time/],
      [up('C1', 'dispatched', 6, { lon: 500, lat: 0 }), /lon\/lat must be a position/],
      [up('C1', 'dispatched', 6, { department: 7 as never }), /department must be text/],
      [up('C1', 'shelved' as ClueStatus, 6), /unknown status "shelved"/],
      [up('C1', 'dispatched', 6, { founded: 'no' as never }), /founded must be true or false/],
      [{ ...up('C1', 'dispatched', 6), updateId: '' }, /updateId must be a non-empty string/],
      [null, /an update must be an object/],
    ];
    for (const [u, reason] of refused) {
      const r = board.apply(u as ClueUpdate);
      assert.equal(r.ok, false, JSON.stringify(u));
      assert.match((r as { reason: string }).reason, reason);
    }
    assert.equal(JSON.stringify(board.get('C1')), before);
    assert.equal(board.size, 1);
    // A refused update id can be used by a good update later.
    assert.deepEqual(board.apply({ ...up('C1', 'dispatched', 6), updateId: 'u-bad' }), {
      ok: true,
    });
  });

  it('closes as unfounded only before rectification', () => {
    const board = new ClueBoard();
    board.apply(up('A', 'discovered', 0, { source: '12369' }));
    assert.deepEqual(board.apply(up('A', 'closed', 1, { founded: false, note: '查无此事' })), {
      ok: true,
    });
    assert.equal(board.get('A')!.founded, false);
    board.apply(up('B', 'discovered', 0));
    board.apply(up('B', 'dispatched', 1));
    board.apply(up('B', 'rectifying', 2));
    board.apply(up('B', 'verifying', 3));
    board.apply(up('B', 'feedback', 4));
    const r = board.apply(up('B', 'closed', 5, { founded: false }));
    assert.match((r as { reason: string }).reason, /only before rectification/);
    // A closed case takes no step.
    assert.match(
      (board.apply(up('A', 'closed', 6, { founded: false })) as { reason: string }).reason,
      /a case closed cannot be closed/,
    );
  });

  it('state: due-soon from warnBeforeH before the deadline, overdue after it, closed by its deadline', () => {
    const board = new ClueBoard({ warnBeforeH: 6 });
    board.apply(up('C', 'discovered', 0, { deadline: T + 24 * H }));
    assert.equal(board.state('C', T + 17 * H), 'on-time');
    assert.equal(board.state('C', T + 18 * H), 'due-soon');
    assert.equal(board.state('C', T + 24 * H), 'due-soon');
    assert.equal(board.state('C', T + 24 * H + 1), 'overdue');
    // A step that sets no deadline keeps it; one that does moves it.
    board.apply(up('C', 'dispatched', 30));
    assert.equal(board.state('C', T + 31 * H), 'overdue');
    board.apply(up('C', 'rectifying', 31, { deadline: T + 100 * H }));
    assert.equal(board.state('C', T + 31 * H), 'on-time');
    board.apply(up('C', 'verifying', 101));
    board.apply(up('C', 'feedback', 102));
    board.apply(up('C', 'closed', 103));
    assert.equal(board.state('C', T + 200 * H), 'closed-late');
    assert.equal(board.state('none', T), undefined);
    const now = { t: T + 10 * H };
    const clocked = new ClueBoard({ now: () => now.t });
    clocked.apply(up('D', 'discovered', 0, { deadline: T + 12 * H }));
    assert.equal(clocked.state('D'), 'due-soon');
    assert.throws(() => new ClueBoard({ warnBeforeH: -1 }), /warnBeforeH/);
  });

  it('stats by department, source and zone, with on-time and confirmed rates', () => {
    const board = new ClueBoard();
    fullChain(board, 'a', '环保局', '12345');
    fullChain(board, 'b', '环保局', '12369', 5); // closed 5 h after its feedback deadline
    board.apply(
      up('c', 'discovered', 0, { department: '城管局', source: '12345', deadline: T + 2 * H }),
    );
    board.apply(up('d', 'discovered', 0, { source: '12345', deadline: T + 100 * H }));
    board.apply(up('d', 'closed', 1, { founded: false }));
    board.apply(up('e', 'discovered', 0, { department: '__proto__', deadline: T + 48 * H }));
    const now = T + 40 * H;
    const byDept = board.stats(now, 'department');
    assert.deepEqual(byDept['环保局'], {
      total: 2,
      open: 0,
      dueSoon: 0,
      overdue: 0,
      closedOnTime: 1,
      closedLate: 1,
      onTimeRate: 0.5,
      confirmedRate: 1,
    });
    assert.deepEqual(byDept['城管局'], {
      total: 1,
      open: 1,
      dueSoon: 0,
      overdue: 1,
      closedOnTime: 0,
      closedLate: 0,
      onTimeRate: null,
      confirmedRate: null,
    });
    assert.equal(byDept['']!.total, 1); // d has no department
    assert.equal(Object.getPrototypeOf(byDept), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(byDept, '__proto__')!.value.dueSoon, 1);
    const bySource = board.stats(now, 'source');
    assert.equal(bySource['12345']!.total, 3);
    assert.equal(bySource['12345']!.confirmedRate, 0.5); // a founded, d unfounded
    assert.equal(board.stats(now, 'source', { from: T, to: T + 1 })['12345']!.total, 3);
    assert.deepEqual(board.stats(now, 'source', { from: T + 1 }), {});
    assert.deepEqual(
      board.list({ status: ['closed'] }).map((c) => c.id),
      ['a', 'b', 'd'],
    );
    assert.deepEqual(
      board.list({ department: '环保局', source: '12369' }).map((c) => c.id),
      ['b'],
    );
  });

  it('any updates in any order: never throws, a refusal changes nothing, steps stay legal (3,000 runs)', () => {
    const update = fc.record({
      updateId: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8'),
      id: fc.constantFrom('A', 'B'),
      status: fc.constantFrom(...CLUE_STATUSES, 'assigned', 'bogus'),
      time: fc.oneof(
        fc.integer({ min: 0, max: 20 }).map((h) => T + h * H),
        fc.constant('x'),
      ),
      founded: fc.option(fc.boolean(), { nil: undefined }),
      deadline: fc.option(
        fc.integer({ min: 0, max: 40 }).map((h) => T + h * H),
        { nil: undefined },
      ),
      department: fc.option(fc.constantFrom('甲', '乙', '<b>x</b>'), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(update, { maxLength: 30 }), (updates) => {
        const board = new ClueBoard();
        for (const u of updates) {
          const before = JSON.stringify([board.get('A'), board.get('B')]);
          const r = board.apply(u as ClueUpdate);
          if (!r.ok) assert.equal(JSON.stringify([board.get('A'), board.get('B')]), before);
        }
        for (const c of board.list()) {
          for (let i = 1; i < c.history.length; i++) {
            assert.ok(c.history[i]!.time >= c.history[i - 1]!.time);
            assert.ok(canStep(c.history[i - 1]!.status, c.history[i]!.status));
          }
          assert.equal(c.history[0]!.status, 'discovered');
          const s = board.stats(T + 50 * H, 'department');
          const total = Object.values(s).reduce((a, x) => a + x.total, 0);
          assert.equal(total, board.size);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('clue.update from the feed', () => {
  it('reads the old statuses and assignee, and takes the envelope id and time', () => {
    const u = clueUpdateOf({
      id: 'env-1',
      time: '2026-12-01T08:00:00+08:00',
      data: { id: 'C', status: 'in-progress', title: 't', assignee: '环保局' },
    });
    assert.deepEqual(u, {
      id: 'C',
      status: 'rectifying',
      title: 't',
      updateId: 'env-1',
      time: '2026-12-01T08:00:00+08:00',
      department: '环保局',
    });
    assert.equal(
      clueUpdateOf({ id: 'e', time: 'x', data: { id: 'C', status: 'assigned' } }).status,
      'dispatched',
    );
  });
});

describe('cases from the other layers', () => {
  const zones = new ZoneIndex({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { id: 'Z1', name: '一区', level: 'grid' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [117, 34],
              [118, 34],
              [118, 35],
              [117, 35],
              [117, 34],
            ],
          ],
        },
      },
    ],
  });

  it('an event twice makes one case, with source, position, zone and evidence', () => {
    const board = new ClueBoard();
    const alarm = {
      id: 'F1',
      cameraId: 'CAM-3',
      kind: 'fire',
      time: T,
      confidence: 0.9,
      snapshotUrl: '/snap/F1.jpg',
    };
    const a = clueFromAlarm(
      alarm,
      { lon: 117.5, lat: 34.5, name: '3 号塔' },
      { zones, deadlineH: 2 },
    );
    assert.deepEqual(
      [a.id, a.source, a.zone, a.evidence, a.deadline, a.title],
      ['alarm:F1', 'camera', 'Z1', '/snap/F1.jpg', T + 2 * H, '3 号塔 火情报警'],
    );
    assert.deepEqual(board.apply(a), { ok: true });
    assert.match(
      (board.apply(clueFromAlarm(alarm, undefined)) as { reason: string }).reason,
      /applied before/,
    );
    const h = clueFromHotspot(
      {
        id: 'R1-1',
        radarId: 'R1',
        lon: 117.4,
        lat: 34.4,
        peak: 0.82,
        start: T,
        end: T + H,
        pollutant: 'PM10',
      },
      { zones, evidence: '/radar/R1-1' },
    );
    assert.deepEqual(
      [h.source, h.zone, h.time, h.title],
      ['radar', 'Z1', T + H, '雷达污染热点 08:00-09:00'],
    );
    const p = clueFromAnomaly(
      { enterpriseId: 'E1', kind: 'treatment-off', start: T, end: T + H, meterIds: ['P1', 'T1'] },
      { name: '甲厂', lon: 117.1, lat: 34.1 },
      { zones },
    );
    assert.deepEqual(
      [p.id, p.source, p.title, p.note],
      ['power:E1:treatment-off:' + T, 'power', '甲厂：治污设施停运', '电表 P1、T1'],
    );
    const e1 = clueFromExceedance({
      stationId: 'S1',
      lon: 117.3,
      lat: 34.3,
      pollutant: 'pm25',
      value: 150,
      limit: 75,
      time: T + 60_000,
    });
    const e2 = clueFromExceedance({
      stationId: 'S1',
      lon: 117.3,
      lat: 34.3,
      pollutant: 'pm25',
      value: 160,
      limit: 75,
      time: T + 30 * 60_000,
    });
    assert.equal(e1.id, e2.id); // the same hour: one case
    assert.equal(e1.note, 'pm25 150，超标 1 倍');
    for (const u of [h, p, e1]) assert.deepEqual(board.apply(u), { ok: true });
    assert.equal(board.apply(e2).ok, false);
    assert.equal(board.size, 4);
    assert.equal(
      clueFromHotspot({ id: 'x', radarId: 'R', lon: 200, lat: 0, peak: 1, start: T, end: T }).zone,
      undefined,
    );
  });
});
