import type {
  ClueState,
  ClueStatus,
  ClueUpdate,
  PowerAnomaly,
  EmergencySummary,
  EnterpriseState,
  FeedStats,
  FeedStatus,
  RankedSource,
  WaterClass,
} from '../../src/index.js';

/** Details of the `env-*` events the elements dispatch. All bubble and cross shadow roots. */

/** `env-error`: something the element was given could not be used. */
export interface EnvErrorDetail {
  /** Tag name of the element that reports. */
  source: string;
  /** Machine-readable kind: `attribute`, `data`, `map-not-found`, ... */
  code: string;
  /** Human-readable message naming what was wrong. */
  message: string;
  /** The attribute at fault, for `code: 'attribute'`. */
  attribute?: string;
  /** The offending value (shortened). */
  value?: string;
}

/** `env-view-change`: the map stopped moving. */
export interface EnvViewChangeDetail {
  /** Centre as [lon, lat] in WGS84. */
  center: [number, number];
  zoom: number;
}

/** `env-basemap-change`: the base map was replaced. */
export interface EnvBasemapChangeDetail {
  basemap: string;
}

/** `env-render-complete`: every layer finished loading and the frame is drawn. */
export type EnvRenderCompleteDetail = Record<string, never>;

/** `env-feed-status`: the map's feed client changed state. */
export interface EnvFeedStatusDetail {
  status: FeedStatus;
  stats: Readonly<FeedStats>;
}

/** `env-select`: a station, an enterprise (or other feature) was chosen on the map. */
export type EnvSelectDetail = EnvStationSelectDetail | EnvEnterpriseSelectDetail;

/** `env-select` of an enterprise (`<env-enterprises>`). */
export interface EnvEnterpriseSelectDetail {
  kind: 'enterprise';
  id: string;
  name: string;
  lon: number;
  lat: number;
  /** Its state at `time`: normal, an anomaly kind, or offline. */
  state: EnterpriseState;
  /** ms since the epoch of the state shown, or null before any reading. */
  time: number | null;
}

/** `env-select` of a station. */
export interface EnvStationSelectDetail {
  kind: 'station';
  id: string;
  name?: string;
  lon: number;
  lat: number;
  /** The value shown (AQI or concentration) at `time`, or null. */
  value: number | null;
  /** The station's readings at `time`. */
  values: Record<string, number | null>;
  /** ms since the epoch of the state shown. */
  time: number | null;
}

/** `env-grid`: a station grid was computed. */
export interface EnvGridDetail {
  stations: number;
  skipped: number;
  ms: number;
  /** Kriging: leave-one-out RMSE in the value's unit. */
  rmse?: number;
  time: number | null;
}

/** `env-time`: the instant (and averaging window) to show, from a time slider or portal code. */
export interface EnvTimeDetail {
  /** ms since the epoch. */
  time: number;
  /** Hours to average over, ending at `time`; 0 or absent: the instant. */
  window?: number;
}

/** `env-time-range`: the data a layer holds now span these times (ms since the epoch). */
export interface EnvTimeRangeDetail {
  start: number;
  end: number;
  /** Typical step between readings, ms. */
  step: number;
}

/** `env-alarm`: a camera alarm was raised, chosen, or moved on (acknowledged, dispatched, closed). */
export interface EnvAlarmDetail {
  /** `raised` (from the feed), `select`, or the step asked for: `acknowledge`, `dispatch`, `close`. */
  action: 'raised' | 'select' | 'acknowledge' | 'dispatch' | 'close';
  id: string;
  cameraId: string;
  cameraName?: string;
  kind: 'fire' | 'smoke';
  /** Degrees clockwise from north. */
  bearing: number;
  confidence: number;
  /** ISO 8601 time the camera raised it. */
  time: string;
  /** State after the action (before it, for a cancelable step that was cancelled). */
  state: 'new' | 'acknowledged' | 'dispatched' | 'closed';
  /** The snapshot URL when it passed the check (http(s) or same-origin), else null. */
  snapshotUrl: string | null;
}

