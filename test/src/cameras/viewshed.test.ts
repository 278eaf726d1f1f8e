import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { writeArrayBuffer } from 'geotiff';
import {
  GeoTiffError,
  ViewshedError,
  readGeoTiff,
  viewshed,
  type ByteSource,
} from '../../../src/index.js';

/** A small georeferenced GeoTIFF written by geotiff's own writer, with GeoKeys to vary. */
async function smallTiff(values: number[], keys: Record<string, unknown>): Promise<ArrayBuffer> {
  const metadata = {
    width: 4,
    height: 4,
    ModelPixelScale: [90, 90, 0],
    ModelTiepoint: [0, 0, 0, 300000, 4150000, 0],
    GTModelTypeGeoKey: 1,
    ...keys,
  };
  return (await writeArrayBuffer(Float32Array.from(values), metadata as never)) as ArrayBuffer;
}

function bytes(name: string): ArrayBuffer {
  const b = readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}

const OBSERVER = { x: 318000, y: 4130000 };

describe('readGeoTiff', () => {
  it('reads the Zion COG: size, geotransform, CRS from the GeoKeys, nodata', async () => {
    const fractions: number[] = [];
    const dem = await readGeoTiff(bytes('zion-srtm-utm12n.tif'), {
      onProgress: (f) => fractions.push(f),
    });
    assert.equal(dem.width, 392);
    assert.equal(dem.height, 478);
    assert.equal(dem.crs, 'EPSG:32612');
    assert.equal(dem.noData, -9999);
    assert.deepEqual(dem.geoTransform.slice(1), [90, 0, 4154130.7138960897, 0, -90]);
    assert.deepEqual([fractions[0], fractions.at(-1)], [0, 1]);
  });

  it('a window reads only the cells around a point, equal to the same cells of the whole', async () => {
    const whole = await readGeoTiff(bytes('zion-srtm-utm12n.tif'));
    const part = await readGeoTiff(bytes('zion-srtm-utm12n.tif'), {
      window: [OBSERVER.x - 3000, OBSERVER.y - 3000, OBSERVER.x + 3000, OBSERVER.y + 3000],
    });
    assert.ok(part.width <= 68 && part.height <= 68, `${part.width} x ${part.height}`);
    const c0 = Math.round((part.geoTransform[0] - whole.geoTransform[0]) / 90);
    const r0 = Math.round((whole.geoTransform[3] - part.geoTransform[3]) / 90);
    for (let r = 0; r < part.height; r += 7)
      for (let c = 0; c < part.width; c += 5)
        assert.equal(part.data[r * part.width + c], whole.data[(r + r0) * whole.width + c + c0]);
  });

  it('block-by-block reading equals geotiff readRasters, whole and windowed, in every layout', async () => {
    const { fromArrayBuffer } = await import('geotiff');
    for (const name of [
      'zion-srtm-utm12n.tif', // tiled, deflate, predictor 2, Float32: block copy
      'gdal-viewshed/obs-a-oz40-md3000.tif', // stripped Byte: block copy
      'zion-window-big-endian.tif', // big-endian LZW Int16: geotiff's path
    ]) {
      const image = await (await fromArrayBuffer(bytes(name))).getImage();
      const [w, h] = [image.getWidth(), image.getHeight()];
      for (const cells of [
        [0, 0, w, h],
        [3, 5, Math.min(w, 77), Math.min(h, 71)],
      ] as const) {
        const [ox, oy] = image.getOrigin() as [number, number];
        const [rx, ry] = image.getResolution() as [number, number];
        const [x0, y0, x1, y1] = cells;
        const window = [
          ox + x0 * rx + 1e-6,
          oy + y1 * ry + 1e-6,
          ox + x1 * rx - 1e-6,
          oy + y0 * ry - 1e-6,
        ] as const;
        const mine = await readGeoTiff(bytes(name), { window, allowEmpty: true });
        const theirs = (
          (await image.readRasters({
            window: [...cells],
            samples: [0],
          })) as unknown as ArrayLike<number>[]
        )[0]!;
        assert.deepEqual([mine.width, mine.height], [x1 - x0, y1 - y0], name);
        assert.equal(mine.data.constructor, (theirs as object).constructor, name);
        assert.deepEqual(Array.from(mine.data), Array.from(theirs), `${name} ${cells}`);
      }
    }
  });

  it('reports progress as the cells are read', async () => {
    // GDAL's output: uncompressed strips. A window one column in from the west edge is copied
    // row by row; the whole file in one piece, in chunks.
    const name = 'gdal-viewshed/obs-a-oz40-md3000.tif';
    const whole = await readGeoTiff(bytes(name), { allowEmpty: true });
    const [ox, pw, , oy, , ph] = whole.geoTransform;
    const fractions: number[] = [];
    const part = await readGeoTiff(bytes(name), {
      allowEmpty: true,
      window: [ox + pw + 1, oy + whole.height * ph + 1, ox + whole.width * pw - 1, oy - 1],
      onProgress: (f) => fractions.push(f),
    });
    assert.equal(part.width, whole.width - 1);
    assert.equal(part.data[0], whole.data[1]);
    assert.ok(fractions.length >= 10, `${fractions.length} reports`);
    assert.deepEqual([fractions[0], fractions.at(-1)], [0, 1]);
    for (let i = 1; i < fractions.length; i++) assert.ok(fractions[i]! > fractions[i - 1]!);
  });

  it('a ByteSource (a file read on demand) and a Blob give what the ArrayBuffer gives', async () => {
    for (const name of [
      'zion-srtm-utm12n.tif',
      'gdal-viewshed/obs-a-oz40-md3000.tif',
      'zion-window-big-endian.tif',
    ]) {
      const buffer = bytes(name);
      const reads: number[] = [];
      const source: ByteSource = {
        size: buffer.byteLength,
        readInto: (offset, target) => {
          const n = Math.max(0, Math.min(target.length, buffer.byteLength - offset, 50_000));
          target.set(new Uint8Array(buffer, offset, n));
          reads.push(n);
          return n; // at most 50,000 bytes a call: callers must loop
        },
      };
      const expected = await readGeoTiff(buffer, { allowEmpty: true });
      for (const input of [source, new Blob([buffer])]) {
        const got = await readGeoTiff(input, { allowEmpty: true });
        assert.deepEqual(
          [got.width, got.height, got.crs],
          [expected.width, expected.height, expected.crs],
        );
        assert.deepEqual(got.geoTransform, expected.geoTransform);
        assert.deepEqual(Array.from(got.data), Array.from(expected.data), name);
      }
      assert.ok(reads.length > 0, 'the source was read');
    }
    const full = bytes('gdal-viewshed/obs-a-oz40-md3000.tif');
    const cut = full.slice(0, full.byteLength - 500);
    const truncated: ByteSource = {
      size: full.byteLength, // claims more than it has
      readInto: (offset, target) => {
        const n = Math.max(0, Math.min(target.length, cut.byteLength - offset));
        if (n > 0) target.set(new Uint8Array(cut, offset, n));
        return n;
      },
    };
    await assert.rejects(
      readGeoTiff(truncated, { allowEmpty: true }),
      /could not be read \(truncated\?\)/,
    );
  });

  it('broken input: a GeoTiffError naming the problem', async () => {
    const full = bytes('zion-srtm-utm12n.tif');
    await assert.rejects(readGeoTiff(full.slice(0, 2000)), GeoTiffError);
    await assert.rejects(
      readGeoTiff(full.slice(0, full.byteLength - 5000)),
      /could not be read \(truncated\?\)/,
    );
    await assert.rejects(readGeoTiff(bytes('no-georef.tif')), /no georeferencing/);
    await assert.rejects(
      readGeoTiff(new TextEncoder().encode('not a tiff').buffer),
      /not a readable GeoTIFF/,
    );
    await assert.rejects(
      readGeoTiff(full, { window: [0, 0, 10, 10] }),
      /does not overlap the raster/,
    );
    const cells = Array.from({ length: 16 }, () => 5);
    await assert.rejects(
      readGeoTiff(await smallTiff(cells, { ProjectedCSTypeGeoKey: 3 })),
      /CRS EPSG:3 is not known/,
    );
    await assert.rejects(
      readGeoTiff(await smallTiff(cells, { ProjectedCSTypeGeoKey: 32767 })),
      /no EPSG code in its GeoKeys/,
    );
    const empty = await smallTiff(
      cells.map(() => -9999),
      { ProjectedCSTypeGeoKey: 32612, GDAL_NODATA: '-9999' },
    );
    await assert.rejects(readGeoTiff(empty), /every cell .* is nodata/);
    const ok = await readGeoTiff(await smallTiff(cells, { ProjectedCSTypeGeoKey: 4547 }));
    assert.equal(ok.crs, 'EPSG:4547', 'a CGCS2000 Gauss-Krüger zone');
  });
});

