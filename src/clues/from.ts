// Cases from the other layers' events: a camera's fire alarm, a radar hotspot, a power anomaly,
// a station's exceedance. Each makes the `discovered` update of one case whose id and update id
// come from the event, so that the same event twice makes one case (the second is refused as
// applied before).

import type { PowerAnomaly } from '../enterprises/index.js';
import type { ZoneIndex } from '../zones/index.js';
import type { ClueUpdate } from './board.js';

export interface ClueFromOptions {
  /** Finds the zone of the position (the deepest zone holding it). */
  zones?: ZoneIndex;
  /** A link to the evidence (snapshot, scan, chart). */
  evidence?: string;
  /** Department responsible, when known at discovery. */
  department?: string;
  /** Deadline for dispatching the case: hours after the event. */
  deadlineH?: number;
  /** Who raised it (default: the kit's layer). */
  by?: string;
  /** Title instead of the one made from the event. */
  title?: string;
  /** Note instead of the one made from the event (the message sent to a team, say). */
  note?: string;
}

const toMs = (t: number | string): number => (typeof t === 'number' ? t : Date.parse(t));

function discovered(
  id: string,
  time: number | string,
  position: { lon: number; lat: number } | undefined,
  source: string,
  title: string,
  options: ClueFromOptions,
  note?: string,
): ClueUpdate {
  const t = toMs(time);
  const u: ClueUpdate = {
    updateId: `${id}#discovered`,
    id,
    status: 'discovered',
    time: t,
    source,
    title: options.title ?? title,
    by: options.by ?? source,
  };
  if (options.note ?? note) u.note = options.note ?? note;
  if (position && Number.isFinite(position.lon) && Number.isFinite(position.lat)) {
    u.lon = position.lon;
    u.lat = position.lat;
    const zone = options.zones?.locate(position.lon, position.lat);
    if (zone) u.zone = zone.id;
  }
  if (options.evidence) u.evidence = options.evidence;
  if (options.department) u.department = options.department;
  if (options.deadlineH !== undefined && Number.isFinite(t))
    u.deadline = t + options.deadlineH * 3_600_000;
  return u;
}

/** A camera's fire or smoke alarm, placed at the located fire or, without one, the camera. */
export function clueFromAlarm(
  alarm: {
    id: string;
    cameraId: string;
    kind: string;
    time: number | string;
    confidence?: number;
    snapshotUrl?: string;
  },
  at: { lon: number; lat: number; name?: string } | undefined,
  options: ClueFromOptions = {},
): ClueUpdate {
  const what = alarm.kind === 'smoke' ? '烟雾报警' : '火情报警';
  const where = at?.name ?? alarm.cameraId;
  const confidence =
    typeof alarm.confidence === 'number'
      ? `置信度 ${Math.round(alarm.confidence * 100)}%`
      : undefined;
  return discovered(
    `alarm:${alarm.id}`,
    alarm.time,
    at,
    'camera',
    `${where} ${what}`,
    { evidence: alarm.snapshotUrl, ...options },
    confidence,
  );
}

/** A radar pollution hotspot (its window and peak in the note). */
export function clueFromHotspot(
  hotspot: {
    id: string;
    radarId: string;
    lon: number;
    lat: number;
    peak?: number;
    start: number;
    end: number;
    pollutant?: string;
  },
  options: ClueFromOptions = {},
): ClueUpdate {
  const hhmm = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(11, 16); // Beijing time
  return discovered(
    `hotspot:${hotspot.id}`,
    hotspot.end,
    hotspot,
    'radar',
    `雷达污染热点 ${hhmm(hotspot.start)}-${hhmm(hotspot.end)}`,
    options,
    hotspot.peak === undefined
      ? hotspot.pollutant
      : `${hotspot.pollutant ?? ''} 峰值 ${Math.round(hotspot.peak * 10) / 10}`.trim(),
  );
}

const ANOMALY_TITLES: Record<PowerAnomaly['kind'], string> = {
  'treatment-off': '治污设施停运',
  'restricted-production': '限产期间超限生产',
  'unmetered-load': '未计量负荷',
  'no-data': '电表数据中断',
};

/** A power anomaly of an enterprise (one case per enterprise, kind and start). */
export function clueFromAnomaly(
  anomaly: PowerAnomaly,
  enterprise: { name?: string; lon: number; lat: number } | undefined,
  options: ClueFromOptions = {},
): ClueUpdate {
  return discovered(
    `power:${anomaly.enterpriseId}:${anomaly.kind}:${anomaly.start}`,
    anomaly.end,
    enterprise,
    'power',
    `${enterprise?.name ?? anomaly.enterpriseId}：${ANOMALY_TITLES[anomaly.kind] ?? anomaly.kind}`,
    options,
    anomaly.meterIds.length ? `电表 ${anomaly.meterIds.join('、')}` : undefined,
  );
}

/**
 * A station's exceedance (one case per station, pollutant and hour: an exceedance that lasts
 * is one case).
 */
export function clueFromExceedance(
  exceedance: {
    stationId: string;
    name?: string;
    lon: number;
    lat: number;
    pollutant: string;
    value: number;
    limit?: number;
    time: number | string;
  },
  options: ClueFromOptions = {},
): ClueUpdate {
  const t = toMs(exceedance.time);
  const hour = Number.isFinite(t) ? Math.floor(t / 3_600_000) : String(exceedance.time);
  const times =
    exceedance.limit && exceedance.limit > 0
      ? `，超标 ${Math.round((exceedance.value / exceedance.limit - 1) * 100) / 100} 倍`
      : '';
  return discovered(
    `exceedance:${exceedance.stationId}:${exceedance.pollutant}:${hour}`,
    exceedance.time,
    exceedance,
    'online-monitoring',
    `${exceedance.name ?? exceedance.stationId} ${exceedance.pollutant} 超标`,
    options,
    `${exceedance.pollutant} ${exceedance.value}${times}`,
  );
}

/**
 * A source found by tracing a station's air back upwind (one case per station, source and hour
 * of the trace).
 */
export function clueFromTrace(
  trace: {
    stationId: string | null;
    sourceId: string;
    name: string;
    lon: number;
    lat: number;
    pollutant?: string | null;
    hoursBefore: number;
    offsetM?: number;
    time: number | string;
  },
  options: ClueFromOptions = {},
): ClueUpdate {
  const t = toMs(trace.time);
  const hour = Number.isFinite(t) ? Math.floor(t / 3_600_000) : String(trace.time);
  const hours = Math.round(trace.hoursBefore * 10) / 10;
  return discovered(
    `trace:${trace.stationId ?? 'point'}:${trace.sourceId}:${hour}`,
    trace.time,
    trace,
    'source-trace',
    `溯源疑似来源：${trace.name}`,
    options,
    `${trace.stationId ? `站点 ${trace.stationId} ` : ''}${trace.pollutant ? `${trace.pollutant} ` : ''}约 ${hours} 小时前气团经过${trace.offsetM !== undefined ? `，距轨迹 ${Math.round(trace.offsetM)} 米` : ''}`,
  );
}
