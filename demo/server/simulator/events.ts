// The simulator's occasional events: camera fire alarms, clue updates and incidents, each on its own period of steps (all invented; the envelopes say so).
import { CAMERAS } from './heze-places.js';

/** [message type, data] pairs for step k. */
export function occasionalEvents(
  k: number,
  now: Date,
  random: () => number,
  pointInCity: () => [number, number],
): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  if (k % 15 === 0) out.push(...crossFire(k, random));
  else if (k % 5 === 0) {
    const cam = CAMERAS[Math.floor(random() * CAMERAS.length)];
    out.push([
      'camera.alarm',
      {
        id: `ALM-${k}`,
        cameraId: cam.id,
        kind: random() < 0.7 ? 'fire' : 'smoke',
        bearing: Math.round(((cam.heading - 30 + random() * 60 + 360) % 360) * 10) / 10,
        confidence: Math.round((0.6 + random() * 0.39) * 100) / 100,
      },
    ]);
  }
  if (k % 7 === 0) {
    // The old statuses (assigned, in-progress) next to the new ones: the board reads both.
    const status = (
      ['discovered', 'assigned', 'in-progress', 'verifying', 'feedback', 'closed'] as const
    )[Math.floor(k / 7) % 6];
    const [lon, lat] = pointInCity();
    out.push([
      'clue.update',
      {
        id: `CLUE-${Math.floor(k / 42)}`,
        title: '群众举报：夜间露天焚烧（模拟）',
        status,
        deadline: new Date(now.getTime() + 48 * 3600_000).toISOString(),
        lon,
        lat,
      },
    ]);
  }
  if (k % 60 === 30) {
    const [lon, lat] = pointInCity();
    out.push([
      'incident',
      {
        id: `INC-${k}`,
        kind: 'chemical-spill',
        lon,
        lat,
        severity: 'high',
        radiusM: 3000,
        description: '运输车辆侧翻，疑似危化品泄漏（模拟）',
      },
    ]);
  }
  return out;
}

/**
 * A fire in the fields between the two Lüling towers, seen by both (bearings with about half a
 * degree of error), so that the map can locate it where the rays cross.
 */
function crossFire(k: number, random: () => number): Array<[string, unknown]> {
  const [a, b] = [CAMERAS[0]!, CAMERAS[1]!];
  const fire = [
    (a.lon + b.lon) / 2 + (random() - 0.5) * 0.006,
    (a.lat + b.lat) / 2 + (random() - 0.5) * 0.006,
  ];
  const bearing = (c: { lon: number; lat: number }) => {
    const east = (fire[0]! - c.lon) * Math.cos((c.lat * Math.PI) / 180);
    const north = fire[1]! - c.lat;
    const exact = (Math.atan2(east, north) * 180) / Math.PI;
    return Math.round(((exact + (random() - 0.5) + 360) % 360) * 10) / 10;
  };
  return [a, b].map((cam, i) => [
    'camera.alarm',
    {
      id: `ALM-${k}-${i + 1}`,
      cameraId: cam.id,
      kind: 'fire',
      bearing: bearing(cam),
      confidence: Math.round((0.8 + random() * 0.19) * 100) / 100,
      snapshotUrl: `/data/snapshots/${cam.id}.svg`,
    },
  ]);
}
