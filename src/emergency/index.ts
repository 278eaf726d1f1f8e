/** Around an incident: points (villages, receptors, materials, experts) within rings. */
export { NearbyIndex, nearby, byRing, type LonLatPoint } from './nearby.js';
