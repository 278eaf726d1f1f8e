// The kit's raster: row-major cells, first row at the north edge, GDAL's geotransform.

export type RasterData =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array;

export interface Raster {
  width: number;
  height: number;
  data: RasterData;
  /** [originX, pixelW, 0, originY, 0, -pixelH] as GDAL writes it. */
  geoTransform: [number, number, number, number, number, number];
  /** e.g. `EPSG:32612`. */
  crs: string;
  noData?: number;
}

/** The cell (column, row) holding a point, as GDAL truncates it; may lie outside the raster. */
export function cellOf(raster: Raster, x: number, y: number): [number, number] {
  const [ox, pw, , oy, , ph] = raster.geoTransform;
  return [Math.trunc((x - ox) / pw), Math.trunc((y - oy) / ph)];
}
