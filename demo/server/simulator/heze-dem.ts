// A simulated surface model of the plain around the demo's camera towers (SIMULATED: not
// measured terrain). Heze lies on the flat North China Plain at about 40-60 m; what hides a
// field from a tower there is not hills but villages and the poplar shelter belts along roads
// and canals, so the model is a gentle plain with village blocks and tree belts on top.
// EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E), 30 m cells, Float32 metres.

import { writeArrayBuffer } from 'geotiff';
import { lonLatTransform } from '../../../src/index.js';
import { seededRandom } from './random.js';

const CELL = 30;
/** lon/lat box covered: the three towers and 3 km around each. */
const BOX = [115.27, 35.11, 115.73, 35.39] as const;

/** The DEM's cells and geotransform (deterministic: the same on every start). */
export function hezeSurface() {
  const gk = lonLatTransform('EPSG:4547');
  const corners = [
    gk.fromLonLat([BOX[0], BOX[1]]),
    gk.fromLonLat([BOX[2], BOX[1]]),
    gk.fromLonLat([BOX[0], BOX[3]]),
    gk.fromLonLat([BOX[2], BOX[3]]),
  ];
  const x0 = Math.floor(Math.min(...corners.map((c) => c[0])) / CELL) * CELL;
  const x1 = Math.ceil(Math.max(...corners.map((c) => c[0])) / CELL) * CELL;
  const y0 = Math.floor(Math.min(...corners.map((c) => c[1])) / CELL) * CELL;
  const y1 = Math.ceil(Math.max(...corners.map((c) => c[1])) / CELL) * CELL;
  const width = (x1 - x0) / CELL;
  const height = (y1 - y0) / CELL;
  const data = new Float32Array(width * height);
  const random = seededRandom(2026);
  // The plain: 58 m in the north-east falling to 45 m in the south-west, with slow undulations.
  for (let r = 0; r < height; r++)
    for (let c = 0; c < width; c++) {
      const u = c / width;
      const v = 1 - r / height;
      data[r * width + c] =
        45 +
        6.5 * u +
        6.5 * v +
        0.8 * Math.sin(c / 37) * Math.cos(r / 53) +
        0.4 * Math.sin(c / 11 + r / 17);
    }
  const raise = (c0: number, r0: number, w: number, h: number, by: number) => {
    for (let r = Math.max(0, r0); r < Math.min(height, r0 + h); r++)
      for (let c = Math.max(0, c0); c < Math.min(width, c0 + w); c++) data[r * width + c]! += by;
  };
  // Shelter belts (trees about 15 m) every 1.2-2.4 km, east-west and north-south, with gaps.
  for (let r = 20; r < height; r += 40 + Math.floor(random() * 40))
    for (let c = 0; c < width; c += 30) if (random() < 0.7) raise(c, r, 30, 1, 15);
  for (let c = 25; c < width; c += 40 + Math.floor(random() * 40))
    for (let r = 0; r < height; r += 30) if (random() < 0.7) raise(c, r, 1, 30, 15);
  // Villages: blocks of houses and trees about 10 m, one every 3-4 km².
  const villages = Math.round((width * height * CELL * CELL) / 3.5e6);
  for (let i = 0; i < villages; i++) {
    const w = 8 + Math.floor(random() * 12);
    const h = 6 + Math.floor(random() * 10);
    raise(Math.floor(random() * width), Math.floor(random() * height), w, h, 9 + random() * 3);
  }
  return { width, height, data, geoTransform: [x0, CELL, 0, y1, 0, -CELL] as const };
}

let cached: ArrayBuffer | undefined;

/** The simulated surface as a GeoTIFF (built once). */
export async function hezeSurfaceTiff(): Promise<ArrayBuffer> {
  if (cached) return cached;
  const { width, height, data, geoTransform } = hezeSurface();
  cached = (await writeArrayBuffer(data, {
    width,
    height,
    ModelPixelScale: [CELL, CELL, 0],
    ModelTiepoint: [0, 0, 0, geoTransform[0], geoTransform[3], 0],
    GTModelTypeGeoKey: 1,
    ProjectedCSTypeGeoKey: 4547,
    ImageDescription: 'SIMULATED surface model of the Heze demo camera area (not measured terrain)',
  } as never)) as ArrayBuffer;
  return cached;
}
