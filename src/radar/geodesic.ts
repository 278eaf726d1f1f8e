// Positions around a radar on the WGS84 ellipsoid: the geodesic destination (Vincenty's direct
// solution, millimetre-exact at radar ranges) and a local east/north plane in metres.

const A = 6_378_137;
const F = 1 / 298.257223563;
const B = A * (1 - F);
const E2 = F * (2 - F);
const RAD = Math.PI / 180;

/** lon in [-180, 180). */
export function normalizeLon(lon: number): number {
  const l = (((lon + 180) % 360) + 360) % 360;
  return l - 180;
}

/**
 * The point `distanceM` metres from (lon, lat) along the geodesic leaving at `azimuthDeg`
 * (clockwise from north), on the WGS84 ellipsoid: [lon, lat], degrees.
 */
export function geodesicDestination(
  lon: number,
  lat: number,
  azimuthDeg: number,
  distanceM: number,
): [number, number] {
  if (distanceM === 0) return [normalizeLon(lon), lat];
  const α1 = azimuthDeg * RAD;
  const sinα1 = Math.sin(α1);
  const cosα1 = Math.cos(α1);
  const tanU1 = (1 - F) * Math.tan(lat * RAD);
  const cosU1 = 1 / Math.sqrt(1 + tanU1 * tanU1);
  const sinU1 = tanU1 * cosU1;
  const σ1 = Math.atan2(tanU1, cosα1);
  const sinα = cosU1 * sinα1;
  const cos2α = 1 - sinα * sinα;
  const u2 = (cos2α * (A * A - B * B)) / (B * B);
  const kA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
  const kB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
  const σ0 = distanceM / (B * kA);
  let σ = σ0;
  for (let i = 0; i < 100; i++) {
    const cos2σm = Math.cos(2 * σ1 + σ);
    const sinσ = Math.sin(σ);
    const cosσ = Math.cos(σ);
    const Δσ =
      kB *
      sinσ *
      (cos2σm +
        (kB / 4) *
          (cosσ * (-1 + 2 * cos2σm * cos2σm) -
            (kB / 6) * cos2σm * (-3 + 4 * sinσ * sinσ) * (-3 + 4 * cos2σm * cos2σm)));
    const next = σ0 + Δσ;
    const done = Math.abs(next - σ) < 1e-13;
    σ = next;
    if (done) break;
  }
  const sinσ = Math.sin(σ);
  const cosσ = Math.cos(σ);
  const cos2σm = Math.cos(2 * σ1 + σ);
  const t = sinU1 * sinσ - cosU1 * cosσ * cosα1;
  const φ2 = Math.atan2(
    sinU1 * cosσ + cosU1 * sinσ * cosα1,
    (1 - F) * Math.sqrt(sinα * sinα + t * t),
  );
  const λ = Math.atan2(sinσ * sinα1, cosU1 * cosσ - sinU1 * sinσ * cosα1);
  const C = (F / 16) * cos2α * (4 + F * (4 - 3 * cos2α));
  const L =
    λ - (1 - C) * F * sinα * (σ + C * sinσ * (cos2σm + C * cosσ * (-1 + 2 * cos2σm * cos2σm)));
  return [normalizeLon(lon + L / RAD), φ2 / RAD];
}

/**
 * A local east/north plane in metres around (lon0, lat0), scaled by the ellipsoid's radii of
 * curvature there: exact to a centimetre within a kilometre, a metre within about ten.
 */
export class LocalPlane {
  readonly kx: number;
  readonly ky: number;
  constructor(
    readonly lon0: number,
    readonly lat0: number,
  ) {
    const s = Math.sin(lat0 * RAD);
    const w = Math.sqrt(1 - E2 * s * s);
    const n = A / w; // prime vertical
    const m = (A * (1 - E2)) / (w * w * w); // meridian
    this.kx = n * Math.cos(lat0 * RAD) * RAD;
    this.ky = m * RAD;
  }

  x(lon: number): number {
    return normalizeLon(lon - this.lon0) * this.kx;
  }

  y(lat: number): number {
    return (lat - this.lat0) * this.ky;
  }
}

/** The azimuthal equidistant inverse around (lon0, lat0): plane metres (east, north) to lon/lat. */
export function planeToLonLat(lon0: number, lat0: number, x: number, y: number): [number, number] {
  return geodesicDestination(lon0, lat0, Math.atan2(x, y) / RAD, Math.hypot(x, y));
}
