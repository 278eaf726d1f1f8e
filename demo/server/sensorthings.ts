// A small OGC SensorThings API (v1.1) view of the simulated stations: Things with Locations,
// one Datastream per station and pollutant, Observations over HTTP and MQTT
// (`v1.1/Datastreams(id)/Observations`). Enough for the feed client's SensorThings transport:
// `$expand`, `$top`, `$orderby=phenomenonTime`, `$filter=phenomenonTime gt <time>`, nextLink paging.
import type { ServerResponse } from 'node:http';
import type { Envelope, StationMeta, StationReading } from '../../src/index.js';

interface Observation {
  '@iot.id': number;
  phenomenonTime: string;
  result: number | null;
}
interface Datastream {
  id: number;
  station: StationMeta;
  property: string;
  observations: Observation[];
}

const PROPERTY_NAMES: Record<string, string> = {
  pm25: 'PM2.5',
  pm10: 'PM10',
  so2: 'SO2',
  no2: 'NO2',
  co: 'CO',
  o3_1h: 'O3',
  o3_8h: 'O3_8h',
};
const KEEP = 200;
const PAGE = 100;

export class SensorThingsService {
  private readonly datastreams = new Map<number, Datastream>();
  private readonly byKey = new Map<string, Datastream>();
  private readonly stations = new Map<string, StationMeta>();
  private nextObservation = 1;

  constructor(
    /** Publishes an observation on MQTT. */
    private readonly mqttPublish: (topic: string, payload: string) => void = () => {},
  ) {}

  /** Takes station.meta and station.reading messages from the simulator. */
  ingest(envelopes: Envelope[]): void {
    for (const e of envelopes) {
      if (e.type === 'station.meta') {
        const s = e.data as StationMeta;
        this.stations.set(s.id, s);
      } else if (e.type === 'station.reading') {
        const r = e.data as StationReading;
        const station = this.stations.get(r.stationId);
        if (!station) continue;
        for (const [property, value] of Object.entries(r.values)) {
          if (!(property in PROPERTY_NAMES)) continue;
          const key = `${station.id}/${property}`;
          let ds = this.byKey.get(key);
          if (!ds) {
            ds = { id: this.datastreams.size + 1, station, property, observations: [] };
            this.datastreams.set(ds.id, ds);
            this.byKey.set(key, ds);
          }
          const obs: Observation = {
            '@iot.id': this.nextObservation++,
            phenomenonTime: e.time,
            result: value,
          };
          ds.observations.push(obs);
          if (ds.observations.length > KEEP) ds.observations.shift();
          this.mqttPublish(`v1.1/Datastreams(${ds.id})/Observations`, JSON.stringify(obs));
        }
      }
    }
  }

  private datastreamJson(ds: Datastream, base: string, expand: boolean) {
    const json: Record<string, unknown> = {
      '@iot.id': ds.id,
      '@iot.selfLink': `${base}/Datastreams(${ds.id})`,
      name: `${ds.station.name} ${PROPERTY_NAMES[ds.property]}`,
      unitOfMeasurement: {
        name: ds.property === 'co' ? 'mg/m3' : 'ug/m3',
        symbol: ds.property === 'co' ? 'mg/m³' : 'µg/m³',
      },
    };
    if (expand) {
      json.Thing = {
        '@iot.id': ds.station.id,
        name: ds.station.name,
        properties: { kind: ds.station.kind, simulated: ds.station.simulated ?? false },
        Locations: [{ location: { type: 'Point', coordinates: [ds.station.lon, ds.station.lat] } }],
      };
      json.ObservedProperty = { name: PROPERTY_NAMES[ds.property] };
      const latest = ds.observations[ds.observations.length - 1];
      json.Observations = latest ? [latest] : [];
    }
    return json;
  }

  /** Handles `/sta/v1.1/...`; returns false when the path is not one of its own. */
  handle(res: ServerResponse, url: URL, prefix = '/sta/v1.1'): boolean {
    if (!url.pathname.startsWith(prefix)) return false;
    const path = url.pathname.slice(prefix.length);
    const base = `${url.origin}${prefix}`;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      res.end(JSON.stringify(body));
    };
    const skip = Math.max(0, Number(url.searchParams.get('$skip') ?? 0) || 0);
    const nextLink = (n: number) => {
      const u = new URL(url.href);
      u.searchParams.set('$skip', String(n));
      return u.href;
    };
    const page = <T>(items: T[]) => ({
      value: items.slice(skip, skip + PAGE),
      ...(skip + PAGE < items.length ? { '@iot.nextLink': nextLink(skip + PAGE) } : {}),
    });
    if (path === '/Datastreams') {
      const expand = (url.searchParams.get('$expand') ?? '').includes('Thing');
      const all = [...this.datastreams.values()].map((ds) => this.datastreamJson(ds, base, expand));
      send(200, page(all));
      return true;
    }
    const m = /^\/Datastreams\((\d+)\)\/Observations$/.exec(path);
    if (m) {
      const ds = this.datastreams.get(Number(m[1]));
      if (!ds) {
        send(404, { message: `Datastream ${m[1]} not found` });
        return true;
      }
      let list = ds.observations.slice();
      const filter = url.searchParams.get('$filter');
      if (filter) {
        const f = /^phenomenonTime gt (.+)$/.exec(filter.trim());
        const t = f ? Date.parse(f[1]) : NaN;
        if (Number.isNaN(t)) {
          send(400, { message: `unsupported $filter: ${filter.slice(0, 80)}` });
          return true;
        }
        list = list.filter((o) => Date.parse(o.phenomenonTime) > t);
      }
      if ((url.searchParams.get('$orderby') ?? '').includes('desc')) list.reverse();
      send(200, page(list));
      return true;
    }
    send(404, { message: `not found: ${path.slice(0, 80)}` });
    return true;
  }
}
