// GeoTIFF and Cloud-Optimized GeoTIFF reading through `geotiff` (loaded on the first read, as
// MQTT.js is on the first MQTT feed): CRS from the GeoKeys (EPSG codes and user-defined CRSs, see
// src/crs), nodata, and windowed reads so that a large DEM loads only the part around a camera.

import type { GeoTIFFImage } from 'geotiff';
import { CrsError, crsFromGeoKeys, loadProj4, type GeoKeysCrs } from '../crs/index.js';
import {
  blobSource,
  byteReader,
  geotiffSource,
  isByteSource,
  type ByteSource,
} from './byte-source.js';
import { blockCopyType, readBlocks, rowsOfStrips } from './geotiff-blocks.js';
import type { Raster, RasterData } from './raster.js';

/** Raised for a file that cannot be used as a raster; the message names the problem. */
export class GeoTiffError extends Error {
  override name = 'GeoTiffError';
}

export interface ReadGeoTiffOptions {
  /** Only this part: [minX, minY, maxX, maxY] in the file's CRS (cells touching it are read). */
  window?: readonly [number, number, number, number];
  /** Called with 0..1 as the read goes on. */
  onProgress?: (fraction: number) => void;
  /** Accept a raster where every cell is nodata (default false: an error). */
  allowEmpty?: boolean;
}

/** The CRS from the GeoKeys: an EPSG code, a user-defined CRS registered with proj4, or none. */
function crsOf(image: GeoTIFFImage): GeoKeysCrs {
  try {
    return crsFromGeoKeys(image.getGeoKeys?.() ?? {});
  } catch (e) {
    if (!(e instanceof CrsError)) throw e;
    throw new GeoTiffError(
      e.reason === 'missing'
        ? 'GeoTIFF has no EPSG code in its GeoKeys and no projection to build a CRS from (user-defined or missing CRS)'
        : `GeoTIFF ${e.message}`,
      { cause: e },
    );
  }
}

/**
 * Reads the first band of a GeoTIFF (an ArrayBuffer, a Blob, a ByteSource or a URL) into a Raster.
 * Uncompressed strips are read straight into the raster; a ByteSource (a file read on demand)
 * lets a large DEM be read without holding the file in memory as well.
 * An uncompressed, stripped, little-endian file given as an ArrayBuffer (what GDAL writes by
 * default) is not copied when its rows are aligned: the Raster's data is then a view on that
 * buffer, so changing one changes the other. Every other layout is decoded block by block into a new array.
 * The raster's `crs` is the file's EPSG code, or a `GEOTIFF:` name registered with proj4 for a
 * user-defined CRS; it is undefined for a user-defined CRS the kit cannot build (an unsupported
 * projection), whose `linearUnitM` still tells its unit.
 * @throws GeoTiffError for a truncated or unreadable file, one without georeferencing, without a
 *   CRS or with an EPSG code proj4 does not know, a window outside the raster, or a raster that
 *   is all nodata
 */
export async function readGeoTiff(
  source: ArrayBuffer | Blob | ByteSource | string,
  options: ReadGeoTiffOptions = {},
): Promise<Raster> {
  // Reports only ever go up (the readers' last step and the end both say 1).
  let reported = -1;
  const progress = (fraction: number) => {
    if (fraction <= reported) return;
    reported = fraction;
    options.onProgress?.(fraction);
  };
  progress(0);
  let image: GeoTIFFImage;
  try {
    const { fromArrayBuffer, fromUrl, GeoTIFF } = await import('geotiff');
    const tiff =
      typeof source === 'string'
        ? await fromUrl(source)
        : source instanceof ArrayBuffer
          ? await fromArrayBuffer(source)
          : await GeoTIFF.fromSource(
              geotiffSource(isByteSource(source) ? source : blobSource(source)) as never,
            );
    image = await tiff.getImage();
  } catch (e) {
    throw new GeoTiffError(`not a readable GeoTIFF: ${(e as Error).message}`, { cause: e });
  }
  let origin: number[];
  let resolution: number[];
  try {
    origin = image.getOrigin();
    resolution = image.getResolution();
  } catch (e) {
    throw new GeoTiffError('GeoTIFF has no georeferencing (no tie point and pixel scale)', {
      cause: e,
    });
  }
  await loadProj4(); // there already but in the script-tag build, which loads it on first use
  const crs = crsOf(image);
  const fullW = image.getWidth();
  const fullH = image.getHeight();
  const [ox, oy] = origin as [number, number];
  const [rx, ry] = resolution as [number, number];
  let [x0, y0, x1, y1] = [0, 0, fullW, fullH];
  if (options.window) {
    const [minX, minY, maxX, maxY] = options.window;
    x0 = Math.max(0, Math.floor((minX - ox) / rx));
    x1 = Math.min(fullW, Math.ceil((maxX - ox) / rx));
    y0 = Math.max(0, Math.floor((maxY - oy) / ry));
    y1 = Math.min(fullH, Math.ceil((minY - oy) / ry));
    if (!(x1 > x0 && y1 > y0))
      throw new GeoTiffError(
        `window ${JSON.stringify(options.window)} does not overlap the raster`,
      );
  }
  progress(0.1);
  let data: RasterData;
  try {
    const Type = blockCopyType(image);
    const cells: [number, number, number, number] = [x0, y0, x1, y1];
    const direct =
      Type && typeof source !== 'string'
        ? await rowsOfStrips(image, Type, byteReader(source), cells, progress)
        : undefined;
    if (direct) data = direct;
    else if (Type) data = await readBlocks(image, Type, cells, progress);
    else {
      const bands = (await image.readRasters({
        window: [x0, y0, x1, y1],
        samples: [0],
      })) as unknown as RasterData[];
      data = bands[0]!;
    }
  } catch (e) {
    throw new GeoTiffError(`GeoTIFF data could not be read (truncated?): ${(e as Error).message}`, {
      cause: e,
    });
  }
  progress(1);
  const noDataValue = image.getGDALNoData();
  const noData =
    noDataValue === null || noDataValue === undefined ? undefined : Number(noDataValue);
  if (!options.allowEmpty && noData !== undefined) {
    let valid = false;
    for (let i = 0; i < data.length && !valid; i++)
      valid = data[i] !== noData && !Number.isNaN(data[i]);
    if (!valid) throw new GeoTiffError('every cell of the raster (or window) is nodata');
  }
  return {
    width: x1 - x0,
    height: y1 - y0,
    data,
    geoTransform: [ox + x0 * rx, rx, 0, oy + y0 * ry, 0, ry],
    crs: crs.crs,
    ...(crs.linearUnitM !== undefined && { linearUnitM: crs.linearUnitM }),
    noData,
  };
}