/** `env-track-select`: a vehicle or a point of its track was chosen on the map or in a list. */
export interface EnvTrackSelectDetail {
  vehicleId: string;
  name?: string;
  kind: 'drone' | 'boat' | 'vehicle';
  /** ms since the epoch of the point (NaN when its file has no time). */
  time: number;
  lon: number;
  lat: number;
  alt?: number;
  /** For tracks read from a DJI SRT file: the point's offset in the video, ms (seek the video here). */
  videoMs?: number;
  /** Index of the point in the vehicle's stored points, oldest first; -1 for the vehicle itself. */
  index: number;
  /** The file the track came from, for tracks read from files. */
  file?: string;
  /** A water sample taken at this point (boats), mg/L. */
  sample?: Record<string, number | null>;
}

/** `env-geofence`: a vehicle left the area of its mission (once per excursion). */
export interface EnvGeofenceDetail {
  vehicleId: string;
  name?: string;
  kind: 'drone' | 'boat' | 'vehicle';
  missionId: string;
  /** ms since the epoch of the first fix outside. */
  time: number;
  lon: number;
  lat: number;
}

/** `env-track-load`: a track file (from `src` or dropped on the map) was read. */
export interface EnvTrackLoadDetail {
  file: string;
  format: string;
  /** Vehicle ids the file's tracks were added as. */
  vehicleIds: string[];
  points: number;
  warnings: string[];
}

/** `env-radar-select`: a radar value or a hotspot on the map was clicked. */
export interface EnvRadarSelectDetail {
  radarId: string;
  /** Time of the scan (or the hotspot's end), ms. */
  time: number;
  lon: number;
  lat: number;
  value?: number;
  azimuth?: number;
  rangeM?: number;
  hotspotId?: string;
}

/** `env-dispatch`: a hotspot is to be pushed to its zone's team, or moved on (cancelable). */
export interface EnvDispatchDetail {
  action: 'push' | 'inspect' | 'close';
  hotspotId: string;
  radarId: string;
  lon: number;
  lat: number;
  start: number;
  end: number;
  /** The zone that owns the spot, when a `<env-zones>` knows it. */
  zone?: { id: string; name: string; level: string };
  leader?: string;
  /** The message for the zone's team. */
  text: string;
}

/** A zone as the zone events name it. */
export interface EnvZoneRef {
  id: string;
  name: string;
  /** Its level (`city`, `county`, `township`, `grid`, ...). */
  level: string;
}

/** `env-zone-select`: a zone was chosen on the map or in a zone ranking. */
export interface EnvZoneSelectDetail extends EnvZoneRef {
  /** The zone and the zones above it, top level first, the zone last. */
  path: EnvZoneRef[];
  /** The zone's value, or null without one. */
  value: number | null;
  /** Whether the choice drilled into the zone (it has children); else it was selected. */
  drilled: boolean;
  /** The zone feature's properties as given (a grid's leader, say). */
  properties: object;
}

/** `env-zone-drill`: the user moved to another level (map click, breadcrumb, up button, ranking). */
export interface EnvZoneDrillDetail {
  /** The zone whose children are shown; null at the top level. */
  id: string | null;
  /** The level of the zones shown, null when none is. */
  level: string | null;
  /** The drill zone and the zones above it, top level first; empty at the top level. */
  path: EnvZoneRef[];
}

/** `env-zones-load`: zones were read (from `src` or `data`). */
export interface EnvZonesLoadDetail {
  zones: number;
  /** Level names from the top down. */
  levels: string[];
  /** What was left out or changed while reading, one line each naming the feature. */
  warnings: string[];
}

/** A monitoring section as `<env-river-trace>` keeps it: its values classed by GB 3838. */
export interface EnvTraceSection {
  id: string;
  name: string;
  river?: string;
  lon: number;
  lat: number;
  /** Values in mg/L (pH unitless), by item name. */
  values: Record<string, number | null>;
  /** When measured, ms. */
  time?: number;
  /** The section's class (its worst item), null when nothing could be classed. */
  waterClass: WaterClass | null;
  /** Items worse than the target class, worst first. */
  exceeding: string[];
  /** The worst exceeding item, or null. */
  worst: string | null;
  /** River, or lake/reservoir (classed by the lake TP limits and by TN). */
  body?: 'river' | 'lake';
  /** The class it must meet (default the element's `target-class`). */
  target?: 'I' | 'II' | 'III' | 'IV' | 'V';
  /** Each item's value, class, whether it exceeds the target and by how many times its limit. */
  items: Array<{
    item: string;
    value: number;
    class: WaterClass;
    exceeds: boolean;
    multiple?: number;
  }>;
}