describe('viewshed', () => {
  for (const [file, height, maxDistance] of [
    ['obs-a-oz40-md3000.tif', 40, 3000],
    ['obs-b-oz10-md15000.tif', 10, 15000],
  ] as const)
    it(`agrees with gdal_viewshed on at least 99.5 % of cells (${file})`, async () => {
      const dem = await readGeoTiff(bytes('zion-srtm-utm12n.tif'));
      const gdal = await readGeoTiff(bytes(`gdal-viewshed/${file}`), { allowEmpty: true });
      const mine = viewshed(dem, { ...OBSERVER, height }, { maxDistance });
      assert.equal(mine.width, gdal.width);
      assert.equal(mine.height, gdal.height);
      assert.deepEqual(mine.geoTransform, gdal.geoTransform);
      let agree = 0;
      for (let i = 0; i < gdal.data.length; i++) if (gdal.data[i] === mine.data[i]) agree++;
      const share = agree / gdal.data.length;
      // Measured: 99.685 % (obs-a) and 99.794 % (obs-b).
      assert.ok(share >= 0.995, `${(share * 100).toFixed(3)} % of cells agree`);
    });

  it('a heading and field of view keep only the wedge; bad observers are refused', async () => {
    const dem = await readGeoTiff(bytes('zion-srtm-utm12n.tif'));
    const all = viewshed(dem, { ...OBSERVER, height: 40 }, { maxDistance: 3000 });
    const east = viewshed(
      dem,
      { ...OBSERVER, height: 40 },
      { maxDistance: 3000, heading: 90, fov: 60 },
    );
    let inWedge = 0;
    for (let r = 0; r < east.height; r++)
      for (let c = 0; c < east.width; c++) {
        const i = r * east.width + c;
        if (east.data[i]) {
          inWedge++;
          assert.equal(all.data[i], 255);
          assert.ok(c >= 34, `visible cell west of the camera at ${r},${c}`);
        }
      }
    assert.ok(inWedge > 20 && inWedge < 1043 / 2, `${inWedge} cells in the wedge`);
    assert.throws(() => viewshed(dem, { x: 0, y: 0, height: 40 }), ViewshedError);
    assert.throws(
      () => viewshed(dem, { ...OBSERVER, height: Number.NaN }),
      /finite x, y and height/,
    );
    assert.throws(
      () => viewshed(dem, { ...OBSERVER, height: 1 }, { maxDistance: -1 }),
      /maxDistance/,
    );
  });
});
