import {
  SchemaError,
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

const int =
  (min: number, max: number): Validator<number> =>
  (v, path = '') => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      throw new SchemaError(path, `an integer in [${min}, ${max}]`);
    return v;
  };

/** Limits of one radar scan: rays, cells (rays x gates) and metres to the far edge. */
export const RADAR_SCAN_LIMITS = Object.freeze({
  rays: 100_000,
  cells: 1 << 24,
  rangeM: 1_000_000,
});

const radarScanFields = object({
  radarId: id(),
  /** Where the radar stands. */
  lon,
  lat,
  /** When the scan was taken; the envelope's time when absent. */
  time: optional(isoTime),
  /** Degrees clockwise from north, one per ray; or azimuthStart + azimuthStep + rays. */
  azimuths: optional(array(num(-360, 720), RADAR_SCAN_LIMITS.rays)),
  azimuthStart: optional(num(-360, 720)),
  azimuthStep: optional(num(-360, 360)),
  rays: optional(int(1, RADAR_SCAN_LIMITS.rays)),
  /** Distance of the first gate's near edge, metres; gate length, metres; gates per ray. */
  rangeStartM: num(0, RADAR_SCAN_LIMITS.rangeM),
  gateM: num(0, RADAR_SCAN_LIMITS.rangeM),
  gates: int(1, RADAR_SCAN_LIMITS.cells),
  quantity: optional(str(64)),
  unit: optional(str(32)),
  /**
   * The values, ray after ray: little-endian `float32`, or `uint16` meaning raw x scale + offset
   * (defaults 1 and 0). `noData`: the value (float32) or raw value (uint16) that means none.
   */
  encoding: oneOf('float32', 'uint16'),
  scale: optional(num()),
  offset: optional(num()),
  noData: optional(num()),
  /** The binary as base64 text, or where to fetch it: exactly one of the two. */
  data: optional(str(Math.ceil((RADAR_SCAN_LIMITS.cells * 4) / 3) + 4)),
  url: optional(str(2048)),
});

type RadarScanFields = ReturnType<typeof radarScanFields>;

/** Base64 lengths (padded, unpadded) of `bytes` bytes. */
const base64Lengths = (bytes: number): [number, number] => [
  Math.ceil(bytes / 3) * 4,
  Math.floor(bytes / 3) * 4 + (bytes % 3 === 0 ? 0 : (bytes % 3) + 1),
];

