// Readings of many stations over time: per station a time-ordered, bounded series, and the
// questions a grid, a chart and a ranking ask of it (values at an instant, means over a window).
// The readings are held in typed-array columns (columns.ts), not an object each: a page that
// keeps a minute's reading of every station all day grows by a third as much.

import { ReadingColumns } from './columns.js';

/** Pollutant values keyed as computeAqi reads them (pm25, pm10, so2, no2, co, o3_1h, o3_8h...). */
export type StationValues = Record<string, number | null>;

export interface StationInfo {
  id: string;
  name?: string;
  lon: number;
  lat: number;
  kind?: string;
  simulated?: boolean;
}

export interface StationHistoryOptions {
  /** Readings kept per station (oldest dropped first). Default 50,000 (over five years hourly). */
  maxPerStation?: number;
  /**
   * Readings of a station that fall in the same interval of this many ms (counted from the
   * epoch, so a minute is a clock minute) are kept as one, at the latest time, later values
   * replacing earlier ones key by key: a station reporting every few seconds keeps one reading a
   * minute with `60_000`. Default 0: every reading is kept.
   */
  resolutionMs?: number;
}

/** Stations and their readings. Times are ms since the epoch. */
export class StationHistory {
  private readonly info = new Map<string, StationInfo>();
  private readonly series = new Map<string, ReadingColumns>();
  private readonly max: number;
  private readonly resolution: number;
  /** Readings dropped for the per-station bound. */
  dropped = 0;
  /** Readings merged into another of the same interval (`resolutionMs`). */
  merged = 0;

  constructor(options: StationHistoryOptions = {}) {
    this.max = options.maxPerStation ?? 50_000;
    if (!(this.max >= 1)) throw new RangeError(`maxPerStation must be at least 1, got ${this.max}`);
    this.resolution = options.resolutionMs ?? 0;
    if (!(this.resolution >= 0 && Number.isFinite(this.resolution)))
      throw new RangeError(`resolutionMs must be a finite number >= 0, got ${this.resolution}`);
  }

  /** Adds or updates a station's description. */
  setStation(info: StationInfo): void {
    this.info.set(info.id, { ...this.info.get(info.id), ...info });
  }

  station(id: string): StationInfo | undefined {
    return this.info.get(id);
  }

  /** Stations with a position. */
  stations(): StationInfo[] {
    return [...this.info.values()];
  }

  /**
   * Adds a reading; a reading at a time already held replaces it (merged key by key). A value
   * that is not a number or null (a string slipped past the types) is held as null.
   * @throws RangeError for a non-finite time
   */
  add(stationId: string, time: number, values: StationValues): void {
    if (!Number.isFinite(time)) throw new RangeError(`reading time must be finite, got ${time}`);
    let s = this.series.get(stationId);
    // A fractional bound holds as many readings as it did when it was compared with a length.
    if (!s) this.series.set(stationId, (s = new ReadingColumns(Math.ceil(this.max))));
    if (this.resolution > 0 && this.mergeInto(s, time, values)) return;
    const n = s.length;
    if (n === 0 || time > s.time(n - 1)) {
      this.dropped += s.insert(n, time, values);
      return;
    }
    const i = s.bisect(time);
    if (s.time(i) === time) s.merge(i, values, false);
    else this.dropped += s.insert(i, time, values);
  }

  /**
   * Merges a reading into the one of its interval, if there is one (the interval's readings
   * are one entry, so only the neighbours of `time` can share it). Returns whether it did.
   */
  private mergeInto(s: ReadingColumns, time: number, values: StationValues): boolean {
    const slot = Math.floor(time / this.resolution);
    const i = s.bisect(time);
    for (const j of [i - 1, i]) {
      if (j < 0 || j >= s.length || Math.floor(s.time(j) / this.resolution) !== slot) continue;
      const later = time >= s.time(j);
      s.merge(j, values, !later);
      if (later) s.retime(j, time);
      this.merged++;
      return true;
    }
    return false;
  }

