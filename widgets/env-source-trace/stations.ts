import { WindBook, type StationMeta, type StationReading } from '../../src/index.js';

/** A station as the trace knows it: where it is and its latest reading. */
export interface TraceStation {
  id: string;
  name: string;
  lon: number;
  lat: number;
  /** Time (ms) and values of its latest reading. */
  time?: number;
  values?: Record<string, number | null>;
}

/** The stations of the feed: positions and latest readings, and the winds they measured. */
export class TraceStations {
  readonly winds = new WindBook();
  private readonly data = new Map<string, TraceStation>();

  get(id: string): TraceStation | undefined {
    return this.data.get(id);
  }

  /** Every station with its position and name. */
  list(): Array<{ id: string; name: string; lon: number; lat: number }> {
    return [...this.data.values()].map(({ id, name, lon, lat }) => ({ id, name, lon, lat }));
  }

  /** Takes a `station.meta`. */
  meta(d: StationMeta): void {
    const known = this.data.get(d.id);
    this.data.set(d.id, { ...known, id: d.id, name: d.name, lon: d.lon, lat: d.lat });
    this.winds.setStation(d.id, d.lon, d.lat);
  }

  /**
   * Takes a `station.reading` (its wind, and its values when it is the station's latest) and
   * says whether the value of `key` rose above `limit` with it (null: never).
   */
  reading(d: StationReading, time: number, key: string, limit: number | null): boolean {
    this.winds.add(d.stationId, time, d.windDirDeg, d.windSpeedMs);
    const s = this.data.get(d.stationId);
    if (!s || (s.time !== undefined && time < s.time)) return false;
    const before = s.values?.[key] ?? null;
    s.time = time;
    s.values = d.values;
    const now = d.values[key] ?? null;
    return (
      typeof limit === 'number' &&
      now !== null &&
      now > limit &&
      !(before !== null && before > limit)
    );
  }
}
