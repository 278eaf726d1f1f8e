// The command-centre page's script: only the elements the page uses, imported from the kit's ESM
// sources, so that the bundle leaves the others out as a portal's build would.
import {
  EnvAlarmList,
  EnvCameraViewsheds,
  EnvClueBoard,
  EnvFeedStatus,
  EnvGeoJsonLayer,
  EnvLayerSwitcher,
  EnvLegend,
  EnvMap,
  EnvRankingTable,
  EnvStationChart,
  EnvStationGrid,
  EnvTimeSlider,
  defineTags,
} from '../../widgets/index.js';
import { postClueSteps, switchFeedTransport } from './behaviours.js';

defineTags({
  'env-map': EnvMap,
  'env-station-grid': EnvStationGrid,
  'env-geojson-layer': EnvGeoJsonLayer,
  'env-camera-viewsheds': EnvCameraViewsheds,
  'env-layer-switcher': EnvLayerSwitcher,
  'env-alarm-list': EnvAlarmList,
  'env-ranking-table': EnvRankingTable,
  'env-legend': EnvLegend,
  'env-feed-status': EnvFeedStatus,
  'env-time-slider': EnvTimeSlider,
  'env-station-chart': EnvStationChart,
  'env-clue-board': EnvClueBoard,
});
switchFeedTransport();
postClueSteps();
