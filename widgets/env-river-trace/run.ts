import {
  downstreamArrivals,
  excerpt,
  upstreamSources,
  type ReachGeometry,
  type RiverFeature,
  type RiverNetwork,
  type RiverPlace,
  type Trace,
} from '../../src/index.js';
import type { EnvErrorDetail, EnvRiverTraceDetail, EnvTraceSection } from '../base/events.js';
import type { RiverTraceFrom } from './EnvRiverTrace.js';

/** What a trace of `<env-river-trace>` works on: its network, places and settings. */
export interface TraceInputs {
  net: RiverNetwork;
  geom: ReachGeometry;
  features: readonly RiverFeature[];
  sections: readonly EnvTraceSection[];
  sources: readonly RiverPlace[];
  intakes: readonly RiverPlace[];
  bufferM: number;
  hours: number;
  speedMs: number | null;
}

/**
 * Runs a trace from a reach, a section or a point: upstream, the sources of the pollutant
 * (default the section's worst exceeding item); downstream, the sections and intakes reached.
 * A start off the network is an error to report, never thrown.
 */
export function runTrace(
  inputs: TraceInputs,
  from: RiverTraceFrom,
  upstream: boolean,
  options: { pollutant?: string; time?: number },
): { detail: EnvRiverTraceDetail; trace: Trace } | { error: Omit<EnvErrorDetail, 'source'> } {
  const { net, geom } = inputs;
  const section =
    from.section !== undefined
      ? inputs.sections.find((s) => s.id === String(from.section))
      : undefined;
  if (from.section !== undefined && !section) {
    return {
      error: {
        code: 'attribute',
        value: String(from.section),
        message: `no section ${excerpt(from.section)} has been heard`,
      },
    };
  }
  const lon = section?.lon ?? from.lon;
  const lat = section?.lat ?? from.lat;
  let reach = from.reach !== undefined ? net.indexOf(from.reach) : -1;
  if (from.reach !== undefined && reach < 0) {
    return {
      error: {
        code: 'attribute',
        value: String(from.reach),
        message: `no reach ${excerpt(from.reach)} in the network`,
      },
    };
  }
  let fraction = 1;
  if (lon !== undefined && lat !== undefined) {
    const hit = geom.nearest(
      lon,
      lat,
      Math.max(inputs.bufferM, 1),
      reach >= 0 ? (r) => r === reach : undefined,
    );
    if (hit) {
      reach = hit.reach;
      fraction = hit.fraction;
    }
  }
  if (reach < 0) {
    return {
      error: {
        code: 'data',
        message: `${section ? `section ${section.name}` : 'the point'} is not within ${inputs.bufferM} m of a reach`,
      },
    };
  }
  const hours = Number.isFinite(inputs.hours) && inputs.hours > 0 ? inputs.hours : 24;
  const speedMs =
    inputs.speedMs !== null && inputs.speedMs > 0
      ? inputs.speedMs
      : net.velocityMs
        ? undefined
        : 0.5;
  const time = options.time ?? section?.time ?? Date.now();
  const common = { hours, speedMs, bufferM: inputs.bufferM, time };
  const start = { reach, fraction };
  let trace;
  let candidates: EnvRiverTraceDetail['candidates'] = [];
  let arrivals: EnvRiverTraceDetail['arrivals'] = [];
  const pollutant = upstream ? (options.pollutant ?? section?.worst ?? undefined) : undefined;
  try {
    if (upstream) {
      const r = upstreamSources(net, geom, start, inputs.sources, { ...common, pollutant });
      trace = r.trace;
      candidates = r.candidates.map((c) => ({
        id: c.id,
        name: c.name,
        lon: c.lon,
        lat: c.lat,
        pollutants: [...(c.pollutants ?? [])],
        flowKm: c.flowKm,
        hours: c.hours ?? null,
        releaseTime: c.time ?? null,
        offsetM: c.offsetM,
      }));
    } else {
      const places = [
        ...inputs.sections
          .filter((s) => s.id !== section?.id)
          .map((s) => ({ id: s.id, name: s.name, lon: s.lon, lat: s.lat, kind: 'section' })),
        ...inputs.intakes,
      ];
      const r = downstreamArrivals(net, geom, start, places, common);
      trace = r.trace;
      arrivals = r.arrivals.map((a) => ({
        id: a.id,
        name: a.name,
        kind: a.kind === 'section' ? 'section' : 'intake',
        lon: a.lon,
        lat: a.lat,
        flowKm: a.flowKm,
        hours: a.hours ?? null,
        arrivalTime: a.time ?? null,
      }));
    }
  } catch (e) {
    return {
      error: {
        code: 'data',
        message: `the trace could not run: ${(e as Error).message}`,
      },
    };
  }
  let maxKm = 0;
  for (let i = 0; i < trace.distanceKm.length; i++) maxKm = Math.max(maxKm, trace.distanceKm[i]!);
  const id = net.idAt(reach);
  const props = inputs.features[reach]?.properties ?? {};
  const name = section?.name ?? String(props['name'] ?? props['GNIS_NAME'] ?? props['NAME'] ?? id);
  const detail: EnvRiverTraceDetail = {
    direction: upstream ? 'upstream' : 'downstream',
    start: { reach: id, section: section?.id ?? null, name, lon: lon ?? NaN, lat: lat ?? NaN },
    time,
    pollutant: pollutant ?? null,
    hours,
    reaches: trace.ids.length,
    maxKm,
    candidates,
    arrivals,
  };
  if (!Number.isFinite(detail.start.lon)) {
    const line = geom.line(reach);
    const end = line[line.length - 1];
    detail.start.lon = end?.[0] ?? NaN;
    detail.start.lat = end?.[1] ?? NaN;
  }
  return { detail, trace };
}
