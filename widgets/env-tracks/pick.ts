// What a click on the tracks chose: a vehicle's icon, a water sample, or a point of a trail.
import type OlMap from 'ol/Map.js';
import type { TrackLayer, TrackVehicle } from '../../layers/index.js';
import type { EnvTrackSelectDetail } from '../base/events.js';
import type { PatrolOverlay } from './patrol-overlay.js';

/** `env-track-select` for a vehicle where it is now (undefined before its first point). */
export function vehicleDetail(
  v: TrackVehicle,
  file: string | undefined,
): EnvTrackSelectDetail | undefined {
  if (v.lon === undefined || v.lat === undefined) return undefined;
  return {
    vehicleId: v.id,
    name: v.name,
    kind: v.kind,
    time: v.time ?? NaN,
    lon: v.lon,
    lat: v.lat,
    alt: v.alt,
    index: -1,
    file,
  };
}

/**
 * The choice under a pixel: a vehicle's icon first, then a water sample (a ring put on the
 * trail on purpose), then the nearest point of a trail (with its video offset for DJI tracks).
 */
export function pickTrack(
  layer: TrackLayer,
  overlay: PatrolOverlay | undefined,
  map: OlMap,
  pixel: number[],
  fileOf: (id: string) => string | undefined,
): EnvTrackSelectDetail | undefined {
  const id = layer.vehicleAt(pixel);
  if (id) return vehicleDetail(layer.getVehicle(id)!, fileOf(id));
  const sample = overlay?.sampleAt(map, pixel);
  if (sample) {
    const v = layer.getVehicle(sample.vehicleId);
    return {
      vehicleId: sample.vehicleId,
      name: v?.name,
      kind: v?.kind ?? 'boat',
      time: sample.time,
      lon: sample.lon,
      lat: sample.lat,
      index: -1,
      sample: sample.values,
    };
  }
  const hit = layer.pointAt(pixel);
  if (!hit) return undefined;
  const v = layer.getVehicle(hit.id)!;
  const detail: EnvTrackSelectDetail = {
    vehicleId: hit.id,
    name: v.name,
    kind: v.kind,
    time: hit.point.time,
    lon: hit.point.lon,
    lat: hit.point.lat,
    alt: hit.point.alt,
    index: hit.index,
    file: fileOf(hit.id),
  };
  if (hit.point.videoMs !== undefined) detail.videoMs = hit.point.videoMs;
  return detail;
}
