// What a water incident asks of the network: where an exceeding pollutant could have come from
// (the sources upstream that discharge it, by travel time, with when they would have released
// it) and what a spill will reach (sections and intakes downstream, with arrival times).

import { waterItemKey } from '../standards/index.js';
import { alongTrace, type TraceStart } from './along.js';
import type { ReachGeometry } from './geometry.js';
import type { RiverNetwork } from './network.js';
import type { Trace } from './types.js';

const HOUR_MS = 3_600_000;

/** A place beside the river: an outfall or enterprise, a section, an intake. */
export interface RiverPlace {
  id: string;
  name: string;
  lon: number;
  lat: number;
  /** What it discharges (sources): item names as GB 3838 or HJ 212 write them. */
  pollutants?: readonly string[];
  /** What it is (arrivals): `section`, `intake`, ... */
  kind?: string;
}

export interface RiverResponseOptions {
  /** How far the trace goes, hours of flow. */
  hours: number;
  /** Flow speed, m/s; without it the reaches' velocities. */
  speedMs?: number;
  /** Places farther from the traced reaches are left out, m. */
  bufferM: number;
  /** When the exceedance was measured or the spill happened, ms. */
  time?: number;
}

/** A place the trace found, with the flow between it and the start. */
export interface RiverPlaceHit extends RiverPlace {
  /** Distance from the place to the river, m. */
  offsetM: number;
  /** Flow distance along the river to or from the start, km. */
  flowKm: number;
  /** Travel time of the water over that distance, hours. */
  hours?: number;
  /** Upstream: when the place would have released what was measured; downstream: when the spill arrives (ms). */
  time?: number;
}

const norm = (p: string) => waterItemKey(p) ?? p.trim().toLowerCase();

function run(
  network: RiverNetwork,
  geometry: ReachGeometry,
  start: TraceStart,
  places: readonly RiverPlace[],
  options: RiverResponseOptions,
  upstream: boolean,
): { trace: Trace; hits: RiverPlaceHit[] } {
  const id = network.idAt(start.reach);
  const limits = { hours: options.hours, speedMs: options.speedMs };
  const trace = upstream ? network.upstream(id, limits) : network.downstream(id, limits);
  const found = alongTrace(network, geometry, trace, places, {
    bufferM: options.bufferM,
    upstream,
    start,
    speedMs: options.speedMs,
  });
  const hits = found
    .filter((f) => f.hours === undefined || f.hours <= options.hours)
    .map((f) => {
      const hit: RiverPlaceHit = { ...f.point, offsetM: f.offsetM, flowKm: f.flowKm };
      if (f.hours !== undefined) {
        hit.hours = f.hours;
        if (options.time !== undefined)
          hit.time = options.time + (upstream ? -1 : 1) * f.hours * HOUR_MS;
      }
      return hit;
    });
  return { trace, hits };
}

/**
 * The sources upstream of `start` within `hours` of flow that discharge `pollutant` (all when
 * it is not given), nearest in travel time first, each with when it would have released what
 * was measured at `time`.
 */
export function upstreamSources(
  network: RiverNetwork,
  geometry: ReachGeometry,
  start: TraceStart,
  sources: readonly RiverPlace[],
  options: RiverResponseOptions & { pollutant?: string },
): { trace: Trace; candidates: RiverPlaceHit[] } {
  const wanted = options.pollutant ? norm(options.pollutant) : undefined;
  const discharging = wanted
    ? sources.filter((s) => (s.pollutants ?? []).some((p) => norm(p) === wanted))
    : sources;
  const { trace, hits } = run(network, geometry, start, discharging, options, true);
  return { trace, candidates: hits };
}

/** The places downstream of a spill at `start` within `hours` of flow, with their arrival times. */
export function downstreamArrivals(
  network: RiverNetwork,
  geometry: ReachGeometry,
  start: TraceStart,
  places: readonly RiverPlace[],
  options: RiverResponseOptions,
): { trace: Trace; arrivals: RiverPlaceHit[] } {
  const { trace, hits } = run(network, geometry, start, places, options, false);
  return { trace, arrivals: hits };
}
