/** What every format reader gets and shares. */
import type { Track, TrackPoint } from './types.js';
import type { Warnings } from './warnings.js';

export interface ReadContext {
  /** Minutes east of UTC of local times without a zone. */
  offsetMin: number;
  /** Name for tracks the file does not name. */
  name?: string;
  warnings: Warnings;
}

/** A position worth emitting: finite, in range, and not the 0,0 that receivers write without a fix. */
export function usablePosition(lon: number, lat: number): boolean {
  return (
    lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 && !(lat === 0 && lon === 0) // NaN fails every comparison
  );
}

/** A track with its name when there is one. */
export function makeTrack(points: TrackPoint[], name: string | undefined): Track {
  return name === undefined ? { points } : { name, points };
}
