// A simulated Heze (菏泽) for the demo: every feed type, plausible values, labelled as simulated.
// The three national stations and their 2018-02-20 07:00 values are real (CNEMC); everything
// else (township and dust stations, cameras, drones, river sections, enterprises, clues,
// incidents, radar) is invented and inside the real city boundary.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Envelope } from '../../../src/index.js';
import { inRing, seededRandom } from './random.js';
import { envelopeMaker } from './envelope.js';
import { CAMERAS, DRONES, ENTERPRISES, NATIONAL_BASE, SECTIONS, TOWNS } from './heze-places.js';
import { occasionalEvents } from './events.js';
import { LidarSimulator } from './lidar.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

interface Station {
  id: string;
  name: string;
  kind: 'national' | 'township' | 'dust';
  lon: number;
  lat: number;
  base: Record<string, number>;
}

function hezeRing(): number[][] {
  const data = JSON.parse(readFileSync(`${root}/layers/basemap/data/basemap.geojson`, 'utf8')) as {
    features: Array<{
      properties: { name?: string; kind: string };
      geometry: { type: string; coordinates: number[][][] };
    }>;
  };
  const heze = data.features.find(
    (f) => f.properties.kind === 'city' && f.properties.name === '菏泽市',
  );
  if (!heze || heze.geometry.type !== 'Polygon')
    throw new Error('Heze boundary not found in the base map data');
  return heze.geometry.coordinates[0];
}

/** The station whose PM2.5 rises now and then (市政协), and the steps of one cycle. */
const SURGE_STATION = '1719A';
const SURGE_CYCLE = 200;

/** How many times its usual PM2.5 the surge station reads at step `k`: 1, rising to 3.5 and back. */
function surge(k: number): number {
  const i = k % SURGE_CYCLE;
  const rise = Math.min(1, Math.max(0, (i - 20) / 20)) * Math.min(1, Math.max(0, (150 - i) / 20));
  return 1 + 2.5 * rise;
}

/**
 * A simulated wind over the city: from the south-east, veering slowly between about 110° and
 * 160° over hours, 1.5-3.5 m/s, a little different at each station (from its position, so that
 * the other simulated values keep their random sequence).
 */
function simulatedWind(now: Date, s: { lon: number; lat: number }) {
  const h = now.getTime() / 3_600_000;
  const local = Math.sin(s.lon * 97 + s.lat * 61);
  const dir = 135 + 22 * Math.sin((2 * Math.PI * h) / 7) + 4 * local;
  const speed = 2.5 + 0.8 * Math.sin((2 * Math.PI * h) / 5 + 1) + 0.2 * local;
  return {
    windDirDeg: Math.round(((dir + 360) % 360) * 10) / 10,
    windSpeedMs: Math.round(Math.min(3.5, Math.max(1.5, speed)) * 10) / 10,
  };
}

export interface SimulatorOptions {
  seed?: number;
  townships?: number;
  dustPoints?: number;
}

/** Generates the Heze scenario message by message. */
export class HezeSimulator {
  private readonly random: () => number;
  private readonly stations: Station[] = [];
  private readonly ring = hezeRing();
  private readonly envelope = envelopeMaker('sim');
  private step = 0;
  private readonly lidar = new LidarSimulator();

  constructor(options: SimulatorOptions = {}) {
    this.random = seededRandom(options.seed ?? 371700);
    const national = JSON.parse(readFileSync(`${root}/demo/data/heze-stations.json`, 'utf8')) as {
      features: Array<{
        properties: { name: string; code: string };
        geometry: { coordinates: [number, number] };
      }>;
    };
    for (const f of national.features) {
      const [lon, lat] = f.geometry.coordinates;
      this.stations.push({
        id: f.properties.code,
        name: f.properties.name,
        kind: 'national',
        lon,
        lat,
        base: NATIONAL_BASE[f.properties.code],
      });
    }
    const add = (kind: 'township' | 'dust', n: number) => {
      for (let i = 0; i < n; i++) {
        const [lon, lat] = this.pointInCity();
        const scale = 0.7 + this.random() * 0.8;
        this.stations.push({
          id: `${kind === 'township' ? 'TS' : 'DS'}-${String(i + 1).padStart(3, '0')}`,
          name:
            kind === 'township'
              ? `${TOWNS[i % TOWNS.length]}${i >= TOWNS.length ? i : ''}乡镇站`
              : `道路扬尘点 ${i + 1}`,
          kind,
          lon,
          lat,
          base: {
            pm25: 55 * scale,
            pm10: (kind === 'dust' ? 110 : 80) * scale,
            so2: 8 * scale,
            no2: 22 * scale,
            co: 1.2 * scale,
            o3_1h: 110 * scale,
            o3_8h: 70 * scale,
          },
        });
      }
    };
    add('township', options.townships ?? 40);
    add('dust', options.dustPoints ?? 20);
  }

  private pointInCity(): [number, number] {
    for (;;) {
      const lon = 114.83 + this.random() * (116.41 - 114.83);
      const lat = 34.56 + this.random() * (35.87 - 34.56);
      if (inRing(lon, lat, this.ring))
        return [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5];
    }
  }

