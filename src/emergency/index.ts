/** Around an incident: points (villages, receptors, materials, experts) within rings. */
export { NearbyIndex, nearby, byRing, type LonLatPoint } from './nearby.js';
export { readPlaces, listOf, type PlacePoint } from './points.js';
export {
  EmergencyMap,
  type EmergencyOptions,
  type EmergencyPlaces,
  type EmergencyRing,
  type EmergencySummary,
  type NearPlace,
} from './summary.js';