/** The fields of a radar scan, and how they must agree with each other. */
const radarScan: Validator<RadarScanFields> = (v, path = '') => {
  const d = radarScanFields(v, path);
  const fail = (field: string, expected: string): never => {
    throw new SchemaError(field, expected).within(path);
  };
  let rays: number;
  if (d.azimuths !== undefined) {
    if (d.azimuthStart !== undefined || d.azimuthStep !== undefined)
      fail('azimuthStart', 'no azimuthStart or azimuthStep when azimuths are given');
    if (d.azimuths.length === 0) fail('azimuths', 'at least one azimuth');
    if (d.rays !== undefined && d.rays !== d.azimuths.length)
      fail('rays', `azimuths.length (${d.azimuths.length})`);
    rays = d.azimuths.length;
  } else {
    if (d.azimuthStart === undefined) fail('azimuthStart', 'a number (or azimuths)');
    if (d.azimuthStep === undefined) fail('azimuthStep', 'a number (or azimuths)');
    if (d.rays === undefined) fail('rays', 'an integer (or azimuths)');
    rays = d.rays!;
  }
  if (d.gateM <= 0) fail('gateM', 'a length above 0 metres');
  if (rays * d.gates > RADAR_SCAN_LIMITS.cells)
    fail('gates', `at most ${RADAR_SCAN_LIMITS.cells} cells (rays x gates) in all`);
  if (d.rangeStartM + d.gates * d.gateM > RADAR_SCAN_LIMITS.rangeM)
    fail('gates', `rangeStartM + gates x gateM at most ${RADAR_SCAN_LIMITS.rangeM} m`);
  if (d.encoding === 'uint16') {
    if (
      d.noData !== undefined &&
      !(Number.isInteger(d.noData) && d.noData >= 0 && d.noData <= 65535)
    )
      fail('noData', 'a raw uint16 value (an integer in [0, 65535])');
    if (d.scale === 0) fail('scale', 'a number other than 0');
  } else {
    if (d.scale !== undefined) fail('scale', 'nothing with encoding float32');
    if (d.offset !== undefined) fail('offset', 'nothing with encoding float32');
  }
  if ((d.data === undefined) === (d.url === undefined)) fail('data', 'exactly one of data and url');
  if (d.data !== undefined) {
    const [padded, unpadded] = base64Lengths(rays * d.gates * (d.encoding === 'uint16' ? 2 : 4));
    if (d.data.length !== padded && d.data.length !== unpadded)
      fail(
        'data',
        `${padded} base64 characters (${rays} x ${d.gates} ${d.encoding} values), got ${d.data.length}`,
      );
  }
  return d;
};

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
    /** The wind measured at the station: where it blows from (° clockwise from north), m/s. */
    windDirDeg: optional(num(0, 360)),
    windSpeedMs: optional(num(0, 100)),
  }),
  'radar.scan': radarScan,
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
    /** A lake or reservoir section is classed by the lake TP limits and by TN. */
    waterBody: optional(oneOf('river', 'lake')),
    /** The class the section must meet. */
    targetClass: optional(oneOf('I', 'II', 'III', 'IV', 'V')),
  }),
  'power.reading': object({
    enterpriseId: id(),
    meterId: id(),
    role: oneOf('production', 'treatment', 'total'),
    powerKw: num(0, 1e7),
    running: optional(bool),
  }),
  'clue.update': object({
    /** The case. */
    id: id(),
    /** Unique per update (default: the envelope id); the same update twice is applied once. */
    updateId: optional(id()),
    /** The step; the old `assigned` and `in-progress` read as `dispatched` and `rectifying`. */
    status: oneOf(
      'discovered',
      'dispatched',
      'rectifying',
      'verifying',
      'feedback',
      'closed',
      'assigned',
      'in-progress',
    ),
    title: optional(str(500)),
    deadline: optional(isoTime),
    lon: optional(lon),
    lat: optional(lat),
    /** Who took the step. */
    by: optional(str(200)),
    note: optional(str(2000)),
    /** With `closed`: false closes the case as unfounded. */
    founded: optional(bool),
    source: optional(str(200)),
    department: optional(str(200)),
    zone: optional(str(200)),
    evidence: optional(str(2048)),
    /** Old field: the department (or person) assigned; read as `department` when that is absent. */
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
    /** The enterprise involved (its risk substances are the incident's). */
    enterpriseId: optional(id()),
    /** The substances involved. */
    substances: optional(array(str(100), 50)),
  }),
} as const satisfies Record<string, Validator<unknown>>;

export type MessageType = keyof typeof MESSAGE_SCHEMAS;
export type MessageData<K extends MessageType> = Infer<(typeof MESSAGE_SCHEMAS)[K]>;
export type StationMeta = MessageData<'station.meta'>;
export type StationReading = MessageData<'station.reading'>;
/** A `radar.scan` message's data (the decoded scan is `RadarScan` of the radar domain). */
export type RadarScanMessage = MessageData<'radar.scan'>;
export type RadarHotspot = MessageData<'radar.hotspot'>;
export type CameraMeta = MessageData<'camera.meta'>;
export type CameraAlarm = MessageData<'camera.alarm'>;
export type DronePosition = MessageData<'drone.position'>;
export type DroneMission = MessageData<'drone.mission'>;
export type RiverSection = MessageData<'river.section'>;
export type PowerReading = MessageData<'power.reading'>;
export type ClueUpdateMessage = MessageData<'clue.update'>;
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
