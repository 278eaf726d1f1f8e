// The simulated Ji'an (吉安) patrol fleet for the demo: three drones sweeping their patrol areas in
// lawnmower legs and two unmanned boats going up and down the Gan River, every one of them
// SIMULATED and named so. For a seed and a sequence of tick times the messages are always the
// same. On purpose, so that the pages have something to show: drone 1 leaves its area for about
// 20 s every few minutes (geofence alarms) and boat 2 stops sending for about a minute every
// ten minutes (a stale vehicle).
import type { DroneMission, DronePosition, Envelope } from '../../../src/index.js';
import { envelopeMaker } from './envelope.js';
import { seededRandom } from './random.js';
import {
  CITY_REACH,
  GAN_RIVER,
  NORTH_BANK_FIELDS,
  WEST_BANK_FIELDS,
  type LonLat,
  type SweptArea,
} from './jian-places.js';

/** Metres east and north of a point near the city (a local plane; errors under 0.1 %). */
type XY = [number, number];

const LON0 = 115.0;
const LAT0 = 27.09;
const KY = 111_319.49;
const KX = KY * Math.cos((LAT0 * Math.PI) / 180);

const round = (v: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};
const toXY = ([lon, lat]: readonly number[]): XY => [(lon - LON0) * KX, (lat - LAT0) * KY];
const toLonLat = ([x, y]: XY): LonLat => [round(LON0 + x / KX, 6), round(LAT0 + y / KY, 6)];
const add = (a: XY, b: XY, k = 1): XY => [a[0] + b[0] * k, a[1] + b[1] * k];
const sub = (a: XY, b: XY): XY => [a[0] - b[0], a[1] - b[1]];
const unit = (a: XY): XY => {
  const n = Math.hypot(a[0], a[1]);
  return n > 0 ? [a[0] / n, a[1] / n] : [0, 1];
};
/** The right-hand normal of a direction (east for north). */
const right = (d: XY): XY => [d[1], -d[0]];
/** Degrees clockwise from north, in [0, 360). */
const bearing = (d: XY) => ((Math.atan2(d[0], d[1]) * 180) / Math.PI + 360) % 360;

/** The prefix of the fleet's envelope ids (the Heze simulator uses `sim`). */
export const JIAN_ENVELOPE_PREFIX = 'jian';
/** Metres the boats may stray from the river line. */
export const BOAT_CORRIDOR_M = 250;

const DRONE_SPEED = 10; // m/s
const DRONE_ALT = 120; // m
const DRONE_CLIMB = 4; // m/s, landing and taking off
const DRONE_DRAIN = 0.06; // % per second in the air
const DRONE_CHARGE = 0.25; // % per second on the ground
const DRONE_RESERVE = 20; // % left on landing: it lands at a waypoint rather than go below
const BOAT_SPEED = 4.5;
const BOAT_DRAIN = 0.008;
const BOAT_CHARGE = 0.12;
const BOAT_RESERVE = 20; // % left at the far end: it charges at the pier rather than go below
const BOAT_LANE = 60; // m right of the river line, in the direction of travel
const LANE_CHANGE = 1.5; // m/s sideways
const OUTSIDE_S = 20; // seconds drone 1 spends outside its area on an excursion
const SILENCE_S = 60;
const SAMPLE_EVERY_S = 30;
const MISSION_EVERY_S = 60; // missions are repeated for pages that connect later
const MAX_STEP_S = 1;
const MAX_TICK_S = 600; // a longer gap (a suspended process) is simulated as 10 minutes

/** A closed path of waypoints; `leg[i]` says whether points[i] -> points[i + 1] is a sweep leg. */
interface Loop {
  points: XY[];
  leg: boolean[];
}

/**
 * A lawnmower: passes along `along` from `from` to `to` metres (alternating in direction), one at
 * each of `offsets` metres along `across`, there and back over the same legs so that the loop
 * has no long transit.
 */
