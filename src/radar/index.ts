/** Radar pollution hotspots: scans decoded from the feed, hotspots found in them, dispatch text. */
export type * from './types.js';
export { detectHotspots } from './hotspots.js';
export {
  decodeRadarScan,
  encodeRadarScan,
  radarScanBytes,
  UINT16_NO_DATA,
  type DecodeOptions,
  type EncodeOptions,
} from './codec.js';
export {
  dispatchText,
  DISPATCH_NEAR_M,
  DISPATCH_ROAD_RADIUS_M,
  type DispatchOptions,
  type DispatchZone,
} from './dispatch.js';
export type { RoadFeature, RoadPosition } from './roads.js';
export { geodesicDestination } from './geodesic.js';
export { radarGateLonLat } from './gates.js';
export {
  HotspotBoard,
  canMoveHotspot,
  HOTSPOT_STATES,
  type HotspotState,
  type HotspotRecord,
  type HotspotListener,
} from './board.js';
export { carryHotspotIds, type CarryOptions } from './identity.js';
