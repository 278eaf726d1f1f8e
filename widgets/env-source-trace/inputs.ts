import type { SourceTraceResult } from '../../src/index.js';
import type {
  EnvSourceDispatchDetail,
  EnvSourceTraceDetail,
  EnvTraceCandidate,
} from '../base/events.js';

/**
 * Records read with `read`, or undefined when the input could not be read at all; that, and the
 * records left out (named by index), go to `report`.
 */
export function readRecords<T>(
  what: string,
  from: string,
  read: () => { records: T[]; warnings: string[] },
  report: (message: string) => void,
): T[] | undefined {
  let result: { records: T[]; warnings: string[] };
  try {
    result = read();
  } catch (e) {
    report(`${what} from ${from} could not be read: ${(e as Error).message}`);
    return undefined;
  }
  const w = result.warnings;
  if (w.length > 0)
    report(
      `${what} from ${from}: ${w.length} left out: ${w.slice(0, 5).join('; ')}${w.length > 5 ? '; …' : ''}`,
    );
  return result.records;
}

/** The `env-dispatch` detail that sends someone to a candidate of a trace. */
export function dispatchDetail(
  r: EnvSourceTraceDetail,
  c: EnvTraceCandidate,
): EnvSourceDispatchDetail {
  return {
    kind: 'source-trace',
    sourceId: c.id,
    name: c.name,
    lon: c.lon,
    lat: c.lat,
    stationId: r.stationId,
    pollutant: r.pollutant,
    hoursBefore: c.hoursBefore,
    offsetM: c.offsetM,
  };
}

/** The `env-source-trace` detail of a trace from a point or a station. */
export function traceDetail(
  r: SourceTraceResult,
  from: { lon: number; lat: number; station?: { id: string; name: string } },
  options: { pollutant: string | null; hours: number; corridorM: number },
): EnvSourceTraceDetail {
  const { station } = from;
  return {
    stationId: station?.id ?? null,
    start: {
      lon: from.lon,
      lat: from.lat,
      time: r.time,
      ...(station ? { name: station.name } : {}),
    },
    trajectory: r.trajectory,
    candidates: r.candidates,
    ...options,
  };
}