function lawnmower(
  origin: XY,
  along: XY,
  across: XY,
  from: number,
  to: number,
  offsets: number[],
): Loop {
  const pass: XY[] = [];
  offsets.forEach((c, k) => {
    const ends = k % 2 === 0 ? [from, to] : [to, from];
    for (const a of ends) pass.push(add(add(origin, along, a), across, c));
  });
  const order = [...pass.keys(), ...[...pass.keys()].slice(1, -1).reverse()];
  return {
    points: order.map((i) => pass[i]),
    // pass[0]-pass[1], pass[2]-pass[3], ... are the legs; the others cross between them.
    leg: order.map((i, j) => Math.min(i, order[(j + 1) % order.length]) % 2 === 0),
  };
}

const spread = (a: number, b: number, n: number) =>
  Array.from({ length: n }, (_, k) => a + ((b - a) * k) / (n - 1));

function sweptLoop(s: SweptArea): Loop {
  const [west, south] = toXY([s.sweep.west, s.sweep.south]);
  const [east, north] = toXY([s.sweep.east, s.sweep.north]);
  return lawnmower([0, 0], [0, 1], [1, 0], south, north, spread(west, east, s.sweep.legs));
}

/** The city reach: its rectangle (lon/lat ring) and passes along the river inside it. */
function reachPatrol(): { ring: LonLat[]; loop: Loop } {
  const { from, to, halfWidthM: h, beyondM: b, insetM: inset, legs } = CITY_REACH;
  const f = toXY(from);
  const t = toXY(to);
  const length = Math.hypot(...sub(t, f));
  const u = unit(sub(t, f));
  const v = right(u);
  const corner = (a: number, c: number) => toLonLat(add(add(f, u, a), v, c));
  return {
    ring: [corner(-b, -h), corner(length + b, -h), corner(length + b, h), corner(-b, h)],
    loop: lawnmower(f, u, v, -b + inset, length + b - inset, spread(inset - h, h - inset, legs)),
  };
}

/** Metres from `p` along `d` to the first edge of `ring`, or Infinity. */
function toBoundary(p: XY, d: XY, ring: XY[]): number {
  let best = Infinity;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const e = sub(ring[(i + 1) % ring.length], a);
    const den = d[0] * e[1] - d[1] * e[0];
    if (Math.abs(den) < 1e-12) continue;
    const w = sub(a, p);
    const t = (w[0] * e[1] - w[1] * e[0]) / den;
    const s = (w[0] * d[1] - w[1] * d[0]) / den;
    if (t > 0 && s >= 0 && s <= 1) best = Math.min(best, t);
  }
  return best;
}

/** A vehicle of the fleet as the pages see it. */
export interface JianVehicle {
  id: string;
  kind: 'drone' | 'boat';
  name: string;
  missionId: string;
}

interface Common extends JianVehicle {
  mission: DroneMission;
  pos: XY;
  heading: number;
  speed: number;
  battery: number;
}

interface Drone extends Common {
  kind: 'drone';
  ring: XY[];
  loop: Loop;
  /** Waypoint the drone is flying from, and metres flown since. */
  at: number;
  along: number;
  alt: number;
  mode: 'sweep' | 'out' | 'back' | 'land' | 'charge' | 'climb';
  /** Seconds of simulated time from which the next excursion starts (Infinity: never). */
  excursionAt: number;
  detour?: { from: XY; dir: XY; length: number; flown: number };
}

interface Boat extends Common {
  kind: 'boat';
  /** Metres along the river from its upstream end; +1 going downstream, -1 up. */
  s: number;
  dir: 1 | -1;
  offset: number;
  mode: 'run' | 'charge';
  phase: number;
  sampleAt: number;
  /** The next silence (seconds of simulated time, Infinity: never) and its end. */
  silentFrom: number;
  silentUntil: number;
}

type Vehicle = Drone | Boat;

export interface JianFleetOptions {
  /** Seed of the generator: the same seed and tick times give the same messages. */
  seed?: number;
}

/**
 * The simulated Ji'an patrol fleet. `metadata()` gives the vehicles' missions (patrol areas and
 * the boats' river route with its corridor); `tick(now)` moves every vehicle on to `now` and
 * gives its position (the demo calls it about once a second).
 */
