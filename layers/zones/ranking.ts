/** Zones ranked by a value, highest first. */
import type { Zone } from '../../src/index.js';

/** One row of a zone ranking. */
export interface ZoneRankRow {
  zone: Zone;
  /** The zone's value, or null when it has none. */
  value: number | null;
  /** 1 for the highest value; equal values share a rank (1, 2, 2, 4); null without a value. */
  rank: number | null;
}

/**
 * The zones with a value, highest first (equal values in the order given), then those without
 * one in the order given.
 */
export function rankZones(
  zones: readonly Zone[],
  valueOf: (id: string) => number | undefined,
): ZoneRankRow[] {
  const valued: ZoneRankRow[] = [];
  const rest: ZoneRankRow[] = [];
  for (const zone of zones) {
    const v = valueOf(zone.id);
    if (v === undefined || !Number.isFinite(v)) rest.push({ zone, value: null, rank: null });
    else valued.push({ zone, value: v, rank: null });
  }
  valued.sort((a, b) => b.value! - a.value!); // stable: ties keep the order given
  valued.forEach((row, i) => {
    const previous = valued[i - 1];
    row.rank = previous && previous.value === row.value ? previous.rank : i + 1;
  });
  return [...valued, ...rest];
}
