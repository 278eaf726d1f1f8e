// Where a scan's gates are on the ground.
import { geodesicDestination } from './geodesic.js';
import type { RadarScan } from './types.js';

/**
 * The centre of gate `gate` of ray `ray` on the ground, [lon, lat]: rangeStartM +
 * (gate + 0.5) x gateM from the radar along the ray's azimuth, on the WGS84 geodesic.
 * @throws RangeError when the ray or gate is not in the scan
 */
export function radarGateLonLat(scan: RadarScan, ray: number, gate: number): [number, number] {
  if (!Number.isInteger(ray) || ray < 0 || ray >= scan.azimuths.length) {
    throw new RangeError(
      `ray: expected an integer in [0, ${scan.azimuths.length - 1}], got ${ray}`,
    );
  }
  if (!Number.isInteger(gate) || gate < 0 || gate >= scan.gates) {
    throw new RangeError(`gate: expected an integer in [0, ${scan.gates - 1}], got ${gate}`);
  }
  const range = scan.rangeStartM + (gate + 0.5) * scan.gateM;
  return geodesicDestination(scan.lon, scan.lat, scan.azimuths[ray], range);
}