/** `env-river-trace`: a trace finished. */
export interface EnvRiverTraceDetail {
  direction: 'upstream' | 'downstream';
  /** The start: its reach, the section it was asked from (or null), a name and the point. */
  start: { reach: string | number; section: string | null; name: string; lon: number; lat: number };
  /** When the exceedance was measured or the spill happened, ms. */
  time: number;
  /** Upstream: the item whose sources were sought (null: all sources). */
  pollutant: string | null;
  /** Hours of flow the trace covered. */
  hours: number;
  /** Reaches traced and the farthest flow distance, km. */
  reaches: number;
  maxKm: number;
  /** Upstream: the sources of the item, nearest in travel time first. */
  candidates: Array<{
    id: string;
    name: string;
    lon: number;
    lat: number;
    pollutants: string[];
    flowKm: number;
    hours: number | null;
    /** When it would have released what was measured, ms. */
    releaseTime: number | null;
    /** Distance from the source to the river, m. */
    offsetM: number;
  }>;
  /** Downstream: the sections and intakes reached, soonest first. */
  arrivals: Array<{
    id: string;
    name: string;
    kind: 'section' | 'intake';
    lon: number;
    lat: number;
    flowKm: number;
    hours: number | null;
    arrivalTime: number | null;
  }>;
}

/** An incident as `<env-emergency>` takes it (from the feed's `incident`, or placed). */
export interface EnvIncident {
  id?: string;
  /** What happened (泄漏, 火灾, ...). */
  kind: string;
  lon: number;
  lat: number;
  severity?: 'low' | 'medium' | 'high' | 'critical';
  description?: string;
  /** The enterprise involved: its risk substances are the incident's. */
  enterpriseId?: string | null;
  substances?: string[] | null;
  /** When it happened, ms. */
  time?: number;
}

/** `env-emergency`: an incident was placed and what lies around it listed. */
export interface EnvEmergencyDetail {
  incident: EnvIncident;
  summary: EmergencySummary;
  /** The downstream trace of the spill when it is near a river, else null. */
  downstream: EnvRiverTraceDetail | null;
}

/** `env-collapse`: a panel folded to its title or unfolded again. */
export interface EnvCollapseDetail {
  collapsed: boolean;
  /** True when `<env-map>` did it to make room, false for a person or portal code. */
  auto: boolean;
}

export interface EnvEventMap {
  'env-collapse': EnvCollapseDetail;
  'env-track-select': EnvTrackSelectDetail;
  'env-radar-select': EnvRadarSelectDetail;
  'env-dispatch': EnvDispatchDetail | EnvSourceDispatchDetail | EnvPowerDispatchDetail;
  'env-clue-step': EnvClueStepDetail;
  'env-geofence': EnvGeofenceDetail;
  'env-track-load': EnvTrackLoadDetail;
  'env-alarm': EnvAlarmDetail;
  'env-select': EnvSelectDetail;
  'env-grid': EnvGridDetail;
  'env-time': EnvTimeDetail;
  'env-time-range': EnvTimeRangeDetail;
  'env-feed-status': EnvFeedStatusDetail;
  'env-error': EnvErrorDetail;
  'env-view-change': EnvViewChangeDetail;
  'env-basemap-change': EnvBasemapChangeDetail;
  'env-render-complete': EnvRenderCompleteDetail;
  'env-zone-select': EnvZoneSelectDetail;
  'env-zone-drill': EnvZoneDrillDetail;
  'env-zones-load': EnvZonesLoadDetail;
  'env-river-trace': EnvRiverTraceDetail;
  'env-emergency': EnvEmergencyDetail;
  'env-source-trace': EnvSourceTraceDetail;
  'env-clue-select': EnvClueSelectDetail;
}

