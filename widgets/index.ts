export { EnvMap } from './env-map/EnvMap.js';
export { MAP_DEFAULTS } from './env-map/attributes.js';
export { EnvGeoJsonLayer } from './env-geojson-layer/EnvGeoJsonLayer.js';
export { EnvLayerSwitcher } from './env-layer-switcher/EnvLayerSwitcher.js';
export { EnvLegend } from './env-legend/EnvLegend.js';
export { EnvFeedStatus } from './env-feed-status/EnvFeedStatus.js';
export { EnvStationGrid } from './env-station-grid/EnvStationGrid.js';
export { EnvTimeSlider } from './env-time-slider/EnvTimeSlider.js';
export { EnvRankingTable } from './env-ranking-table/EnvRankingTable.js';
export { EnvStationChart } from './env-station-chart/EnvStationChart.js';
export { EnvCameraViewsheds } from './env-camera-viewsheds/EnvCameraViewsheds.js';
export { EnvAlarmList } from './env-alarm-list/EnvAlarmList.js';
export { EnvTracks } from './env-tracks/EnvTracks.js';
export type { TrackedVehicle, TrackRow, TrackStatus } from './env-tracks/EnvTracks.js';
export { EnvTrackList } from './env-track-list/EnvTrackList.js';
export { EnvRadar } from './env-radar/EnvRadar.js';
export { EnvHotspotList } from './env-hotspot-list/EnvHotspotList.js';
export { EnvElement } from './base/EnvElement.js';
export { EnvLayerElement } from './base/EnvLayerElement.js';
export { EnvWidgetElement } from './base/EnvWidgetElement.js';
export {
  mapContext,
  localeContext,
  themeContext,
  isMapHandle,
  type MapHandle,
} from './base/context.js';
export { styleProps } from './base/style-props.js';
export type * from './base/events.js';
export { ELEMENTS, defineElements, defineTags } from './define.js';
export { EnvZones } from './env-zones/EnvZones.js';
export { EnvZoneRanking } from './env-zone-ranking/EnvZoneRanking.js';
export { EnvRiverTrace, type RiverTraceFrom } from './env-river-trace/EnvRiverTrace.js';
export { EnvTraceList } from './env-trace-list/EnvTraceList.js';
export { EnvEmergency } from './env-emergency/EnvEmergency.js';
export { EnvEmergencyPanel } from './env-emergency-panel/EnvEmergencyPanel.js';
export { EnvEnterprises, type EnterpriseZoneCount } from './env-enterprises/EnvEnterprises.js';
export { EnvPowerChart } from './env-power-chart/EnvPowerChart.js';
export { EnvClueBoard } from './env-clue-board/EnvClueBoard.js';
export { EnvSourceTrace, type SourceTraceFrom } from './env-source-trace/EnvSourceTrace.js';
export { EnvClueMap, type ClueZoneCount, type PlacedClue } from './env-clue-map/EnvClueMap.js';
export { EnvClueStats } from './env-clue-stats/EnvClueStats.js';
export { EnvStatePointsElement } from './base/EnvStatePointsElement.js';
