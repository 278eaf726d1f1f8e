// Winds measured at stations, kept per station and hour, for back trajectories.

import type { WindObservation } from './trajectory.js';

const HOUR_MS = 3_600_000;
const RAD = Math.PI / 180;

/** The sums of one station's wind vectors in one hour. */
interface HourSum {
  u: number;
  v: number;
  speed: number;
  n: number;
}

/**
 * Winds from station readings (direction blown from and speed, as `station.reading` carries them),
 * kept as one mean per station and hour: the direction of the mean vector and the mean speed.
 * Readings of a station whose position is not known yet are kept and used once it is. Only the
 * latest `keepHours` hours (default 48) are kept.
 */
export class WindBook {
  private readonly positions = new Map<string, { lon: number; lat: number }>();
  private readonly hours = new Map<string, Map<number, HourSum>>();
  private newest = -Infinity;

  constructor(readonly keepHours = 48) {}

  /** Sets where a station is. */
  setStation(id: string, lon: number, lat: number): void {
    if (Math.abs(lon) <= 180 && Math.abs(lat) <= 90) this.positions.set(id, { lon, lat });
  }

  /** Adds a reading's wind; returns false (nothing kept) when it has none or it is not usable. */
  add(stationId: string, time: number, dirDeg: unknown, speedMs: unknown): boolean {
    if (
      !Number.isFinite(time) ||
      typeof dirDeg !== 'number' ||
      !Number.isFinite(dirDeg) ||
      typeof speedMs !== 'number' ||
      !(speedMs >= 0 && Number.isFinite(speedMs))
    )
      return false;
    const h = Math.floor(time / HOUR_MS);
    if (h <= this.newest - this.keepHours) return false;
    let byHour = this.hours.get(stationId);
    if (!byHour) this.hours.set(stationId, (byHour = new Map()));
    let sum = byHour.get(h);
    if (!sum) byHour.set(h, (sum = { u: 0, v: 0, speed: 0, n: 0 }));
    sum.u += Math.sin(dirDeg * RAD);
    sum.v += Math.cos(dirDeg * RAD);
    sum.speed += speedMs;
    sum.n++;
    if (h > this.newest) {
      this.newest = h;
      for (const list of this.hours.values())
        for (const old of list.keys()) if (old <= h - this.keepHours) list.delete(old);
    }
    return true;
  }

  /** How many station-hours are kept. */
  get size(): number {
    let n = 0;
    for (const list of this.hours.values()) n += list.size;
    return n;
  }

  /** One observation per station (with a known position) and hour, timed at the hour's start. */
  observations(): WindObservation[] {
    const out: WindObservation[] = [];
    for (const [id, list] of this.hours) {
      const at = this.positions.get(id);
      if (!at) continue;
      for (const [h, s] of list) {
        const dir = (Math.atan2(s.u, s.v) / RAD + 360) % 360;
        out.push({
          time: h * HOUR_MS,
          lon: at.lon,
          lat: at.lat,
          dirDeg: dir,
          speedMs: s.speed / s.n,
        });
      }
    }
    return out;
  }

  clear(): void {
    this.hours.clear();
    this.newest = -Infinity;
  }
}