export class JianFleet {
  /** The fleet: three drones, then two boats. */
  readonly vehicles: readonly JianVehicle[];
  private readonly random: () => number;
  private readonly envelope = envelopeMaker(JIAN_ENVELOPE_PREFIX);
  private readonly fleet: Vehicle[] = [];
  private readonly river = GAN_RIVER.map(toXY);
  /** Metres along the river at each of its points. */
  private readonly riverAt: number[] = [0];
  /** Unit normals at the river's points (the mean of the segments' right-hand normals). */
  private readonly riverNormals: XY[] = [];
  private last: number | undefined;
  /** Simulated seconds since the first tick. */
  private elapsed = 0;
  private missionAt = MISSION_EVERY_S;

  constructor(options: JianFleetOptions = {}) {
    this.random = seededRandom(options.seed ?? 360800);
    for (let i = 1; i < this.river.length; i++)
      this.riverAt.push(this.riverAt[i - 1] + Math.hypot(...sub(this.river[i], this.river[i - 1])));
    const segNormal = (i: number) => right(unit(sub(this.river[i + 1], this.river[i])));
    for (let i = 0; i < this.river.length; i++) {
      const before = segNormal(Math.max(0, i - 1));
      const after = segNormal(Math.min(this.river.length - 2, i));
      this.riverNormals.push(unit(add(before, after)));
    }

    const reach = reachPatrol();
    const patrols: Array<{ ring: LonLat[]; loop: Loop; task: string }> = [
      { ring: WEST_BANK_FIELDS.area, loop: sweptLoop(WEST_BANK_FIELDS), task: '赣江西岸农田巡查' },
      {
        ring: NORTH_BANK_FIELDS.area,
        loop: sweptLoop(NORTH_BANK_FIELDS),
        task: '下游北岸农田巡查',
      },
      { ring: reach.ring, loop: reach.loop, task: '白鹭洲城区河段巡查' },
    ];
    patrols.forEach((p, i) => {
      const id = `JA-UAV-${i + 1}`;
      const missionId = `${id}-M1`;
      const start = Math.floor(this.random() * p.loop.points.length);
      const drone: Drone = {
        id,
        kind: 'drone',
        name: `模拟无人机 ${i + 1}`,
        missionId,
        mission: {
          id: missionId,
          droneId: id,
          name: `${p.task}（模拟）`,
          status: 'active',
          area: p.ring.map(([lon, lat]) => [lon, lat]),
        },
        ring: p.ring.map(toXY),
        loop: p.loop,
        at: start,
        along: 0,
        pos: p.loop.points[start],
        heading: 0,
        speed: 0,
        battery: round(60 + this.random() * 40, 1),
        alt: DRONE_ALT,
        mode: 'sweep',
        excursionAt: i === 0 ? 60 + this.random() * 60 : Infinity,
      };
      drone.heading = bearing(sub(this.nextPoint(drone), drone.pos));
      this.fleet.push(drone);
    });
    const length = this.riverAt[this.riverAt.length - 1];
    for (const [i, start] of [0.15, 0.8].entries()) {
      const id = `JA-USV-${i + 1}`;
      const missionId = `${id}-M1`;
      const dir = i === 0 ? 1 : -1;
      const boat: Boat = {
        id,
        kind: 'boat',
        name: `模拟无人船 ${i + 1}`,
        missionId,
        mission: {
          id: missionId,
          droneId: id,
          name: '赣江吉安段水质巡测（模拟）',
          status: 'active',
          route: GAN_RIVER.map(([lon, lat]) => [lon, lat]),
          corridorM: BOAT_CORRIDOR_M,
        },
        s: start * length,
        dir,
        offset: dir * BOAT_LANE,
        mode: 'run',
        phase: this.random() * 2 * Math.PI,
        pos: [0, 0],
        heading: 0,
        speed: 0,
        battery: round(65 + this.random() * 35, 1),
        sampleAt: i * (SAMPLE_EVERY_S / 2),
        silentFrom: i === 1 ? 240 + this.random() * 120 : Infinity,
        silentUntil: Infinity,
      };
      boat.silentUntil = boat.silentFrom + SILENCE_S;
      boat.pos = this.onRiver(boat.s, boat.offset);
      boat.heading = bearing(sub(this.onRiver(boat.s + dir, boat.offset), boat.pos));
      this.fleet.push(boat);
    }
    this.vehicles = this.fleet.map(({ id, kind, name, missionId }) => ({
      id,
      kind,
      name,
      missionId,
    }));
  }

