import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import {
  GeofenceWatcher,
  checkMessage,
  distanceToLineM,
  type DroneMission,
  type DronePosition,
  type Envelope,
} from '../../src/index.js';
import { JianFleet } from '../../demo/server/simulator/jian.js';
import { HezeSimulator } from '../../demo/server/simulator/heze.js';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const T0 = Date.parse('2026-05-01T08:00:00+08:00');

/** The missions, then a tick every second for `seconds` (the demo's rhythm). */
function run(seed: number | undefined, seconds: number): Envelope[] {
  const fleet = new JianFleet(seed === undefined ? {} : { seed });
  const out = fleet.metadata(new Date(T0));
  for (let s = 0; s <= seconds; s++) out.push(...fleet.tick(new Date(T0 + s * 1000)));
  return out;
}

const positions = (messages: Envelope[]) =>
  messages
    .filter((m) => m.type === 'drone.position')
    .map((m) => ({ time: Date.parse(m.time), ...(m.data as DronePosition) }));

const missions = (messages: Envelope[]) => {
  const byVehicle = new Map<string, DroneMission>();
  for (const m of messages)
    if (m.type === 'drone.mission')
      byVehicle.set((m.data as DroneMission).droneId, m.data as DroneMission);
  return byVehicle;
};

describe('the simulated Ji’an patrol fleet', () => {
  const hour = run(undefined, 3600);
  const fixes = positions(hour);
  const plans = missions(hour);
  const ids = ['JA-UAV-1', 'JA-UAV-2', 'JA-UAV-3', 'JA-USV-1', 'JA-USV-2'];

  it('is the same for a seed and different for another', () => {
    assert.deepEqual(run(7, 900), run(7, 900));
    assert.deepEqual(run(undefined, 300), hour.slice(0, run(undefined, 300).length));
    assert.notDeepEqual(positions(run(7, 300)), positions(run(8, 300)));
  });

  it('makes only messages the feed’s parser accepts unchanged', () => {
    for (const m of hour) {
      const text = JSON.stringify(m);
      const checked = checkMessage(text);
      assert.ok(checked.known, m.type);
      // nothing dropped or rewritten by the validator: the exact documented shape
      assert.deepEqual(checked.envelope, JSON.parse(text));
      assert.equal(m.source, 'simulator');
    }
    const envelopeIds = hour.map((m) => m.id);
    assert.equal(new Set(envelopeIds).size, envelopeIds.length);
    assert.ok(envelopeIds.every((id) => id.startsWith('jian-')));
    // the Heze simulator numbers its own envelopes: no id is shared
    const heze = new HezeSimulator().metadata();
    assert.ok(heze.every((m) => !envelopeIds.includes(m.id)));
  });

  it('gives every vehicle a mission and a position about every second', () => {
    assert.deepEqual([...plans.keys()].sort(), ids);
    for (const [id, mission] of plans) {
      assert.equal(mission.id, `${id}-M1`);
      assert.equal(mission.status, 'active');
      if (id.includes('UAV')) {
        assert.ok(mission.area && mission.area.length >= 3 && !mission.route);
      } else {
        assert.ok(mission.route && mission.route.length >= 2 && !mission.area);
        assert.ok(mission.corridorM! > 0);
      }
    }
    // the missions are repeated once a minute for pages that connect later
    const repeated = hour.filter((m) => m.type === 'drone.mission').length;
    assert.equal(repeated, 5 * 61);
    for (const id of ['JA-UAV-1', 'JA-UAV-2', 'JA-UAV-3', 'JA-USV-1']) {
      const own = fixes.filter((p) => p.droneId === id);
      assert.equal(own.length, 3601, id);
    }
    for (const p of fixes) {
      assert.equal(p.simulated, true);
      assert.equal(p.missionId, `${p.droneId}-M1`);
      if (p.kind === 'drone') assert.ok(p.altM! >= 0 && p.altM! <= 120, `${p.altM}`);
      else assert.equal(p.altM, undefined);
      assert.ok(p.speedMs! <= (p.kind === 'drone' ? 10.5 : 5));
    }
    const cruising = fixes.filter((p) => p.kind === 'drone' && p.speedMs! > 0);
    assert.ok(cruising.every((p) => p.altM === 120));
  });

  it('names every vehicle and mission as simulated (模拟)', () => {
    const names = new Map(fixes.map((p) => [p.droneId, p.name]));
    assert.deepEqual(Object.fromEntries(names), {
      'JA-UAV-1': '模拟无人机 1',
      'JA-UAV-2': '模拟无人机 2',
      'JA-UAV-3': '模拟无人机 3',
      'JA-USV-1': '模拟无人船 1',
      'JA-USV-2': '模拟无人船 2',
    });
    for (const mission of plans.values()) assert.match(mission.name!, /模拟/);
  });

  it('drains the batteries in flight and charges them again', () => {
    for (const id of ['JA-UAV-1', 'JA-UAV-2', 'JA-UAV-3']) {
      const own = fixes.filter((p) => p.droneId === id);
      let fell = 0;
      let rose = 0;
      for (let i = 1; i < own.length; i++) {
        const d = own[i].batteryPct! - own[i - 1].batteryPct!;
        if (d < 0) fell++;
        if (d > 0) rose++;
        assert.ok(Math.abs(d) <= 0.35, `${id}: ${d} % in a second`);
      }
      assert.ok(fell > 1000 && rose > 100, `${id}: ${fell} down, ${rose} up`);
      // it lands to charge
      assert.ok(own.some((p) => p.altM === 0 && p.speedMs === 0));
    }
  });

  it('takes drone 1 out of its area for about 20 s every few minutes, and back', () => {
    const watcher = new GeofenceWatcher();
    for (const [id, m] of plans) {
      watcher.setArea(
        id,
        m.area
          ? { kind: 'polygon', ring: m.area }
          : { kind: 'corridor', line: m.route!, widthM: m.corridorM! },
      );
    }
    const left: Array<{ id: string; time: number }> = [];
    const returned: Array<{ id: string; outsideS: number }> = [];
    for (const p of fixes) {
      const change = watcher.update(p.droneId, p.lon, p.lat, p.time);
      if (change.left) left.push({ id: p.droneId, time: p.time });
      if (change.returned)
        returned.push({ id: p.droneId, outsideS: (p.time - change.returned.start) / 1000 });
    }
    assert.ok(left.length >= 5, `${left.length} excursions in an hour`);
    assert.ok(left.every((e) => e.id === 'JA-UAV-1'));
    assert.equal(returned.length, left.length);
    for (const r of returned) assert.ok(r.outsideS >= 15 && r.outsideS <= 30, `${r.outsideS} s`);
    for (let i = 1; i < left.length; i++) {
      const minutes = (left[i].time - left[i - 1].time) / 60_000;
      assert.ok(minutes >= 2 && minutes <= 20, `${minutes} min between excursions`);
    }
  });

  it('keeps the boats within their corridor of the river', () => {
    const boats = fixes.filter((p) => p.kind === 'boat');
    assert.ok(boats.length > 6000);
    for (const p of boats) {
      const { route, corridorM } = plans.get(p.droneId)!;
      const d = distanceToLineM(p.lon, p.lat, route!);
      assert.ok(d <= corridorM!, `${p.droneId} ${d.toFixed(0)} m off the river`);
    }
    // and they move along it, not just across
    for (const id of ['JA-USV-1', 'JA-USV-2']) {
      const own = boats.filter((p) => p.droneId === id);
      assert.ok(Math.abs(own[0].lat - own[own.length - 1].lat) > 0.02, id);
    }
  });

  it('loses contact with boat 2 for about a minute every ten minutes', () => {
    const gaps: Array<{ from: number; s: number }> = [];
    for (const id of ids) {
      const own = fixes.filter((p) => p.droneId === id);
      for (let i = 1; i < own.length; i++) {
        const s = (own[i].time - own[i - 1].time) / 1000;
        if (s > 1) gaps.push({ from: own[i - 1].time, s });
        if (s > 1) assert.equal(id, 'JA-USV-2');
      }
      // it comes back: positions to the end of the hour
      assert.ok(own[own.length - 1].time >= T0 + 3500_000, id);
    }
    assert.ok(gaps.length >= 4 && gaps.length <= 8, `${gaps.length} silences`);
    for (const g of gaps) assert.ok(g.s >= 50 && g.s <= 70, `${g.s} s silent`);
    for (let i = 1; i < gaps.length; i++) {
      const minutes = (gaps[i].from - gaps[i - 1].from) / 60_000;
      assert.ok(minutes >= 8 && minutes <= 12, `${minutes} min between silences`);
    }
  });

  it('has the boats take a water sample about every 30 s', () => {
    for (const id of ['JA-USV-1', 'JA-USV-2']) {
      const samples = fixes.filter((p) => p.droneId === id && p.sample);
      assert.ok(samples.length >= 100 && samples.length <= 122, `${id}: ${samples.length}`);
      for (const { sample } of samples) {
        assert.deepEqual(Object.keys(sample!).sort(), ['codmn', 'do', 'nh3n', 'ph', 'turbidity']);
        const { ph, do: oxygen, codmn, nh3n, turbidity } = sample as Record<string, number>;
        assert.ok(ph > 6.5 && ph < 8.5, `pH ${ph}`);
        assert.ok(oxygen > 5 && oxygen < 10, `DO ${oxygen}`);
        assert.ok(codmn > 1 && codmn < 4, `CODMn ${codmn}`);
        assert.ok(nh3n > 0.05 && nh3n < 1, `NH3-N ${nh3n}`);
        assert.ok(turbidity > 5 && turbidity < 50, `turbidity ${turbidity}`);
      }
    }
    assert.ok(fixes.every((p) => p.kind === 'boat' || !p.sample));
  });
});

describe('the demo feed carries the fleet', { timeout: 30_000 }, () => {
  let demo: RunningDemo;
  before(async () => {
    demo = await startDemo({ root, port: 0, tickMs: 0 });
    demo.step();
  });
  after(() => demo.close());

  it('serves its missions and positions beside Heze’s', async () => {
    const res = await fetch(
      `http://127.0.0.1:${demo.port}/feed/poll?since=0&types=drone.mission,drone.position`,
    );
    const messages = (await res.json()) as Envelope[];
    for (const m of messages) checkMessage(m);
    const vehicles = (type: string) =>
      new Set(
        messages
          .filter((m) => m.type === type && m.id.startsWith('jian-'))
          .map((m) => (m.data as { droneId: string }).droneId),
      );
    const fleet = demo.fleet.vehicles.map((v) => v.id);
    assert.deepEqual([...vehicles('drone.mission')].sort(), fleet);
    assert.deepEqual([...vehicles('drone.position')].sort(), fleet);
    assert.ok(
      messages.some((m) => m.id.startsWith('sim-')),
      'Heze’s drones too',
    );
  });
});
