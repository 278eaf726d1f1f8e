import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AlarmBoard, AlarmError, locateFires, type AlarmRecord } from '../../../src/index.js';

const alarm = (id: string, cameraId: string, bearing: number) => ({
  id,
  cameraId,
  kind: 'fire' as const,
  bearing,
  confidence: 0.9,
});

describe('AlarmBoard', () => {
  it('keeps alarms newest first and moves them through the workflow', () => {
    const board = new AlarmBoard();
    const seen: Array<[string, string | undefined, string]> = [];
    const off = board.subscribe((a, prev) => seen.push([a.id, prev, a.state]));
    board.add(alarm('A1', 'CAM-01', 10), '2026-10-01T10:00:00+08:00');
    board.add(alarm('A3', 'CAM-02', 20), '2026-10-01T10:05:00+08:00');
    board.add(alarm('A2', 'CAM-01', 30), '2026-10-01T10:02:00+08:00');
    assert.deepEqual(
      board.list().map((a) => a.id),
      ['A3', 'A2', 'A1'],
    );
    board.setState('A1', 'acknowledged');
    board.setState('A1', 'dispatched');
    assert.throws(
      () => board.setState('A1', 'acknowledged'),
      /is dispatched and cannot become acknowledged/,
    );
    board.setState('A1', 'closed');
    assert.throws(() => board.setState('A1', 'new'), AlarmError);
    assert.throws(() => board.setState('nope', 'closed'), /no alarm "?nope/);
    assert.throws(() => board.setState('A2', 'burning' as never), /unknown alarm state/);
    assert.throws(() => board.add(alarm('A9', 'CAM-01', 1), 'yesterday'), /is not a date/);
    // The same id again keeps its state.
    board.add({ ...alarm('A1', 'CAM-01', 11) }, '2026-10-01T10:00:00+08:00');
    assert.equal(board.get('A1')!.state, 'closed');
    assert.equal(board.get('A1')!.bearing, 11);
    off();
    board.setState('A2', 'closed');
    assert.deepEqual(seen.slice(3), [
      ['A1', 'new', 'acknowledged'],
      ['A1', 'acknowledged', 'dispatched'],
      ['A1', 'dispatched', 'closed'],
      ['A1', 'closed', 'closed'],
    ]);
  });

  it('over its limit drops closed alarms first, then the oldest', () => {
    const board = new AlarmBoard({ limit: 3 });
    for (let i = 0; i < 3; i++)
      board.add(alarm(`A${i}`, 'C', 0), new Date(Date.UTC(2026, 0, 1, i)));
    board.setState('A2', 'closed');
    board.add(alarm('A3', 'C', 0), new Date(Date.UTC(2026, 0, 1, 3)));
    assert.deepEqual(
      board.list().map((a) => a.id),
      ['A3', 'A1', 'A0'],
    );
    board.add(alarm('A4', 'C', 0), new Date(Date.UTC(2026, 0, 1, 4)));
    assert.deepEqual(
      board.list().map((a) => a.id),
      ['A4', 'A3', 'A1'],
    );
  });
});

describe('locateFires', () => {
  const cameras = new Map([
    ['CAM-01', { x: 0, y: 0 }],
    ['CAM-02', { x: 2000, y: 0 }],
  ]);
  const fire = { x: 1200, y: 1400 };
  const to = (c: { x: number; y: number }) =>
    ((Math.atan2(fire.x - c.x, fire.y - c.y) * 180) / Math.PI + 360) % 360;
  const record = (id: string, cam: string, minutes: number, state = 'new'): AlarmRecord => ({
    ...alarm(id, cam, to(cameras.get(cam) ?? { x: 0, y: 0 })),
    time: new Date(Date.UTC(2026, 9, 1, 2, minutes)).toISOString(),
    timeMs: Date.UTC(2026, 9, 1, 2, minutes),
    state: state as AlarmRecord['state'],
    changed: '',
  });

  it('two cameras whose rays cross within the window give one fix at the fire', () => {
    const fixes = locateFires([record('A', 'CAM-01', 0), record('B', 'CAM-02', 3)], cameras);
    assert.equal(fixes.length, 1);
    assert.ok(Math.hypot(fixes[0]!.x - fire.x, fixes[0]!.y - fire.y) < 1e-6);
    assert.deepEqual(fixes[0]!.cameraIds.sort(), ['CAM-01', 'CAM-02']);
    assert.equal(fixes[0]!.time, record('B', 'CAM-02', 3).time);
  });

  it('no fix: too far apart in time, closed, one camera, unknown camera, out of range', () => {
    assert.equal(
      locateFires([record('A', 'CAM-01', 0), record('B', 'CAM-02', 30)], cameras).length,
      0,
    );
    assert.equal(
      locateFires([record('A', 'CAM-01', 0), record('B', 'CAM-02', 1, 'closed')], cameras).length,
      0,
    );
    assert.equal(
      locateFires([record('A', 'CAM-01', 0), record('B', 'CAM-01', 1)], cameras).length,
      0,
    );
    assert.equal(
      locateFires([record('A', 'CAM-01', 0), record('B', 'CAM-09', 1)], cameras).length,
      0,
    );
    assert.equal(
      locateFires([record('A', 'CAM-01', 0), record('B', 'CAM-02', 1)], cameras, { range: 1500 })
        .length,
      0,
    );
  });

  it('pairs within the window are found whatever order the alarms come in, among many others', () => {
    // 400 alarms of one camera an hour apart from each other and from the pair, in board order
    // (newest first), with the crossing pair in the middle: one fix, from the pair.
    const others = Array.from({ length: 400 }, (_, i) =>
      record(`X${i}`, 'CAM-01', (i < 200 ? -60 : 60) * (i % 200) - (i < 200 ? 60 : -90)),
    );
    const pair = [record('B', 'CAM-02', 8), record('A', 'CAM-01', 0)];
    const all = [...others.slice(200), ...pair, ...others.slice(0, 200)];
    for (const list of [all, [...all].reverse()]) {
      const fixes = locateFires(list, cameras);
      assert.equal(fixes.length, 1);
      assert.deepEqual(fixes[0]!.alarmIds.sort(), ['A', 'B']);
    }
    // The window's end is inclusive; a minute beyond it no longer pairs.
    assert.equal(
      locateFires([record('B', 'CAM-02', 10), record('A', 'CAM-01', 0)], cameras).length,
      1,
    );
    assert.equal(
      locateFires([record('B', 'CAM-02', 11), record('A', 'CAM-01', 0)], cameras).length,
      0,
    );
  });
});