  /** The missions (`drone.mission`): sent first, again every minute, and on request. */
  metadata(now = new Date()): Envelope[] {
    return this.fleet.map((v) => this.envelope('drone.mission', structuredClone(v.mission), now));
  }

  /**
   * Moves the fleet on to `now` (in steps of at most a second) and returns a position of every
   * vehicle that is in contact, the boats' water samples when due, and the missions once a
   * minute. The first call starts the clock.
   */
  tick(now = new Date()): Envelope[] {
    const t = now.getTime();
    const dt =
      this.last === undefined ? 0 : Math.min(MAX_TICK_S, Math.max(0, (t - this.last) / 1000));
    this.last = this.last === undefined ? t : Math.max(this.last, t);
    const steps = Math.ceil(dt / MAX_STEP_S);
    for (let i = 0; i < steps; i++) {
      const h = dt / steps;
      this.elapsed += h;
      for (const v of this.fleet) {
        const from = v.pos;
        if (v.kind === 'drone') this.fly(v, h);
        else this.sail(v, h);
        const moved = sub(v.pos, from);
        v.speed = Math.hypot(...moved) / h;
        if (v.speed > 0.05) v.heading = bearing(moved);
      }
    }
    const out: Envelope[] = [];
    if (this.elapsed >= this.missionAt) {
      this.missionAt += MISSION_EVERY_S;
      out.push(...this.metadata(now));
    }
    for (const v of this.fleet) {
      if (v.kind === 'boat') {
        while (this.elapsed >= v.silentUntil) {
          v.silentFrom = v.silentUntil + 480 + this.random() * 120;
          v.silentUntil = v.silentFrom + SILENCE_S - 5 + this.random() * 10;
        }
        if (this.elapsed >= v.silentFrom) continue; // out of contact: nothing is sent
      }
      const [lon, lat] = toLonLat(v.pos);
      const data: DronePosition = {
        droneId: v.id,
        kind: v.kind,
        name: v.name,
        lon,
        lat,
        ...(v.kind === 'drone' ? { altM: round(v.alt, 1) } : {}),
        heading: round(v.heading, 1) % 360,
        speedMs: round(v.speed, 2),
        batteryPct: round(Math.min(100, Math.max(0, v.battery)), 1),
        missionId: v.missionId,
        simulated: true,
      };
      if (v.kind === 'boat' && this.elapsed >= v.sampleAt) {
        v.sampleAt = this.elapsed + SAMPLE_EVERY_S;
        data.sample = this.sample(v.s / this.riverAt[this.riverAt.length - 1]);
      }
      out.push(this.envelope('drone.position', data, now));
    }
    return out;
  }

  private nextPoint(d: Drone): XY {
    return d.loop.points[(d.at + 1) % d.loop.points.length];
  }

  private fly(d: Drone, h: number): void {
    if (d.mode === 'charge') {
      d.battery = Math.min(100, d.battery + DRONE_CHARGE * h);
      if (d.battery >= 100) d.mode = 'climb';
      return;
    }
    d.battery = Math.max(0, d.battery - DRONE_DRAIN * h);
    if (d.mode === 'land' || d.mode === 'climb') {
      d.alt = Math.min(
        DRONE_ALT,
        Math.max(0, d.alt + (d.mode === 'land' ? -1 : 1) * DRONE_CLIMB * h),
      );
      if (d.mode === 'land' && d.alt === 0) d.mode = 'charge';
      if (d.mode === 'climb' && d.alt === DRONE_ALT) d.mode = 'sweep';
      return;
    }
    if (d.mode === 'out' || d.mode === 'back') {
      const trip = d.detour!;
      trip.flown = Math.min(trip.length, trip.flown + DRONE_SPEED * h);
      const k = d.mode === 'out' ? trip.flown : trip.length - trip.flown;
      d.pos = add(trip.from, trip.dir, k);
      if (trip.flown < trip.length) return;
      if (d.mode === 'out') {
        d.mode = 'back';
        trip.flown = 0;
      } else {
        d.mode = 'sweep';
        d.detour = undefined;
        d.excursionAt = this.elapsed + 150 + this.random() * 120;
      }
      return;
    }
    let left = DRONE_SPEED * h;
    const n = d.loop.points.length;
    for (;;) {
      const a = d.loop.points[d.at];
      const b = this.nextPoint(d);
      const length = Math.hypot(...sub(b, a));
      if (d.along + left < length) {
        d.along += left;
        d.pos = add(a, unit(sub(b, a)), d.along);
        return;
      }
      left -= length - d.along;
      const wasLeg = d.loop.leg[d.at];
      d.at = (d.at + 1) % n;
      d.along = 0;
      d.pos = b;
      // Land to charge here if the next stretch (and a detour, and the landing) would take the
      // battery below the reserve.
      const next = Math.hypot(...sub(this.nextPoint(d), b));
      const needed = DRONE_DRAIN * ((next + 1000) / DRONE_SPEED + DRONE_ALT / DRONE_CLIMB);
      if (d.battery - needed < DRONE_RESERVE) {
        d.mode = 'land';
        return;
      }
      // At the end of a leg drone 1 now and then flies on out of its area, and back.
      if (wasLeg && this.elapsed >= d.excursionAt) {
        const dir = unit(sub(b, a));
        const edge = toBoundary(b, dir, d.ring);
        if (Number.isFinite(edge)) {
          d.mode = 'out';
          d.detour = { from: b, dir, length: edge + (DRONE_SPEED * OUTSIDE_S) / 2, flown: 0 };
          return;
        }
      }
    }
  }

