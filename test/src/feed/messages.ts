// Valid feed messages of every type, for tests and benchmarks.
import type { Envelope } from '../../../src/index.js';

let counter = 0;
export const nextId = () => `m${++counter}`;

export const SAMPLE_DATA: Record<string, unknown> = {
  'station.meta': {
    id: '1718A',
    name: '市气象局',
    kind: 'national',
    lon: 115.42277,
    lat: 35.248889,
    city: '菏泽市',
  },
  'station.reading': {
    stationId: '1718A',
    period: 'hour',
    values: { pm25: 55, pm10: 74, so2: 7, no2: 19, co: 1.5, o3_1h: 127, o3_8h: null },
  },
  'radar.scan': {
    radarId: 'R1',
    lon: 115.48,
    lat: 35.23,
    azimuthStart: 0,
    azimuthStep: 90,
    rays: 4,
    rangeStartM: 0,
    gateM: 30,
    gates: 1,
    encoding: 'float32',
    data: 'AACAPwAAAEAAAEBAAACAQA==',
  },
  'radar.hotspot': {
    id: 'H1',
    radarId: 'R1',
    lon: 115.47,
    lat: 35.22,
    intensity: 180,
    start: '2026-11-25T10:30:00+08:00',
    end: '2026-11-25T11:30:00+08:00',
    description: '东方红西街与贵阳路交叉口以南',
  },
  'camera.meta': {
    id: 'C1',
    name: '1号塔',
    lon: 119.4,
    lat: 35.4,
    heightM: 40,
    rangeM: 3000,
    heading: 90,
    fov: 60,
  },
  'camera.alarm': { id: 'A1', cameraId: 'C1', kind: 'fire', bearing: 123.5, confidence: 0.92 },
  'drone.position': { droneId: 'D1', lon: 115.0, lat: 27.1, altM: 120, heading: 45, speedMs: 8 },
  'drone.mission': {
    id: 'M1',
    droneId: 'D1',
    status: 'active',
    route: [
      [115.0, 27.1],
      [115.01, 27.12],
    ],
  },
  'river.section': {
    id: 'S1',
    name: '东鱼河 入境',
    lon: 115.6,
    lat: 34.9,
    values: { cod: 18, nh3n: 0.8 },
    flowMs: 0.4,
    waterClass: 'III',
  },
  'power.reading': {
    enterpriseId: 'E1',
    meterId: 'SB1',
    role: 'treatment',
    powerKw: 12.5,
    running: true,
  },
  'clue.update': {
    id: 'X1',
    title: '露天焚烧线索',
    status: 'assigned',
    deadline: '2026-11-26T18:00:00+08:00',
  },
  incident: {
    id: 'I1',
    kind: 'chemical-spill',
    lon: 114.5,
    lat: 36.6,
    severity: 'high',
    radiusM: 3000,
  },
};

export function message(type: string, data = SAMPLE_DATA[type], id = nextId()): Envelope {
  return { type, id, time: '2026-11-25T08:00:00+08:00', source: 'test', data };
}

/** A station reading with a given id and station, as JSON text. */
export function readingText(i: number, stationId = `S${i % 200}`): string {
  return JSON.stringify({
    type: 'station.reading',
    id: `r${i}`,
    time: new Date(Date.UTC(2026, 10, 25, 0, 0, 0) + i * 1000).toISOString(),
    data: {
      stationId,
      values: { pm25: (i * 7) % 300, pm10: (i * 11) % 500, so2: 8, no2: 30, co: 0.9, o3_1h: 60 },
    },
  });
}
