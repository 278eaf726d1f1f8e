import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { carryHotspotIds, HotspotBoard, type Hotspot } from '../../../src/index.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 25, 2, 30);
const M_PER_DEG = 111_319.49;

function spot(id: string, eastM: number, start: number, end: number, areaM2 = 40_000): Hotspot {
  const lon = 115.48 + eastM / (M_PER_DEG * Math.cos((35.24 * Math.PI) / 180));
  return { id, radarId: 'R1', lon, lat: 35.24, peak: 2, areaM2, start, end, scans: 3, polygon: [] };
}

describe('carryHotspotIds', () => {
  it('gives a hotspot found again in a later window the earlier id and start', () => {
    const known = [spot('R1-a', 0, T0, T0 + 20 * MIN)];
    const found = [spot('R1-b', 80, T0 + 10 * MIN, T0 + 30 * MIN)];
    const [h] = carryHotspotIds(known, found);
    assert.equal(h!.id, 'R1-a');
    assert.equal(h!.start, T0);
    assert.equal(h!.end, T0 + 30 * MIN);
  });

  it('keeps new ids for hotspots far away, of another radar, or seen too long ago', () => {
    const known = [spot('R1-a', 0, T0, T0 + 20 * MIN)];
    const far = spot('R1-far', 2000, T0 + 10 * MIN, T0 + 30 * MIN);
    const other = { ...spot('R2-x', 0, T0 + 10 * MIN, T0 + 30 * MIN), radarId: 'R2' };
    const late = spot('R1-late', 0, T0 + 60 * MIN, T0 + 70 * MIN);
    assert.deepEqual(
      carryHotspotIds(known, [far, other, late]).map((h) => h.id),
      ['R1-far', 'R2-x', 'R1-late'],
    );
  });

  it('lends each earlier id once: of two found near it, the larger keeps it', () => {
    const known = [spot('R1-a', 0, T0, T0 + 20 * MIN)];
    const small = spot('R1-s', 100, T0 + 10 * MIN, T0 + 30 * MIN, 10_000);
    const big = spot('R1-b', -100, T0 + 10 * MIN, T0 + 30 * MIN, 90_000);
    assert.deepEqual(
      carryHotspotIds(known, [small, big]).map((h) => h.id),
      ['R1-s', 'R1-a'],
    );
  });

  it('on a board, the state stays with the hotspot found again', () => {
    const board = new HotspotBoard({ now: () => T0 });
    board.add([spot('R1-a', 0, T0, T0 + 20 * MIN)]);
    board.setState('R1-a', 'pushed', 'text');
    board.add(carryHotspotIds(board.list(), [spot('R1-b', 50, T0 + 10 * MIN, T0 + 30 * MIN)]));
    assert.equal(board.size, 1);
    assert.equal(board.get('R1-a')!.state, 'pushed');
    assert.equal(board.get('R1-a')!.end, T0 + 30 * MIN);
    assert.throws(() => board.setState('R1-a', 'new'), /cannot go from pushed to new/);
    assert.throws(() => board.setState('nope', 'closed'), /not on the board/);
  });
});
