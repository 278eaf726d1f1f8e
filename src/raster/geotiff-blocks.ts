// Reading one band of a GeoTIFF block by block: each strip or tile is decoded by geotiff's own
// decoder (any compression and predictor it knows), then copied into the window row by row as
// typed-array slices instead of cell by cell. Used where the cell layout allows it: little-endian
// data on a little-endian machine, whole-byte integers or 32/64-bit floats, one sample per pixel
// or planar bands. Elsewhere readGeoTiff uses geotiff's general readRasters.

import type { GeoTIFFImage } from 'geotiff';
import type { ByteReader } from './byte-source.js';
import type { RasterData } from './raster.js';

/** Bytes copied between progress reports. */
const COPY_CHUNK = 16 << 20;

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type ArrayCtor = {
  new (length: number): RasterData;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): RasterData;
  readonly BYTES_PER_ELEMENT: number;
};

function arrayType(format: number, bits: number): ArrayCtor | undefined {
  if (format === 3) return bits === 32 ? Float32Array : bits === 64 ? Float64Array : undefined;
  if (format === 2) return ({ 8: Int8Array, 16: Int16Array, 32: Int32Array } as const)[bits];
  if (format === 1) return ({ 8: Uint8Array, 16: Uint16Array, 32: Uint32Array } as const)[bits];
  return undefined;
}

/** The array type of band 0 when the block copy can read this image, else undefined. */
export function blockCopyType(image: GeoTIFFImage): ArrayCtor | undefined {
  if (!HOST_LITTLE_ENDIAN || !image.littleEndian) return undefined;
  if (image.getSamplesPerPixel() !== 1 && image.planarConfiguration !== 2) return undefined;
  if (!PLAIN_COMPRESSIONS.has(compressionOf(image))) return undefined;
  return arrayType(image.getSampleFormat(0), image.getBitsPerSample(0));
}

/**
 * Cells [x0, x1) x [y0, y1) of an uncompressed, stripped file, taken straight from its bytes:
 * a view on the file's ArrayBuffer itself (no copy) when whole rows lie end to end at an aligned
 * offset, the usual layout GDAL writes; else copied into the raster (in one piece when the rows
 * are contiguous). Undefined for compressed or tiled files.
 */
export async function rowsOfStrips(
  image: GeoTIFFImage,
  Type: ArrayCtor,
  file: ByteReader,
  [x0, y0, x1, y1]: [number, number, number, number],
  progress: (fraction: number) => void,
): Promise<RasterData | undefined> {
  if (image.isTiled || compressionOf(image) !== 1 || image.getSamplesPerPixel() !== 1)
    return undefined;
  const directory = image.fileDirectory;
  const offsets = (await directory.loadValue('StripOffsets')) as ArrayLike<number | bigint>;
  const rows = image.getTileHeight();
  const size = Type.BYTES_PER_ELEMENT;
  const rowBytes = image.getWidth() * size;
  const at = (r: number) =>
    Number(offsets[Math.floor(r / rows)]) + (r % rows) * rowBytes + x0 * size;
  const width = x1 - x0;
  const last = at(y1 - 1) + width * size;
  if (![at(y0), last].every(Number.isFinite) || last > file.size)
    throw new Error(`the file ends before row ${y1} (${file.size} bytes)`);
  const contiguous = x0 === 0 && x1 === image.getWidth() && last - at(y0) === (y1 - y0) * rowBytes;
  if (contiguous && file.buffer && at(y0) % size === 0)
    return new Type(file.buffer, at(y0), width * (y1 - y0));
  const out = new Type(width * (y1 - y0));
  const bytes = new Uint8Array(out.buffer);
  if (contiguous)
    for (let done = 0; done < bytes.length;) {
      const end = Math.min(bytes.length, done + COPY_CHUNK);
      await file.copy(at(y0) + done, bytes.subarray(done, end));
      progress(0.1 + (0.9 * end) / bytes.length);
      done = end;
    }
  else {
    const every = Math.ceil((y1 - y0) / 100); // about a hundred reports
    for (let r = y0; r < y1; r++) {
      await file.copy(at(r), bytes.subarray((r - y0) * width * size, (r - y0 + 1) * width * size));
      const n = r - y0 + 1;
      if (n % every === 0 || r === y1 - 1) progress(0.1 + (0.9 * n) / (y1 - y0));
    }
  }
  return out;
}

/** Cells [x0, x1) x [y0, y1) of band 0, read block by block; progress goes from 0.1 to 1. */
export async function readBlocks(
  image: GeoTIFFImage,
  Type: ArrayCtor,
  [x0, y0, x1, y1]: [number, number, number, number],
  progress: (fraction: number) => void,
): Promise<RasterData> {
  const { getDecoder } = (await import('geotiff')) as unknown as Decoders;
  const directory = image.fileDirectory;
  const decoder = await getDecoder(compressionOf(image), {
    tileWidth: image.getTileWidth(),
    tileHeight: image.getTileHeight(),
    planarConfiguration: image.planarConfiguration,
    bitsPerSample: await directory.loadValue('BitsPerSample'),
    predictor: Number((await directory.loadValue('Predictor')) ?? 1) || 1,
  });
  const tw = image.getTileWidth();
  const th = image.getTileHeight();
  const width = x1 - x0;
  const out = new Type(width * (y1 - y0));
  const [tx0, tx1] = [Math.floor(x0 / tw), Math.ceil(x1 / tw)];
  const [ty0, ty1] = [Math.floor(y0 / th), Math.ceil(y1 / th)];
  const total = (tx1 - tx0) * (ty1 - ty0);
  let done = 0;
  let reported = 0;
  for (let ty = ty0; ty < ty1; ty++)
    for (let tx = tx0; tx < tx1; tx++) {
      const { data } = await image.getTileOrStrip(tx, ty, 0, decoder);
      const block = new Type(data, 0, Math.floor(data.byteLength / Type.BYTES_PER_ELEMENT));
      const [bx, by] = [tx * tw, ty * th];
      const c0 = Math.max(x0, bx);
      const c1 = Math.min(x1, bx + tw);
      const r1 = Math.min(y1, by + th);
      for (let r = Math.max(y0, by); r < r1; r++) {
        const from = (r - by) * tw + (c0 - bx);
        if (from + (c1 - c0) > block.length)
          throw new Error(`block ${tx},${ty} holds fewer cells than its size says`);
        out.set(block.subarray(from, from + (c1 - c0)), (r - y0) * width + (c0 - x0));
      }
      const fraction = 0.1 + (0.9 * ++done) / total;
      if (fraction - reported >= 0.01 || done === total) progress((reported = fraction));
    }
  return out;
}

interface Decoders {
  getDecoder(
    compression: number,
    parameters: Record<string, unknown>,
  ): Promise<{ decode(buffer: ArrayBufferLike): Promise<ArrayBufferLike> }>;
}

/** Compressions whose decoders take only the block layout and predictor (JPEG, LERC and WebP need more). */
const PLAIN_COMPRESSIONS = new Set([1, 5, 8, 32946, 32773, 50000]);

const compressionOf = (image: GeoTIFFImage) =>
  Number(image.fileDirectory.getValue('Compression') ?? 1);