declare global {
  interface HTMLElementEventMap {
    'env-track-select': CustomEvent<EnvTrackSelectDetail>;
    'env-radar-select': CustomEvent<EnvRadarSelectDetail>;
    'env-dispatch': CustomEvent<
      EnvDispatchDetail | EnvSourceDispatchDetail | EnvPowerDispatchDetail
    >;
    'env-clue-step': CustomEvent<EnvClueStepDetail>;
    'env-geofence': CustomEvent<EnvGeofenceDetail>;
    'env-track-load': CustomEvent<EnvTrackLoadDetail>;
    'env-error': CustomEvent<EnvErrorDetail>;
    'env-alarm': CustomEvent<EnvAlarmDetail>;
    'env-select': CustomEvent<EnvSelectDetail>;
    'env-grid': CustomEvent<EnvGridDetail>;
    'env-time': CustomEvent<EnvTimeDetail>;
    'env-time-range': CustomEvent<EnvTimeRangeDetail>;
    'env-feed-status': CustomEvent<EnvFeedStatusDetail>;
    'env-view-change': CustomEvent<EnvViewChangeDetail>;
    'env-basemap-change': CustomEvent<EnvBasemapChangeDetail>;
    'env-render-complete': CustomEvent<EnvRenderCompleteDetail>;
    'env-zone-select': CustomEvent<EnvZoneSelectDetail>;
    'env-zone-drill': CustomEvent<EnvZoneDrillDetail>;
    'env-zones-load': CustomEvent<EnvZonesLoadDetail>;
    'env-river-trace': CustomEvent<EnvRiverTraceDetail>;
    'env-emergency': CustomEvent<EnvEmergencyDetail>;
    'env-source-trace': CustomEvent<EnvSourceTraceDetail>;
    'env-clue-select': CustomEvent<EnvClueSelectDetail>;
    'env-collapse': CustomEvent<EnvCollapseDetail>;
  }
}

/**
 * A pollution source a `<env-source-trace>` found along a back trajectory: its id, name, kind,
 * position and pollutants, its rank (1 for the source the air passed soonest before the start),
 * its distance from the trajectory (`offsetM`) and the hours before the start the air passed it.
 */
export type EnvTraceCandidate = RankedSource;

/** `env-source-trace`: the air measured at a station was traced back along the wind. */
export interface EnvSourceTraceDetail {
  /** The station traced from, or null for a trace from a point. */
  stationId: string | null;
  /** Where and when (ms) the trace starts, and the station's name when there is one. */
  start: { lon: number; lat: number; time: number; name?: string };
  /** The back trajectory, the start first, then each step back (time in ms). */
  trajectory: Array<{ lon: number; lat: number; time: number }>;
  /** The sources within the corridor, soonest first. */
  candidates: EnvTraceCandidate[];
  /** The pollutant whose sources were sought, or null for all. */
  pollutant: string | null;
  hours: number;
  corridorM: number;
}

/**
 * `env-dispatch` from `<env-source-trace>` (cancelable): someone is to be sent to check a source
 * the trace found. Listeners tell it from a hotspot's `EnvDispatchDetail` by `kind`.
 */
export interface EnvSourceDispatchDetail {
  kind: 'source-trace';
  sourceId: string;
  name: string;
  lon: number;
  lat: number;
  /** The station whose reading was traced (null for a trace from a point). */
  stationId: string | null;
  pollutant: string | null;
  hoursBefore: number;
  offsetM: number;
}

/** `env-clue-step` (cancelable): a step of a case was asked for on `<env-clue-board>`. */
export interface EnvClueStepDetail {
  id: string;
  from: ClueStatus;
  to: ClueStatus;
  /** The update the step makes; a portal posts it to its back end, whose answer comes back on the feed. */
  update: ClueUpdate;
}

/** `env-dispatch` of a power anomaly from `<env-power-chart>` (cancelable). */
export interface EnvPowerDispatchDetail {
  kind: 'power-anomaly';
  anomaly: PowerAnomaly;
  enterprise: { id: string; name: string; lon: number; lat: number };
}

/** `env-clue-select`: a case of the clue chain was chosen (on the map, say). */
export interface EnvClueSelectDetail {
  id: string;
  lon: number;
  lat: number;
  /** Where it stands against its deadline at the board's time. */
  state: ClueState;
}