  /**
   * First and last reading time over all stations, or of one station; null without readings.
   */
  range(stationId?: string): [number, number] | null {
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of stationId === undefined ? this.series.values() : this.one(stationId)) {
      if (!s.length) continue;
      lo = Math.min(lo, s.time(0));
      hi = Math.max(hi, s.time(s.length - 1));
    }
    return lo <= hi ? [lo, hi] : null;
  }

  /** Readings held for a station, or for all stations. */
  count(stationId?: string): number {
    let n = 0;
    for (const s of stationId === undefined ? this.series.values() : this.one(stationId))
      n += s.length;
    return n;
  }

  /**
   * A station's readings with from <= time < to (default all), in time order. The arrays and
   * objects are made for the call (the store holds columns): a copy the caller may keep or
   * change. To read a window without copying it, see `forEachReading` and `forEachValue`.
   */
  seriesOf(
    stationId: string,
    from = -Infinity,
    to = Infinity,
  ): { times: readonly number[]; values: readonly StationValues[] } {
    const times: number[] = [];
    const values: StationValues[] = [];
    this.forEachReading(stationId, from, to, (t, v) => {
      times.push(t);
      values.push(v);
    });
    return { times, values };
  }

  /**
   * Calls `fn` with the time and values (a new object each) of a station's readings with
   * from <= time < to, in time order. Only the readings of the window are visited.
   */
  forEachReading(
    stationId: string,
    from: number,
    to: number,
    fn: (time: number, values: StationValues) => void,
  ): void {
    const s = this.series.get(stationId);
    if (!s) return;
    for (let i = s.bisect(from), end = s.bisect(to); i < end; i++) fn(s.time(i), s.values(i));
  }

  /**
   * Calls `fn` with the time and value of a station's readings with from <= time < to that hold
   * a number for `key` (readings without the key or with null left out), in time order. Reads
   * one column and makes no objects: the cheap way to sum or scan one pollutant.
   */
  forEachValue(
    stationId: string,
    key: string,
    from: number,
    to: number,
    fn: (time: number, value: number) => void,
  ): void {
    const s = this.series.get(stationId);
    if (s) s.forEachValue(key, s.bisect(from), s.bisect(to), fn);
  }

  /**
   * Each station's latest reading at or before `time`, if not older than `maxAge` ms
   * (default one hour): the state of the network at an instant.
   */
  at(time: number, maxAge = 3_600_000): Map<string, { time: number; values: StationValues }> {
    const out = new Map<string, { time: number; values: StationValues }>();
    for (const [id, s] of this.series) {
      const i = s.bisect(time, true) - 1;
      if (i >= 0 && time - s.time(i) <= maxAge)
        out.set(id, { time: s.time(i), values: s.values(i) });
    }
    return out;
  }

  /**
   * Per station and key, the mean of the readings with from <= time < to, and how many there
   * were (null values left out).
   */
  mean(
    from: number,
    to: number,
  ): Map<string, { values: StationValues; counts: Record<string, number> }> {
    const out = new Map<string, { values: StationValues; counts: Record<string, number> }>();
    for (const [id, s] of this.series) {
      const values: StationValues = {};
      const counts: Record<string, number> = {};
      const lo = s.bisect(from);
      const hi = s.bisect(to);
      for (const key of s.keys()) {
        let sum = 0;
        let n = 0;
        s.forEachValue(key, lo, hi, (_, v) => {
          if (!Number.isFinite(v)) return;
          sum += v;
          n++;
        });
        if (n === 0) continue;
        values[key] = sum / n;
        counts[key] = n;
      }
      if (Object.keys(counts).length > 0) out.set(id, { values, counts });
    }
    return out;
  }

  /** The series of one station, as an iterable of none or one. */
  private one(stationId: string): ReadingColumns[] {
    const s = this.series.get(stationId);
    return s ? [s] : [];
  }
}
