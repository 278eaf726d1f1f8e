export * from './proj/index.js';
export * from './basemap/index.js';
export * from './legend.js';
export {
  default as GeoJsonLayer,
  GeoJsonError,
  readGeoJson,
  type GeoJsonLayerOptions,
} from './GeoJsonLayer.js';
export {
  default as StationGridLayer,
  type StationGridLayerOptions,
  type GridStation,
  type StationGridChange,
} from './StationGridLayer.js';
export { gridColors, type GridColors, type GridPalette } from './station-grid/colors.js';
export {
  default as CameraViewshedLayer,
  type CameraViewshedLayerOptions,
  type FireFixOnMap,
} from './CameraViewshedLayer.js';
export {
  default as TrackLayer,
  type TrackLayerOptions,
  type TrackVehicle,
  type TrackPick,
  type LayerTrackPoint,
  type VehicleInfo,
  type VehicleKind,
  type ColorBy,
} from './TrackLayer.js';
export { trackLegend, rampColor, VEHICLE_PALETTE } from './tracks/index.js';
export { default as RadarLayer, type RadarLayerOptions, type RadarPick } from './RadarLayer.js';
export {
  default as ZoneLayer,
  ZONE_PROPERTY,
  type ZoneLayerOptions,
  type ZoneValues,
} from './ZoneLayer.js';
export { rankZones, type ZoneRankRow } from './zones/ranking.js';
export { ZONE_COLORS } from './zones/palette.js';
export type { ZoneAppearance } from './zones/styles.js';
export {
  default as RiverLayer,
  type RiverLayerOptions,
  type RiverLegendLabels,
  type RiverMark,
  type RiverSectionMark,
  type RiverTraceView,
} from './RiverLayer.js';
export { traceColor, type RiverAppearance } from './rivers/styles.js';
export {
  default as EmergencyLayer,
  type EmergencyLayerOptions,
  type EmergencyLayerLabels,
  type EmergencyPlaceKind,
} from './EmergencyLayer.js';
export {
  default as SourceTraceLayer,
  type SourceTraceLayerOptions,
  type SourceTraceLabels,
  type SourceTraceView,
  type TraceSourceMark,
  type TraceStationMark,
} from './SourceTraceLayer.js';
export {
  default as EnterpriseLayer,
  ENTERPRISE_COLORS,
  ENTERPRISE_STATES,
  type EnterpriseLayerOptions,
  type EnterpriseMark,
  type EnterprisePick,
} from './EnterpriseLayer.js';
export {
  default as ClueLayer,
  CLUE_COLORS,
  CLUE_STATES,
  type ClueLayerOptions,
  type ClueMark,
  type CluePick,
} from './ClueLayer.js';
export {
  StateClusterLayer,
  type StateClusterOptions,
  type StatePoint,
  type StatePick,
} from './cluster/state-cluster.js';
