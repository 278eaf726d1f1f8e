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
  /**
   * A name proj4 knows, e.g. `EPSG:32612` or `GEOTIFF:1a2b3c4d` (a user-defined CRS read from a
   * GeoTIFF); undefined when the CRS is unknown: coordinates are then the raster's own.
   */
  crs?: string;
  /** Metres per CRS unit of a projected raster (1 for metres, 0.3048 for feet), when known. */
  linearUnitM?: number;
  noData?: number;
}

/** The cell (column, row) holding a point, as GDAL truncates it; may lie outside the raster. */
export function cellOf(raster: Raster, x: number, y: number): [number, number] {
  const [ox, pw, , oy, , ph] = raster.geoTransform;
  return [Math.trunc((x - ox) / pw), Math.trunc((y - oy) / ph)];
}
