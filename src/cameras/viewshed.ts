// Viewshed of an observer over a DEM on the grid gdal_viewshed produces, computed as GDAL does
// (reference planes after Wang, Robinson & White 2000): rows are scanned outward from the
// observer's row, and each cell's line-of-sight height comes from the neighbours between it and
// the observer, already raised to what hides them.

import { isGeographic } from '../crs/transform.js';
import { cellOf, type Raster } from '../raster/raster.js';

export interface Observer {
  /** Position in the DEM's CRS (in the raster's own coordinates when it has none). */
  x: number;
  y: number;
  /** Height above the ground, metres. */
  height: number;
}

export interface ViewshedOptions {
  /** Height above the ground of what is looked for, metres. Default 0. */
  targetHeight?: number;
  /** Range in CRS units; the result is cropped to it as GDAL does. Default: the whole DEM. */
  maxDistance?: number;
  /** Earth curvature and refraction (GDAL's -cc). Default 0.85714. */
  curvatureCoefficient?: number;
  /** Semi-major axis of the CRS's ellipsoid, metres. Default 6378137 (WGS 84, CGCS2000). */
  semiMajor?: number;
  /** Camera heading, degrees clockwise from north; with `fov`, only that wedge is visible. */
  heading?: number;
  /** Horizontal field of view, degrees. */
  fov?: number;
}

/** Raised for an observer or DEM the viewshed cannot use. */
export class ViewshedError extends Error {
  override name = 'ViewshedError';
}

const VISIBLE = 255;

/**
 * 255 where the target would be visible from the observer, 0 elsewhere (hidden, out of range or
 * outside the field of view), on GDAL's output grid (the DEM cropped to the range).
 * @throws ViewshedError for an observer outside the DEM, a rotated DEM, a DEM in degrees or bad options
 */
