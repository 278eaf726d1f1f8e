/** River networks: flow topology, upstream and downstream traces, orientation from outlets. */
export * from './types.js';
export { RiverNetwork } from './network.js';
export { featureLengthKm } from './length.js';
export { orientNetwork, type OrientOptions, type OrientedFeature } from './orient.js';
export { ReachGeometry, type ReachHit } from './geometry.js';
export { alongTrace, type AlongOptions, type AlongPoint, type TraceStart } from './along.js';
export {
  upstreamSources,
  downstreamArrivals,
  type RiverPlace,
  type RiverPlaceHit,
  type RiverResponseOptions,
} from './response.js';
