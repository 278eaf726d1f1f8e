import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  checkMessage,
  detectPowerAnomalies,
  type PowerAnomaly,
  type PowerAnomalyKind,
  type PowerReading,
} from '../../src/index.js';
import {
  HunanPower,
  INTERVAL_MS,
  hunanEnterprises,
  hunanReadings,
  hunanRestriction,
  type HunanReading,
} from '../../demo/server/simulator/hunan.js';
import { inRing } from '../../demo/server/simulator/random.js';
import { root, servedDemo } from './serve.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const KINDS: PowerAnomalyKind[] = [
  'treatment-off',
  'restricted-production',
  'no-data',
  'unmetered-load',
];
/** Clocks around the day, where the restriction is young, turns over, or is old. */
const NOWS = [
  '2026-05-06T00:10:00+08:00',
  '2026-05-06T11:58:00+08:00',
  '2026-05-06T12:03:00+08:00',
  '2026-05-06T18:40:00+08:00',
  '2026-05-06T23:52:00+08:00',
].map(Date.parse);

const week = (now: number) => {
  const readings = hunanReadings(now - 7 * DAY, now, now);
  return { readings, anomalies: detectPowerAnomalies(readings, hunanEnterprises(now)) };
};
const kindsIn = (anomalies: PowerAnomaly[], from: number, to: number) =>
  new Set(anomalies.filter((a) => a.end > from && a.start < to).map((a) => a.kind));