  private sail(b: Boat, h: number): void {
    const length = this.riverAt[this.riverAt.length - 1];
    if (b.mode === 'charge') {
      b.battery = Math.min(100, b.battery + BOAT_CHARGE * h);
      if (b.battery >= 100) b.mode = 'run';
    } else {
      b.battery = Math.max(0, b.battery - BOAT_DRAIN * h);
      // A little faster and slower with the current and the wind.
      const speed = BOAT_SPEED * (1 + 0.06 * Math.sin(this.elapsed / 47 + b.phase));
      b.s += b.dir * speed * h;
      if (b.s <= 0 || b.s >= length) {
        b.s = Math.min(length, Math.max(0, b.s));
        b.dir = b.dir === 1 ? -1 : 1;
        if (b.battery - (BOAT_DRAIN * length) / (BOAT_SPEED * 0.94) < BOAT_RESERVE)
          b.mode = 'charge';
      }
    }
    if (b.mode === 'run') {
      // Keeps to the right of the river, weaving a little.
      const target = b.dir * BOAT_LANE + 12 * Math.sin(this.elapsed / 70 + b.phase);
      const change = LANE_CHANGE * h;
      b.offset += Math.max(-change, Math.min(change, target - b.offset));
    }
    b.pos = this.onRiver(b.s, b.offset);
  }

  /** The point `s` metres down the river and `offset` metres right of it (looking downstream). */
  private onRiver(s: number, offset: number): XY {
    const at = this.riverAt;
    let i = 0;
    while (i < at.length - 2 && at[i + 1] < s) i++;
    const k = Math.min(1, Math.max(0, (s - at[i]) / (at[i + 1] - at[i])));
    const a = this.river[i];
    const b = this.river[i + 1];
    const n0 = this.riverNormals[i];
    const n1 = this.riverNormals[i + 1];
    const normal = unit([n0[0] + (n1[0] - n0[0]) * k, n0[1] + (n1[1] - n0[1]) * k]);
    return add(add(a, sub(b, a), k), normal, offset);
  }

  /**
   * A water sample `fraction` of the way down the river: pH, dissolved oxygen, permanganate
   * index and ammonia nitrogen (mg/L) and turbidity (NTU), a little worse below the city.
   */
  private sample(fraction: number): Record<string, number> {
    const below = Math.max(0, (fraction - 0.55) / 0.45);
    const vary = (v: number, by: number) => v * (1 + (this.random() - 0.5) * 2 * by);
    return {
      ph: round(7.3 + (this.random() - 0.5) * 0.3, 2),
      do: round(vary(7.9 - 0.7 * below, 0.05), 2),
      codmn: round(vary(2.0 + 0.6 * below, 0.1), 2),
      nh3n: round(vary(0.22 + 0.18 * below, 0.15), 3),
      turbidity: round(vary(18 + 6 * below, 0.2), 1),
    };
  }
}
