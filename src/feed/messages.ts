import {
  array,
  bool,
  id,
  isoTime,
  lat,
  lon,
  lonLat,
  nullable,
  num,
  object,
  oneOf,
  optional,
  record,
  str,
  type Infer,
  type Validator,
} from './schema.js';

/**
 * The data of every feed message type the kit knows. Each schema is both the runtime check and
 * (through `Infer`) the TypeScript type. Concentrations are µg/m³ (CO mg/m³), water values mg/L,
 * distances metres, angles degrees clockwise from north, power kW.
 */
const values = record(nullable(num()));
const flags = optional(record(str(8)));

export const MESSAGE_SCHEMAS = {
  'station.meta': object({
    id: id(),
    name: str(200),
    kind: oneOf('national', 'provincial', 'township', 'dust', 'water', 'source'),
    lon,
    lat,
    city: optional(str(100)),
    district: optional(str(100)),
    simulated: optional(bool),
  }),
  'station.reading': object({
    stationId: id(),
    /** `hour`, `day` or `realtime` (minute) means. */
    period: optional(oneOf('realtime', 'hour', 'day')),
    values,
    flags,
  }),
  'radar.scan': object({
    radarId: id(),
    center: lonLat,
    rangeM: num(0, 100_000),
    start: isoTime,
    end: isoTime,
    pollutant: optional(str(32)),
    /** A raster of the scan (GeoTIFF URL), if any. */
    imageUrl: optional(str(2048)),
  }),
  'radar.hotspot': object({
    id: id(),
    radarId: optional(id()),
    lon,
    lat,
    polygon: optional(array(lonLat, 2000)),
    pollutant: optional(str(32)),
    intensity: num(0, 1e6),
    start: isoTime,
    end: isoTime,
    description: optional(str(500)),
  }),
  'camera.meta': object({
    id: id(),
    name: str(200),
    lon,
    lat,
    heightM: num(0, 1000),
    rangeM: num(0, 100_000),
    heading: optional(num(0, 360)),
    fov: optional(num(0, 360)),
  }),
  'camera.alarm': object({
    id: id(),
    cameraId: id(),
    kind: oneOf('fire', 'smoke'),
    bearing: num(0, 360),
    confidence: num(0, 1),
    snapshotUrl: optional(str(2048)),
  }),
  'drone.position': object({
    droneId: id(),
    /** `drone` (default), `boat` (unmanned surface vessel) or `vehicle`. */
    kind: optional(oneOf('drone', 'boat', 'vehicle')),
    name: optional(str(200)),
    lon,
    lat,
    altM: optional(num(-500, 20_000)),
    heading: optional(num(0, 360)),
    speedMs: optional(num(0, 200)),
    /** Battery charge, percent. */
    batteryPct: optional(num(0, 100)),
    missionId: optional(id()),
    /** A water sample taken here (boats): values as in `river.section`, mg/L. */
    sample: optional(values),
    simulated: optional(bool),
  }),
  'drone.mission': object({
    id: id(),
    droneId: id(),
    name: optional(str(200)),
    status: oneOf('planned', 'active', 'done', 'aborted'),
    route: optional(array(lonLat, 5000)),
    /** The patrol area the vehicle must stay in (outer ring, lon/lat). */
    area: optional(array(lonLat, 5000)),
    /** Metres a boat may stray from its route (the river) before it counts as leaving it. */
    corridorM: optional(num(0, 100_000)),
  }),
  'river.section': object({
    id: id(),
    name: str(200),
    river: optional(str(200)),
    lon,
    lat,
    values,
    flowMs: optional(num(0, 50)),
    waterClass: optional(oneOf('I', 'II', 'III', 'IV', 'V', '劣V')),
  }),
  'power.reading': object({
    enterpriseId: id(),
    meterId: id(),
    role: oneOf('production', 'treatment'),
    powerKw: num(0, 1e7),
    running: optional(bool),
  }),
  'clue.update': object({
    id: id(),
    title: str(500),
    status: oneOf('discovered', 'assigned', 'in-progress', 'feedback', 'closed'),
    deadline: optional(isoTime),
    lon: optional(lon),
    lat: optional(lat),
    assignee: optional(str(200)),
  }),
  incident: object({
    id: id(),
    kind: str(64),
    lon,
    lat,
    severity: oneOf('low', 'medium', 'high', 'critical'),
    radiusM: optional(num(0, 100_000)),
    description: optional(str(1000)),
  }),
} as const satisfies Record<string, Validator<unknown>>;

export type MessageType = keyof typeof MESSAGE_SCHEMAS;
export type MessageData<K extends MessageType> = Infer<(typeof MESSAGE_SCHEMAS)[K]>;
export type StationMeta = MessageData<'station.meta'>;
export type StationReading = MessageData<'station.reading'>;
export type RadarScan = MessageData<'radar.scan'>;
export type RadarHotspot = MessageData<'radar.hotspot'>;
export type CameraMeta = MessageData<'camera.meta'>;
export type CameraAlarm = MessageData<'camera.alarm'>;
export type DronePosition = MessageData<'drone.position'>;
export type DroneMission = MessageData<'drone.mission'>;
export type RiverSection = MessageData<'river.section'>;
export type PowerReading = MessageData<'power.reading'>;
export type ClueUpdate = MessageData<'clue.update'>;
export type Incident = MessageData<'incident'>;

export const MESSAGE_TYPES = Object.freeze(Object.keys(MESSAGE_SCHEMAS)) as readonly MessageType[];

export function isMessageType(type: string): type is MessageType {
  return Object.prototype.hasOwnProperty.call(MESSAGE_SCHEMAS, type);
}

/** The entity a message is about: the key of its latest value and history in a store. */
export function entityKey(type: string, data: unknown): string {
  const d = data as Record<string, unknown>;
  switch (type) {
    case 'station.reading':
      return String(d.stationId);
    case 'radar.scan':
      return String(d.radarId);
    case 'drone.position':
      return String(d.droneId);
    case 'power.reading':
      return `${String(d.enterpriseId)}/${String(d.meterId)}`;
    case 'camera.alarm':
      return String(d.cameraId);
    default:
      return d && typeof d === 'object' && 'id' in d ? String(d.id) : '';
  }
}
