import { excerpt } from '../../util/errors.js';
import type { Transport, TransportContext } from '../types.js';
import { requestHeaders, toWebSocketUrl } from './http.js';
import { openMqttSession, type MqttSession } from './mqtt.js';

/** The parts of SensorThings entities the feed reads. */
interface StaObservation {
  '@iot.id': string | number;
  phenomenonTime: string;
  result: unknown;
}
interface StaDatastream {
  '@iot.id': string | number;
  name?: string;
  ObservedProperty?: { name?: string; definition?: string };
  Thing?: {
    '@iot.id': string | number;
    name?: string;
    properties?: Record<string, unknown>;
    Locations?: Array<{ location?: { type?: string; coordinates?: unknown } }>;
  };
  Observations?: StaObservation[];
}

const EXPAND =
  '$expand=Thing($expand=Locations),ObservedProperty,Observations($top=1;$orderby=phenomenonTime desc)';

/** The reading key of an ObservedProperty: `pm25`, `pm10`, `so2`, `no2`, `co`, `o3_1h`, ... */
export function observedPropertyKey(name: string): string {
  const n = name.toLowerCase().replace(/[\s.·_-]/g, '');
  const known: Record<string, string> = {
    pm25: 'pm25',
    pm10: 'pm10',
    so2: 'so2',
    no2: 'no2',
    co: 'co',
    o3: 'o3_1h',
    o31h: 'o3_1h',
    o38h: 'o3_8h',
    aqi: 'aqi',
  };
  return known[n] ?? n;
}

/** MQTT over WebSocket at `/mqtt` on the service's host. */
function defaultMqttUrl(root: string): string {
  const base =
    (globalThis as { location?: { href: string } }).location?.href ?? 'http://localhost/';
  return toWebSocketUrl(new URL('/mqtt', new URL(root, base)).href);
}

/**
 * OGC SensorThings API: Datastreams with their Things, Locations and latest Observations over
 * HTTP, then each Datastream's Observations over MQTT (`v1.1/Datastreams(id)/Observations`).
 * After a reconnection the gap is filled over HTTP with `phenomenonTime gt <last>`. Things become
 * `station.meta`, Observations `station.reading` (one value each).
 */
export function sensorThingsTransport(ctx: TransportContext): Transport {
  const root = ctx.options.url.replace(/\/+$/, '');
  const datastreams = new Map<string, { stationId: string; key: string; last?: string }>();
  let session: MqttSession | undefined;
  let stopped = false;
  let connectedOnce = false;

  async function getJson(url: string): Promise<{ value?: unknown[]; '@iot.nextLink'?: string }> {
    const response = await ctx.fetch(url, {
      headers: requestHeaders(ctx.options, { Accept: 'application/json' }),
      signal: ctx.signal,
    });
    if (!response.ok) throw new Error(`SensorThings HTTP ${response.status} for ${url}`);
    return (await response.json()) as { value?: unknown[] };
  }

  async function getAll<T>(url: string): Promise<T[]> {
    const out: T[] = [];
    let next: string | undefined = url;
    for (let page = 0; next && page < 100; page++) {
      const body: { value?: unknown[]; '@iot.nextLink'?: string } = await getJson(next);
      if (!Array.isArray(body.value))
        throw new Error(`SensorThings response without "value" array: ${next}`);
      out.push(...(body.value as T[]));
      next = body['@iot.nextLink'];
    }
    return out;
  }

  function deliverObservation(datastreamId: string, obs: StaObservation): void {
    const ds = datastreams.get(datastreamId);
    if (!ds || !obs || typeof obs.phenomenonTime !== 'string') {
      ctx.error('SensorThings observation without a known Datastream or phenomenonTime');
      return;
    }
    const time = obs.phenomenonTime.split('/').pop()!;
    const value =
      typeof obs.result === 'number' ? obs.result : obs.result === null ? null : Number(obs.result);
    ctx.deliver({
      type: 'station.reading',
      id: `sta-obs-${String(obs['@iot.id'])}`,
      time,
      source: 'sensorthings',
      data: { stationId: ds.stationId, values: { [ds.key]: value } },
    });
    if (!ds.last || Date.parse(time) > Date.parse(ds.last)) ds.last = time;
  }

  async function bootstrap(): Promise<void> {
    const list = await getAll<StaDatastream>(`${root}/Datastreams?${EXPAND}`);
    const things = new Set<string>();
    for (const ds of list) {
      const thing = ds.Thing;
      if (!thing) continue;
      const stationId = String(thing['@iot.id']);
      const dsId = String(ds['@iot.id']);
      datastreams.set(dsId, {
        stationId,
        key: observedPropertyKey(ds.ObservedProperty?.name ?? ds.name ?? dsId),
        last: datastreams.get(dsId)?.last,
      });
      if (!things.has(stationId)) {
        things.add(stationId);
        const coords = thing.Locations?.[0]?.location?.coordinates;
        const kind = thing.properties?.kind;
        ctx.deliver({
          type: 'station.meta',
          id: `sta-thing-${stationId}`,
          time: new Date().toISOString(),
          source: 'sensorthings',
          data: {
            id: stationId,
            name: thing.name ?? stationId,
            kind: typeof kind === 'string' ? kind : 'national',
            lon: Array.isArray(coords) ? coords[0] : undefined,
            lat: Array.isArray(coords) ? coords[1] : undefined,
          },
        });
      }
      for (const obs of ds.Observations ?? []) deliverObservation(dsId, obs);
    }
  }

  /** Observations each Datastream missed while the MQTT connection was down. */
  async function fillGap(): Promise<void> {
    for (const [dsId, ds] of datastreams) {
      if (!ds.last) continue;
      const filter = encodeURIComponent(`phenomenonTime gt ${ds.last}`);
      const missed = await getAll<StaObservation>(
        `${root}/Datastreams(${dsId})/Observations?$filter=${filter}&$orderby=phenomenonTime asc`,
      );
      for (const obs of missed) deliverObservation(dsId, obs);
    }
  }

  async function start(): Promise<void> {
    try {
      await bootstrap();
    } catch (e) {
      if (stopped || ctx.signal.aborted) return;
      ctx.error(`SensorThings bootstrap failed: ${(e as Error).message}`);
      ctx.retry(() => void start());
      return;
    }
    const topics = [...datastreams.keys()].map((id) => `v1.1/Datastreams(${id})/Observations`);
    session = await openMqttSession(
      { ...ctx, options: { ...ctx.options, url: ctx.options.mqttUrl ?? defaultMqttUrl(root) } },
      topics,
      (topic, payload) => {
        const m = /Datastreams\(([^)]+)\)\/Observations$/.exec(topic);
        let obs: StaObservation;
        try {
          obs = JSON.parse(payload) as StaObservation;
        } catch {
          ctx.error('SensorThings MQTT payload is not JSON', excerpt(payload));
          return;
        }
        if (m) deliverObservation(m[1].replace(/^'|'$/g, ''), obs);
      },
      () => {
        if (connectedOnce)
          fillGap().catch((e: Error) => ctx.error(`SensorThings gap fill failed: ${e.message}`));
        connectedOnce = true;
      },
    );
    if (stopped) session.end();
  }

  return {
    start: () => void start(),
    stop: () => {
      stopped = true;
      session?.end();
    },
  };
}