describe('the simulated Hunan-style enterprise power meters', () => {
  const enterprises = hunanEnterprises(NOWS[1]);

  it('are 48 simulated enterprises in Heze, some clustered in an industrial park', () => {
    assert.equal(enterprises.length, 48);
    assert.equal(new Set(enterprises.map((e) => e.id)).size, 48);
    const zones = JSON.parse(readFileSync(`${root}/demo/data/heze-zones.geojson`, 'utf8')) as {
      features: Array<{ properties: { level: string }; geometry: { coordinates: number[][][] } }>;
    };
    const city = zones.features.find((f) => f.properties.level === 'city')!;
    const near = (a: { lon: number; lat: number }, b: { lon: number; lat: number }) =>
      Math.hypot((a.lon - b.lon) * 0.82, a.lat - b.lat) < 0.03;
    for (const e of enterprises) {
      assert.match(e.name, /^模拟企业 \d\d（.+）$/);
      assert.ok(inRing(e.lon, e.lat, city.geometry.coordinates[0]), `${e.id} is in Heze`);
      const roles = e.meters.map((m) => m.role);
      assert.equal(roles.filter((r) => r === 'total').length, 1);
      assert.ok(roles.filter((r) => r === 'production').length >= 1);
      assert.ok(roles.filter((r) => r === 'production').length <= 3);
      assert.ok(roles.filter((r) => r === 'treatment').length >= 1);
      assert.ok(roles.filter((r) => r === 'treatment').length <= 2);
      assert.ok(e.meters.every((m) => m.runningKw > 0 && m.name));
    }
    const clustered = enterprises.filter(
      (e) => enterprises.filter((o) => o !== e && near(e, o)).length >= 8,
    );
    assert.ok(clustered.length >= 10, `${clustered.length} enterprises in a cluster`);
    assert.ok(new Set(enterprises.map((e) => e.industry)).size >= 6);
  });

  it('read realistic powers, the same for an interval whatever the window asked', () => {
    const now = NOWS[3];
    const { readings } = week(now);
    const byMeter = new Map<string, number>();
    for (const r of readings) {
      assert.equal(r.time % INTERVAL_MS, 0);
      const role = enterprises
        .find((e) => e.id === r.enterpriseId)!
        .meters.find((m) => m.id === r.meterId)!.role;
      byMeter.set(role, Math.max(byMeter.get(role) ?? 0, r.powerKw));
    }
    assert.ok(byMeter.get('production')! <= 800 * 1.1, `${byMeter.get('production')}`);
    assert.ok(byMeter.get('treatment')! <= 150 * 1.1, `${byMeter.get('treatment')}`);
    assert.ok(readings.length > 100_000 && readings.length < 160_000, `${readings.length}`);
    const from = now - 5 * HOUR;
    assert.deepEqual(
      hunanReadings(from, now, now),
      readings.filter((r) => r.time >= from),
    );
    assert.deepEqual(hunanReadings(now - 7 * DAY, now, now), readings);
  });

  it('show every kind of anomaly in any 24 hours of the week, in a few enterprises', () => {
    for (const now of NOWS) {
      const { anomalies } = week(now);
      const { start, end } = hunanRestriction(now);
      assert.ok(start <= now - 12 * HOUR && now < end, new Date(now).toISOString());
      assert.equal(anomalies.stats.noBaseline, 0);
      assert.deepEqual(new Set(anomalies.map((a) => a.kind)), new Set(KINDS));
      for (let to = now; to >= now - 6 * DAY; to -= HOUR) {
        const kinds = kindsIn(anomalies, to - DAY, to);
        for (const kind of ['treatment-off', 'no-data', 'unmetered-load'] as const)
          assert.ok(kinds.has(kind), `${kind} in the 24 h to ${new Date(to).toISOString()}`);
      }
      assert.deepEqual(kindsIn(anomalies, now - DAY, now), new Set(KINDS));
      // Production above the share only inside the restriction, by 2-3 enterprises.
      const over = anomalies.filter((a) => a.kind === 'restricted-production');
      assert.ok(over.every((a) => a.start >= start));
      const violators = new Set(over.map((a) => a.enterpriseId)).size;
      assert.ok(violators >= 2 && violators <= 3, `${violators} violators`);
      const anomalous = new Set(anomalies.map((a) => a.enterpriseId)).size;
      assert.ok(anomalous >= 6 && anomalous <= 10, `${anomalous} enterprises with anomalies`);
    }
  });

  it('restrict several enterprises to half and one to nothing, around now', () => {
    const now = NOWS[0];
    const restricted = hunanEnterprises(now).filter((e) => e.restrictions);
    assert.ok(restricted.length >= 5);
    const shares = restricted.map((e) => e.restrictions![0]!.maxShare).sort();
    assert.deepEqual(shares.slice(0, 2), [0, 0.5]);
    for (const e of restricted) {
      const r = e.restrictions![0]!;
      assert.match(r.start, /T00:00:00\+08:00$/);
      assert.ok(Date.parse(r.start) <= now && now < Date.parse(r.end));
      assert.equal(Date.parse(r.end) - Date.parse(r.start), 2 * DAY);
    }
  });

  it('feed the current interval once it begins, as the history has it', () => {
    const now = NOWS[4];
    const power = new HunanPower();
    const first = power.tick(new Date(now));
    assert.deepEqual(power.tick(new Date(now + 60_000)), []);
    const t = Math.floor(now / INTERVAL_MS) * INTERVAL_MS;
    const history: HunanReading[] = hunanReadings(t, t + 1, now);
    assert.ok(first.length > 150);
    assert.deepEqual(
      first.map((m) => {
        const d = m.data as PowerReading;
        return {
          enterpriseId: d.enterpriseId,
          meterId: d.meterId,
          time: Date.parse(m.time),
          powerKw: d.powerKw,
        };
      }),
      history,
    );
    for (const m of first) {
      const text = JSON.stringify(m);
      const checked = checkMessage(text);
      assert.ok(checked.known);
      assert.deepEqual(checked.envelope, JSON.parse(text));
    }
    const next = power.tick(new Date(t + INTERVAL_MS));
    assert.ok(next.length > 150);
    assert.ok(next.every((m) => Date.parse(m.time) === t + INTERVAL_MS));
  });

  describe('served by the demo server', () => {
    const served = servedDemo();

    it('as enterprises.json and readings.json, the 7 days up to the current interval', async () => {
      const [records, readings] = await Promise.all(
        ['enterprises.json', 'readings.json'].map(async (name) => {
          const res = await fetch(`${served.base()}/data/hunan/${name}`);
          assert.equal(res.status, 200);
          assert.match(res.headers.get('content-type')!, /application\/json/);
          return (await res.json()) as unknown[];
        }),
      );
      assert.equal(records!.length, 48);
      const times = (readings as HunanReading[]).map((r) => r.time);
      const current = Math.floor(Date.now() / INTERVAL_MS) * INTERVAL_MS;
      assert.ok(times.reduce((a, b) => Math.max(a, b)) >= current - INTERVAL_MS);
      assert.equal(new Set(times).size, 7 * 96);
      const missing = await fetch(`${served.base()}/data/hunan/other.json`);
      assert.equal(missing.status, 404);
    });
  });
});