export function viewshed(dem: Raster, observer: Observer, options: ViewshedOptions = {}): Raster {
  const [ox, pw, rot1, oy, rot2, ph] = dem.geoTransform;
  if (rot1 !== 0 || rot2 !== 0) throw new ViewshedError('rotated DEMs are not supported');
  // Distances below are in CRS units (the raster's own when it has no CRS): a DEM in degrees
  // would give nonsense, not an error.
  if (isGeographic(dem.crs) ?? (Math.abs(pw) < 0.01 && Math.abs(ph) < 0.01))
    throw new ViewshedError(
      `DEM ${dem.crs ?? 'without a CRS'} has cells of ${pw} x ${Math.abs(ph)} units: degrees? A viewshed needs a DEM in a projected CRS in metres`,
    );
  if (![observer?.x, observer?.y, observer?.height].every(Number.isFinite))
    throw new ViewshedError(`observer needs finite x, y and height: ${JSON.stringify(observer)}`);
  const targetHeight = options.targetHeight ?? 0;
  const maxDistance = options.maxDistance ?? 0;
  if (!(maxDistance >= 0)) throw new ViewshedError(`maxDistance must be >= 0, got ${maxDistance}`);
  const [nx, ny] = cellOf(dem, observer.x, observer.y);
  if (nx < 0 || ny < 0 || nx >= dem.width || ny >= dem.height)
    throw new ViewshedError('the observer is outside the DEM');
  // The window GDAL writes: the cells within maxDistance of the observer's cell, by axis.
  let [xStart, yStart, xStop, yStop] = [0, 0, dem.width, dem.height];
  if (maxDistance > 0) {
    const e = 1e-8;
    const ix = 1 / pw;
    const iy = 1 / ph;
    xStart = Math.max(0, Math.floor(nx - ix * maxDistance + e));
    xStop = Math.min(dem.width, Math.ceil(nx + ix * maxDistance - e) + 1);
    yStart = Math.max(0, Math.floor(ny - Math.abs(iy) * maxDistance + e) - (iy > 0 ? 1 : 0));
    yStop = Math.min(dem.height, Math.ceil(ny + Math.abs(iy) * maxDistance - e) + (iy < 0 ? 1 : 0));
  }
  const width = xStop - xStart;
  const height = yStop - yStart;
  const out = new Uint8Array(width * height);
  const cx = nx - xStart; // observer column in the window
  const cc = options.curvatureCoefficient ?? 0.85714;
  const adjust = cc / (2 * (options.semiMajor ?? 6378137));
  const max2 = maxDistance > 0 ? maxDistance * maxDistance : Infinity;
  const zObserver = observer.height + Number(dem.data[ny * dem.width + nx]);

  /** One DEM row as heights relative to the observer's eye, lowered for curvature; range [left, right). */
  const readRow = (line: number, row: Float64Array): [number, number] => {
    const base = line * dem.width + xStart;
    const dy = (line - ny) * ph;
    let left = 0;
    let right = width;
    for (let c = cx; c >= 0; c--) {
      const dx = (c - cx) * pw;
      const r2 = dx * dx + dy * dy;
      if (r2 > max2) {
        left = c + 1;
        break;
      }
      row[c] = Number(dem.data[base + c]) - (adjust * r2 + zObserver);
    }
    for (let c = cx + 1; c < width; c++) {
      const dx = (c - cx) * pw;
      const r2 = dx * dx + dy * dy;
      if (r2 > max2) {
        right = c;
        break;
      }
      row[c] = Number(dem.data[base + c]) - (adjust * r2 + zObserver);
    }
    return [left, right];
  };

  // Height seen along a straight line at distance d, given the height at d - 1.
  const line = (d: number, z: number) => (z * d) / (d - 1);
  // The plane through the eye and two neighbours one step nearer (GDAL's "edge" cell mode).
  const edge = (i: number, j: number, za: number, zb: number) => (za * i + zb * (j - i)) / (j - 1);

  /** Marks a cell from its height h and the sight-line height z; returns what it hides behind. */
  const settle = (index: number, h: number, z: number): number => {
    out[index] = h + targetHeight < z ? 0 : VISIBLE;
    return Math.max(h, z);
  };

  let row = new Float64Array(width);
  // The observer's row: the eye's cell and its two neighbours see, then straight lines outward.
  {
    const [left, right] = readRow(ny, row);
    const o = (ny - yStart) * width;
    out[o + cx] = VISIBLE;
    if (cx - 1 >= 0) out[o + cx - 1] = VISIBLE;
    if (cx + 1 < width) out[o + cx + 1] = VISIBLE;
    for (let c = cx - 2; c >= left; c--) row[c] = settle(o + c, row[c]!, line(cx - c, row[c + 1]!));
    for (let c = cx + 2; c < right; c++) row[c] = settle(o + c, row[c]!, line(c - cx, row[c - 1]!));
  }
  const first = row.slice();
  for (const step of [-1, 1]) {
    let last = first.slice();
    for (let lineNo = ny + step; lineNo >= yStart && lineNo < yStop; lineNo += step) {
      const dy = Math.abs(lineNo - ny);
      const [left, right] = readRow(lineNo, row);
      const o = (lineNo - yStart) * width;
      if (left < right)
        row[cx] = settle(o + cx, row[cx]!, dy === 1 ? row[cx]! : line(dy, last[cx]!));
      for (let c = cx - 1; c >= left; c--) {
        const dx = cx - c;
        let z: number;
        if (dx === dy) z = dx === 1 ? row[c]! : line(dx, last[c + 1]!);
        else if (dx >= dy) z = edge(dy, dx, last[c + 1]!, row[c + 1]!);
        else z = edge(dx, dy, last[c + 1]!, last[c]!);
        row[c] = settle(o + c, row[c]!, z);
      }
      for (let c = cx + 1; c < right; c++) {
        const dx = c - cx;
        let z: number;
        if (dx === dy) z = dx === 1 ? row[c]! : line(dx, last[c - 1]!);
        else if (dx >= dy) z = edge(dy, dx, last[c - 1]!, row[c - 1]!);
        else z = edge(dx, dy, last[c - 1]!, last[c]!);
        row[c] = settle(o + c, row[c]!, z);
      }
      [last, row] = [row, last];
    }
  }
  if (options.heading !== undefined && options.fov !== undefined)
    keepFieldOfView(out, width, height, cx, ny - yStart, pw, ph, options.heading, options.fov);
  return {
    width,
    height,
    data: out,
    geoTransform: [ox + xStart * pw, pw, 0, oy + yStart * ph, 0, ph],
    crs: dem.crs,
    ...(dem.linearUnitM !== undefined && { linearUnitM: dem.linearUnitM }),
    noData: undefined,
  };
}

/** Clears the cells outside the wedge `heading` ± fov / 2 (the observer's cell stays). */
function keepFieldOfView(
  out: Uint8Array,
  width: number,
  height: number,
  cx: number,
  cy: number,
  pw: number,
  ph: number,
  heading: number,
  fov: number,
): void {
  if (!(fov > 0)) throw new ViewshedError(`fov must be positive, got ${fov}`);
  if (fov >= 360) return;
  const half = fov / 2;
  for (let r = 0; r < height; r++)
    for (let c = 0; c < width; c++) {
      if (c === cx && r === cy) continue;
      const east = (c - cx) * pw;
      const north = (r - cy) * ph; // ph < 0 for north-up rasters: rows grow southward
      const bearing = ((Math.atan2(east, north) * 180) / Math.PI + 360) % 360;
      const off = Math.abs(((bearing - heading + 540) % 360) - 180);
      if (off > half) out[r * width + c] = 0;
    }
}