  /** Messages that describe the scene (stations, cameras, sections): sent first and on request. */
  metadata(now = new Date()): Envelope[] {
    return [
      ...this.stations.map((s) =>
        this.envelope(
          'station.meta',
          {
            id: s.id,
            name: s.name,
            kind: s.kind,
            lon: s.lon,
            lat: s.lat,
            city: '菏泽市',
            simulated: s.kind !== 'national',
          },
          now,
        ),
      ),
      ...CAMERAS.map((c) =>
        this.envelope('camera.meta', { ...c, heightM: 40, rangeM: 3000, fov: 60 }, now),
      ),
    ];
  }

  private jitter(v: number, spread = 0.15): number {
    return Math.max(0, Math.round(v * (1 + (this.random() - 0.5) * 2 * spread) * 10) / 10);
  }

  /** One simulation step (the demo runs one every few seconds): readings, positions, events. */
  tick(now = new Date()): Envelope[] {
    const out: Envelope[] = [];
    const k = this.step++;
    // Daily cycle peaking at 06:00 UTC (14:00 Beijing time).
    const diurnal = 1 + 0.3 * Math.sin(now.getUTCHours() * (Math.PI / 12));
    for (const s of this.stations) {
      const values: Record<string, number> = {};
      for (const [key, v] of Object.entries(s.base))
        values[key] = this.jitter(key === 'co' ? v : v * diurnal);
      values.co = Math.round(values.co * 10) / 10;
      if (s.id === SURGE_STATION) {
        // The simulated exceedance: PM2.5 (and PM10) at 市政协 rise well above the other
        // stations for a stretch, carried on the wind from 模拟企业 01 upwind (SIM-ENT-01 in
        // demo/data/heze-sources.json).
        const f = surge(k);
        values.pm25 = Math.round(values.pm25 * f * 10) / 10;
        values.pm10 = Math.round(values.pm10 * (1 + (f - 1) * 0.6) * 10) / 10;
      }
      out.push(
        this.envelope(
          'station.reading',
          { stationId: s.id, period: 'realtime', values, ...simulatedWind(now, s) },
          now,
        ),
      );
    }
    for (const d of DRONES) {
      const t = (k % 40) / 40;
      const seg = Math.floor(t * d.route.length);
      const a = d.route[seg];
      const b = d.route[(seg + 1) % d.route.length];
      const f = t * d.route.length - seg;
      out.push(
        this.envelope(
          'drone.position',
          {
            droneId: d.id,
            kind: 'drone',
            name: `菏泽模拟无人机 ${d.id.slice(-1)}`,
            simulated: true,
            lon: a[0] + (b[0] - a[0]) * f,
            lat: a[1] + (b[1] - a[1]) * f,
            altM: 120,
            heading: ((Math.atan2(b[0] - a[0], b[1] - a[1]) * 180) / Math.PI + 360) % 360,
            speedMs: 8,
            missionId: `${d.id}-M1`,
          },
          now,
        ),
      );
      if (k % 40 === 0)
        out.push(
          this.envelope(
            'drone.mission',
            { id: `${d.id}-M1`, droneId: d.id, name: '大气巡查', status: 'active', route: d.route },
            now,
          ),
        );
    }
    for (const s of SECTIONS) {
      out.push(
        this.envelope(
          'river.section',
          {
            ...s,
            values: {
              cod: this.jitter(18),
              nh3n: this.jitter(0.8),
              tp: this.jitter(0.15),
              do: this.jitter(6.2),
            },
            flowMs: this.jitter(0.4),
          },
          now,
        ),
      );
    }
    for (const [i, e] of ENTERPRISES.entries()) {
      const treatmentOff = i === 2 && k % 30 >= 20; // EN-003 switches its treatment off now and then
      out.push(
        this.envelope(
          'power.reading',
          {
            enterpriseId: e,
            meterId: 'PROD',
            role: 'production',
            powerKw: this.jitter(420 + i * 80),
            running: true,
          },
          now,
        ),
      );
      out.push(
        this.envelope(
          'power.reading',
          {
            enterpriseId: e,
            meterId: 'SB1',
            role: 'treatment',
            powerKw: treatmentOff ? 0.4 : this.jitter(85 + i * 10),
            running: !treatmentOff,
          },
          now,
        ),
      );
    }
    for (const [type, data] of occasionalEvents(k, now, this.random, () => this.pointInCity()))
      out.push(this.envelope(type, data, now));
    if (k % 10 === 0) {
      // The lidar sweeps; hotspots still in its latest scan go out (the platform's detection).
      const { scan, hotspots } = this.lidar.sweep(now);
      out.push(this.envelope('radar.scan', scan, now));
      for (const h of hotspots) {
        if (h.end !== now.getTime()) continue;
        out.push(
          this.envelope(
            'radar.hotspot',
            {
              id: h.id,
              radarId: h.radarId,
              lon: Math.round(h.lon * 1e6) / 1e6,
              lat: Math.round(h.lat * 1e6) / 1e6,
              polygon: h.polygon.map(([lon, lat]) => [
                Math.round(lon * 1e6) / 1e6,
                Math.round(lat * 1e6) / 1e6,
              ]),
              pollutant: 'extinction',
              intensity: Math.round(h.peak * 1000) / 1000,
              start: new Date(h.start).toISOString(),
              end: new Date(h.end).toISOString(),
              description: `雷达扫描发现污染热点（模拟），${h.scans} 次扫描，面积约 ${Math.round(h.areaM2 / 1000) * 1000} m²`,
            },
            now,
          ),
        );
      }
    }
    return out;
  }
}
