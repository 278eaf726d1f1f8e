// A hotspot found again in a later window is the same hotspot: the one before lends it its id
// and its start, so that its state (pushed, inspected) and its history stay with it.
import { distanceM } from '../tracks/replay.js';
import type { Hotspot } from './types.js';

export interface CarryOptions {
  /** Hotspots this close (between their outlines, roughly) are one, metres. Default 150. */
  mergeM?: number;
  /** A hotspot must have been seen this recently before the new one started, ms. Default 15 minutes. */
  maxGapMs?: number;
}

/**
 * The hotspots `found` in a window, each matched to at most one of the `known` ones (same
 * radar, seen within `maxGapMs` before it started, centres no farther apart than `mergeM`
 * plus both hotspots' radii): a match takes the known id and the earlier start.
 */
export function carryHotspotIds(
  known: readonly Hotspot[],
  found: readonly Hotspot[],
  options: CarryOptions = {},
): Hotspot[] {
  const mergeM = options.mergeM ?? 150;
  const maxGap = options.maxGapMs ?? 15 * 60_000;
  const taken = new Set<string>();
  const foundIds = new Set(found.map((h) => h.id));
  // Largest first, so a big plume keeps its id when it splits.
  const order = [...found].sort((a, b) => b.areaM2 - a.areaM2);
  const out = new Map<Hotspot, Hotspot>();
  for (const h of order) {
    let best: Hotspot | undefined;
    let bestD = Infinity;
    for (const k of known) {
      if (k.radarId !== h.radarId || taken.has(k.id)) continue;
      if (k.end < h.start - maxGap) continue;
      // An id the new detection uses itself stays with it.
      if (foundIds.has(k.id) && k.id !== h.id) continue;
      const d = distanceM(k.lon, k.lat, h.lon, h.lat);
      if (d <= mergeM + radius(k) + radius(h) && d < bestD) {
        best = k;
        bestD = d;
      }
    }
    if (best) {
      taken.add(best.id);
      out.set(h, { ...h, id: best.id, start: Math.min(best.start, h.start) });
    } else out.set(h, h);
  }
  return found.map((h) => out.get(h)!);
}

const radius = (h: Hotspot) => Math.sqrt(Math.max(0, h.areaM2) / Math.PI);
