// Readings of many stations over time: per station a time-ordered, bounded series, and the
// questions a grid, a chart and a ranking ask of it (values at an instant, means over a window).

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

interface Series {
  times: number[];
  values: StationValues[];
}

/** Stations and their readings. Times are ms since the epoch. */
export class StationHistory {
  private readonly info = new Map<string, StationInfo>();
  private readonly series = new Map<string, Series>();
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
   * Adds a reading; a reading at a time already held replaces it (merged key by key).
   * @throws RangeError for a non-finite time
   */
  add(stationId: string, time: number, values: StationValues): void {
    if (!Number.isFinite(time)) throw new RangeError(`reading time must be finite, got ${time}`);
    let s = this.series.get(stationId);
    if (!s) this.series.set(stationId, (s = { times: [], values: [] }));
    const { times } = s;
    if (this.resolution > 0 && this.mergeInto(s, time, values)) return;
    if (times.length === 0 || time > times[times.length - 1]!) {
      times.push(time);
      s.values.push({ ...values });
    } else {
      const i = bisect(times, time);
      if (times[i] === time) s.values[i] = { ...s.values[i], ...values };
      else {
        times.splice(i, 0, time);
        s.values.splice(i, 0, { ...values });
      }
    }
    if (times.length > this.max) {
      const extra = times.length - this.max;
      times.splice(0, extra);
      s.values.splice(0, extra);
      this.dropped += extra;
    }
  }

  /**
   * Merges a reading into the one of its interval, if there is one (the interval's readings
   * are one entry, so only the neighbours of `time` can share it). Returns whether it did.
   */
  private mergeInto(s: Series, time: number, values: StationValues): boolean {
    const { times } = s;
    const slot = Math.floor(time / this.resolution);
    const i = bisect(times, time);
    for (const j of [i - 1, i]) {
      if (j < 0 || j >= times.length || Math.floor(times[j]! / this.resolution) !== slot) continue;
      const later = time >= times[j]!;
      s.values[j] = later ? { ...s.values[j], ...values } : { ...values, ...s.values[j] };
      if (later) times[j] = time;
      this.merged++;
      return true;
    }
    return false;
  }

  /** First and last reading time over all stations, or null without readings. */
  range(): [number, number] | null {
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of this.series.values()) {
      if (!s.times.length) continue;
      lo = Math.min(lo, s.times[0]!);
      hi = Math.max(hi, s.times[s.times.length - 1]!);
    }
    return lo <= hi ? [lo, hi] : null;
  }

  /** A station's readings in time order (the arrays are the store's: do not change them). */
  seriesOf(stationId: string): { times: readonly number[]; values: readonly StationValues[] } {
    return this.series.get(stationId) ?? { times: [], values: [] };
  }

  /**
   * Each station's latest reading at or before `time`, if not older than `maxAge` ms
   * (default one hour): the state of the network at an instant.
   */
  at(time: number, maxAge = 3_600_000): Map<string, { time: number; values: StationValues }> {
    const out = new Map<string, { time: number; values: StationValues }>();
    for (const [id, s] of this.series) {
      const i = bisect(s.times, time, true) - 1;
      if (i >= 0 && time - s.times[i]! <= maxAge)
        out.set(id, { time: s.times[i]!, values: s.values[i]! });
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
      const sums: Record<string, number> = {};
      const counts: Record<string, number> = {};
      for (let i = bisect(s.times, from); i < s.times.length && s.times[i]! < to; i++)
        for (const [k, v] of Object.entries(s.values[i]!))
          if (typeof v === 'number' && Number.isFinite(v)) {
            sums[k] = (sums[k] ?? 0) + v;
            counts[k] = (counts[k] ?? 0) + 1;
          }
      if (Object.keys(counts).length === 0) continue;
      const values: StationValues = {};
      for (const k of Object.keys(counts)) values[k] = sums[k]! / counts[k]!;
      out.set(id, { values, counts });
    }
    return out;
  }
}

/** First index with times[i] >= t (or > t when `after`), by bisection of sorted times. */
function bisect(times: readonly number[], t: number, after = false): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < t || (after && times[mid] === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
