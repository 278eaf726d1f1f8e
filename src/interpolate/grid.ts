// Regular grids of cell centres and the samples interpolated onto them.

/** A sample: position in the grid's coordinate system and its value. */
export interface GridPoint {
  x: number;
  y: number;
  value: number;
}

export interface GridSpec {
  width: number;
  height: number;
  /** [minX, minY, maxX, maxY] */
  extent: readonly [number, number, number, number];
}

/** Throws a RangeError naming what is wrong with a grid specification. */
export function checkGrid(grid: GridSpec): void {
  const { width, height, extent } = grid ?? ({} as GridSpec);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw new RangeError(
      `grid width and height must be positive integers, got ${width} x ${height}`,
    );
  if (
    !Array.isArray(extent) ||
    extent.length !== 4 ||
    !extent.every(Number.isFinite) ||
    !(extent[2] > extent[0] && extent[3] > extent[1])
  )
    throw new RangeError(
      `grid extent must be [minX, minY, maxX, maxY], got ${JSON.stringify(extent)}`,
    );
}

/** Sample coordinates and values as typed arrays. */
export interface Samples {
  xs: Float64Array;
  ys: Float64Array;
  vs: Float64Array;
}

/** Keeps points with finite x, y and value; says how many were left out. */
export function usablePoints(points: readonly GridPoint[]): Samples & { skipped: number } {
  const n = points.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const vs = new Float64Array(n);
  let k = 0;
  for (const p of points) {
    if (p && Number.isFinite(p.x) && Number.isFinite(p.y) && Number.isFinite(p.value)) {
      xs[k] = p.x;
      ys[k] = p.y;
      vs[k] = p.value;
      k++;
    }
  }
  return { xs: xs.subarray(0, k), ys: ys.subarray(0, k), vs: vs.subarray(0, k), skipped: n - k };
}

/** Cell-centre coordinates: x of column c, y of row r (row 0 at the north edge). */
export function cellCentres(grid: GridSpec): { cx: Float64Array; cy: Float64Array } {
  const [minX, minY, maxX, maxY] = grid.extent;
  const cx = new Float64Array(grid.width);
  const cy = new Float64Array(grid.height);
  const dx = (maxX - minX) / grid.width;
  const dy = (maxY - minY) / grid.height;
  for (let c = 0; c < grid.width; c++) cx[c] = minX + (c + 0.5) * dx;
  for (let r = 0; r < grid.height; r++) cy[r] = maxY - (r + 0.5) * dy;
  return { cx, cy };
}
