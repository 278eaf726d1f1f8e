import { EnvMap } from './env-map/EnvMap.js';
import { EnvGeoJsonLayer } from './env-geojson-layer/EnvGeoJsonLayer.js';
import { EnvLayerSwitcher } from './env-layer-switcher/EnvLayerSwitcher.js';
import { EnvLegend } from './env-legend/EnvLegend.js';
import { EnvFeedStatus } from './env-feed-status/EnvFeedStatus.js';
import { EnvStationGrid } from './env-station-grid/EnvStationGrid.js';
import { EnvTimeSlider } from './env-time-slider/EnvTimeSlider.js';
import { EnvRankingTable } from './env-ranking-table/EnvRankingTable.js';
import { EnvStationChart } from './env-station-chart/EnvStationChart.js';
import { EnvCameraViewsheds } from './env-camera-viewsheds/EnvCameraViewsheds.js';
import { EnvAlarmList } from './env-alarm-list/EnvAlarmList.js';
import { EnvTracks } from './env-tracks/EnvTracks.js';
import { EnvTrackList } from './env-track-list/EnvTrackList.js';
import { EnvRadar } from './env-radar/EnvRadar.js';
import { EnvHotspotList } from './env-hotspot-list/EnvHotspotList.js';
import { EnvZones } from './env-zones/EnvZones.js';
import { EnvZoneRanking } from './env-zone-ranking/EnvZoneRanking.js';
import { EnvRiverTrace } from './env-river-trace/EnvRiverTrace.js';
import { EnvTraceList } from './env-trace-list/EnvTraceList.js';
import { EnvEmergency } from './env-emergency/EnvEmergency.js';
import { EnvEmergencyPanel } from './env-emergency-panel/EnvEmergencyPanel.js';
import { EnvEnterprises } from './env-enterprises/EnvEnterprises.js';
import { EnvPowerChart } from './env-power-chart/EnvPowerChart.js';
import { EnvClueBoard } from './env-clue-board/EnvClueBoard.js';
import { EnvClueMap } from './env-clue-map/EnvClueMap.js';
import { EnvClueStats } from './env-clue-stats/EnvClueStats.js';
import { EnvSourceTrace } from './env-source-trace/EnvSourceTrace.js';

/** Every element of the kit with its tag. */
export const ELEMENTS: Readonly<Record<string, CustomElementConstructor>> = Object.freeze({
  'env-map': EnvMap,
  'env-geojson-layer': EnvGeoJsonLayer,
  'env-layer-switcher': EnvLayerSwitcher,
  'env-legend': EnvLegend,
  'env-feed-status': EnvFeedStatus,
  'env-station-grid': EnvStationGrid,
  'env-time-slider': EnvTimeSlider,
  'env-ranking-table': EnvRankingTable,
  'env-station-chart': EnvStationChart,
  'env-camera-viewsheds': EnvCameraViewsheds,
  'env-alarm-list': EnvAlarmList,
  'env-tracks': EnvTracks,
  'env-track-list': EnvTrackList,
  'env-radar': EnvRadar,
  'env-hotspot-list': EnvHotspotList,
  'env-zones': EnvZones,
  'env-zone-ranking': EnvZoneRanking,
  'env-river-trace': EnvRiverTrace,
  'env-trace-list': EnvTraceList,
  'env-emergency': EnvEmergency,
  'env-emergency-panel': EnvEmergencyPanel,
  'env-enterprises': EnvEnterprises,
  'env-power-chart': EnvPowerChart,
  'env-clue-board': EnvClueBoard,
  'env-clue-map': EnvClueMap,
  'env-clue-stats': EnvClueStats,
  'env-source-trace': EnvSourceTrace,
});

/**
 * Registers every element under its `env-` tag. Tags already registered (by another copy of
 * the kit, say) are left alone, so calling this twice is harmless.
 */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  defineTags(ELEMENTS, registry);
}

/**
 * Registers the given elements under their tags, leaving tags already registered alone: for a
 * page that uses a few elements and imports only those (a bundler then leaves the others out).
 */
export function defineTags(
  elements: Readonly<Record<string, CustomElementConstructor>>,
  registry: CustomElementRegistry = customElements,
): void {
  for (const [tag, ctor] of Object.entries(elements)) {
    if (!registry.get(tag)) registry.define(tag, ctor);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'env-map': EnvMap;
    'env-camera-viewsheds': EnvCameraViewsheds;
    'env-alarm-list': EnvAlarmList;
    'env-tracks': EnvTracks;
    'env-track-list': EnvTrackList;
    'env-radar': EnvRadar;
    'env-hotspot-list': EnvHotspotList;
    'env-geojson-layer': EnvGeoJsonLayer;
    'env-layer-switcher': EnvLayerSwitcher;
    'env-legend': EnvLegend;
    'env-feed-status': EnvFeedStatus;
    'env-station-grid': EnvStationGrid;
    'env-time-slider': EnvTimeSlider;
    'env-ranking-table': EnvRankingTable;
    'env-station-chart': EnvStationChart;
    'env-zones': EnvZones;
    'env-zone-ranking': EnvZoneRanking;
    'env-river-trace': EnvRiverTrace;
    'env-trace-list': EnvTraceList;
    'env-emergency': EnvEmergency;
    'env-emergency-panel': EnvEmergencyPanel;
    'env-enterprises': EnvEnterprises;
    'env-power-chart': EnvPowerChart;
    'env-clue-board': EnvClueBoard;
    'env-clue-map': EnvClueMap;
    'env-clue-stats': EnvClueStats;
    'env-source-trace': EnvSourceTrace;
  }
}
