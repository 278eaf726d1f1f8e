/** Track files (DJI SRT, IGC, GPX, NMEA 0183, CSV) read into tracks of timed WGS84 points. */
export * from './types.js';
export { readTrack } from './read.js';
export { sniffTrackFormat } from './sniff.js';
export type { TrackInput } from './text.js';
export { indexAtTime, bearingDeg, distanceM, positionAt, headingAround } from './replay.js';
export type { TrackPosition } from './replay.js';
export { pointInRing, distanceToLineM, insideArea, GeofenceWatcher } from './geofence.js';
export type { PatrolArea } from './geofence.js';
