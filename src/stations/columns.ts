// One station's readings held in columns: the times in a Float64Array and, per key the station
// has reported, the values in a Float64Array beside a byte that tells a number, a null and a
// reading without the key apart (made only once a reading has no number for the key): per
// reading 8 bytes for the time and 8 a key (9 with the byte) instead of an object.

import type { StationValues } from './history.js';

/** What a reading holds for a key: nothing, a number (in the values column) or null. */
const ABSENT = 0;
const NUMBER = 1;
const NULL = 2;

/** Slots allocated for a station's first readings. */
const FIRST_CAPACITY = 16;
/**
 * How much the columns grow when full. A quarter leaves about 12% of the slots unused on average
 * (doubling about 40%), for each reading copied about four times while the columns grow instead
 * of once: cheap, as the copies are typed-array copies.
 */
const GROWTH = 1.25;

interface Column {
  values: Float64Array;
  /** What each reading holds for the key; null while every reading held holds a number. */
  kinds: Uint8Array | null;
}

/** What slot `p` of a column holds. */
function kindAt(c: Column, p: number): number {
  return c.kinds ? c.kinds[p]! : NUMBER;
}

/**
 * A station's readings in time order, bounded. The columns are rings: reading `i` sits in slot
 * `head + i` (wrapping round the end), so that dropping the oldest reading at the bound moves
 * nothing. They grow by a quarter (`GROWTH`) at a time until they hold `max` readings.
 */
export class ReadingColumns {
  private times = new Float64Array(0);
  private readonly columns = new Map<string, Column>();
  /** Slot of the oldest reading. */
  private head = 0;
  /** Readings held. */
  length = 0;

  /** `max`: readings kept (an integer >= 1, or Infinity). */
  constructor(private readonly max: number) {}

  /** Time of reading `i` (0 is the oldest). */
  time(i: number): number {
    return this.times[this.slot(i)]!;
  }

  /** First index with time >= t (or > t when `after`), by bisection. */
  bisect(t: number, after = false): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const tm = this.time(mid);
      if (tm < t || (after && tm === t)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Reading `i`'s values as a new object, keys in the order the station first reported them. */
  values(i: number): StationValues {
    const p = this.slot(i);
    const out: StationValues = {};
    for (const [key, c] of this.columns) {
      const kind = kindAt(c, p);
      if (kind === NUMBER) out[key] = c.values[p]!;
      else if (kind === NULL) out[key] = null;
    }
    return out;
  }

  /** Calls `fn` with the time and number of each reading in [lo, hi) that holds one for `key`. */
  forEachValue(key: string, lo: number, hi: number, fn: (time: number, value: number) => void) {
    const c = this.columns.get(key);
    if (!c) return;
    for (let i = lo; i < hi; i++) {
      const p = this.slot(i);
      if (kindAt(c, p) === NUMBER) fn(this.times[p]!, c.values[p]!);
    }
  }

  /** Keys the station has reported, in the order they first came. */
  keys(): IterableIterator<string> {
    return this.columns.keys();
  }

  /**
   * Puts a new reading at index `i` (between the readings before and after its time). At the
   * bound the oldest reading is dropped first, or the new one when it would be the oldest.
   * Returns how many readings were dropped (0 or 1).
   */
  insert(i: number, time: number, values: StationValues): number {
    let dropped = 0;
    if (this.length >= this.max) {
      if (i === 0) return 1;
      this.head = this.slot(1);
      this.length--;
      i--;
      dropped = 1;
    } else if (this.length === this.times.length) this.grow();
    // Open slot i by moving the shorter side: the readings before it one slot back, or those
    // from it on one slot forward.
    if (i < this.length - i) {
      this.head = this.head === 0 ? this.times.length - 1 : this.head - 1;
      for (let j = 0; j < i; j++) this.move(j + 1, j);
    } else for (let j = this.length; j > i; j--) this.move(j - 1, j);
    this.length++;
    const p = this.slot(i);
    this.times[p] = time;
    const given = values ?? {};
    for (const [key, c] of this.columns)
      if (c.kinds) c.kinds[p] = ABSENT;
      else if (!Object.prototype.propertyIsEnumerable.call(given, key)) this.kindsOf(c)[p] = ABSENT;
    this.write(p, given, false);
    return dropped;
  }

  /**
   * Merges `values` into reading `i`: replacing its values key by key (`{...old, ...values}`),
   * or, when `under`, only filling the keys it lacks (`{...values, ...old}`).
   */
  merge(i: number, values: StationValues, under: boolean): void {
    this.write(this.slot(i), values, under);
  }

  /** Moves reading `i` to `time`, which must keep the readings in order. */
  retime(i: number, time: number): void {
    this.times[this.slot(i)] = time;
  }

  private slot(i: number): number {
    const p = this.head + i;
    return p < this.times.length ? p : p - this.times.length;
  }

  /** Copies reading `from` over reading `to`, every column. */
  private move(from: number, to: number): void {
    const p = this.slot(from);
    const q = this.slot(to);
    this.times[q] = this.times[p]!;
    for (const c of this.columns.values()) {
      c.values[q] = c.values[p]!;
      if (c.kinds) c.kinds[q] = c.kinds[p]!;
    }
  }

  /**
   * Writes `values` into slot `p`, key by key; with `fill`, only keys the slot lacks. A value
   * that is not a number (a string or undefined from code that bypassed the types) is held as
   * null, as every reader of the values already took it.
   */
  private write(p: number, values: StationValues, fill: boolean): void {
    for (const key of Object.keys(values ?? {})) {
      let c = this.columns.get(key);
      if (!c) this.columns.set(key, (c = this.column()));
      else if (fill && kindAt(c, p) !== ABSENT) continue;
      const v: unknown = values[key];
      if (typeof v !== 'number') this.kindsOf(c)[p] = NULL;
      else {
        c.values[p] = v;
        if (c.kinds) c.kinds[p] = NUMBER;
      }
    }
  }

  /**
   * A new column, for a key that comes with the reading being written: every other reading
   * is without it (there is no kinds column when there is no other reading).
   */
  private column(): Column {
    const n = this.times.length;
    return { values: new Float64Array(n), kinds: this.length > 1 ? new Uint8Array(n) : null };
  }

  /** The kinds of column `c`, made (every reading holding a number) when first needed. */
  private kindsOf(c: Column): Uint8Array {
    return (c.kinds ??= new Uint8Array(this.times.length).fill(NUMBER));
  }

  /** Grows the capacity (up to `max`), the readings moved to slots 0 onwards. */
  private grow(): void {
    const grown = Math.ceil(this.times.length * GROWTH);
    const capacity = Math.min(this.max, Math.max(FIRST_CAPACITY, grown));
    this.times = this.unwrapped(this.times, new Float64Array(capacity));
    for (const c of this.columns.values()) {
      c.values = this.unwrapped(c.values, new Float64Array(capacity));
      if (c.kinds) c.kinds = this.unwrapped(c.kinds, new Uint8Array(capacity));
    }
    this.head = 0;
  }

  /** `to` with the readings of ring `from` copied in, oldest at slot 0. */
  private unwrapped<T extends Float64Array | Uint8Array>(from: T, to: T): T {
    const end = this.head + this.length;
    if (end <= from.length) to.set(from.subarray(this.head, end));
    else {
      to.set(from.subarray(this.head));
      to.set(from.subarray(0, end - from.length), from.length - this.head);
    }
    return to;
  }
}
