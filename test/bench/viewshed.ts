// Viewshed: a 6 km x 6 km window of the Zion DEM resampled to 1 m with gdalwarp (6000 x 6000
// cells), a camera on a 40 m tower with a 3 km range, side by side with gdal_viewshed (Debian
// gdal-bin) in one run: wall time of each and the share of cells that agree. Run `npm run build`
// first; needs `apt-get install gdal-bin`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const core = '../../dist/core.js';
const { readGeoTiff, viewshed } = (await import(core)) as typeof import('../../src/index.js');

const DEM = fileURLToPath(new URL('../fixtures/zion-srtm-utm12n.tif', import.meta.url));
const [X, Y] = [318000, 4130000];

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
/** The file's bytes as an ArrayBuffer (Node gives a large file its own buffer: no copy then). */
const buffer = (path: string): ArrayBuffer => {
  const b = readFileSync(path);
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength
    ? (b.buffer as ArrayBuffer)
    : b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};

export async function viewshedReport(): Promise<string> {
  if (!has('gdalwarp') || !has('gdal_viewshed'))
    return 'Not run: gdalwarp and gdal_viewshed are missing (apt-get install gdal-bin).';
  const dir = mkdtempSync(join(tmpdir(), 'envmap-viewshed-'));
  try {
    const dem1m = join(dir, 'zion-1m.tif');
    execFileSync('gdalwarp', [
      '-q',
      '-te',
      `${X - 3000}`,
      `${Y - 3000}`,
      `${X + 3000}`,
      `${Y + 3000}`,
      '-tr',
      '1',
      '1',
      '-r',
      'bilinear',
      '-ot',
      'Float32',
      DEM,
      dem1m,
    ]);
    const gdalOut = join(dir, 'gdal.tif');
    let gdalMs = Infinity;
    for (let round = 0; round < 3; round++) {
      rmSync(gdalOut, { force: true });
      const t = performance.now();
      execFileSync('gdal_viewshed', [
        '-q',
        '-ox',
        `${X}`,
        '-oy',
        `${Y}`,
        '-oz',
        '40',
        '-md',
        '3000',
        '-cc',
        '0.85714',
        dem1m,
        gdalOut,
      ]);
      gdalMs = Math.min(gdalMs, performance.now() - t);
    }
    let fileMs = Infinity;
    let readMs = Infinity;
    let computeMs = Infinity;
    let mine: Awaited<ReturnType<typeof viewshed>> | undefined;
    for (let round = 0; round < 3; round++) {
      const t = performance.now();
      const bytes = buffer(dem1m);
      const t0 = performance.now();
      const dem = await readGeoTiff(bytes);
      const t1 = performance.now();
      fileMs = Math.min(fileMs, t0 - t);
      mine = viewshed(dem, { x: X, y: Y, height: 40 }, { maxDistance: 3000 });
      const t2 = performance.now();
      readMs = Math.min(readMs, t1 - t0);
      computeMs = Math.min(computeMs, t2 - t1);
    }
    const gdal = await readGeoTiff(buffer(gdalOut), { allowEmpty: true });
    let agree = 0;
    const same = gdal.width === mine!.width && gdal.height === mine!.height;
    if (same)
      for (let i = 0; i < gdal.data.length; i++) if (gdal.data[i] === mine!.data[i]) agree++;
    const total = fileMs + readMs + computeMs;
    return [
      `| 6000 x 6000 cells, 40 m camera, 3 km | time | ratio to gdal_viewshed |`,
      `| --- | ---: | ---: |`,
      `| gdal_viewshed (whole command: read, compute, write) | ${gdalMs.toFixed(0)} ms | 1 |`,
      `| file into memory + readGeoTiff + viewshed (dist/core.js) | ${total.toFixed(0)} ms | ${(total / gdalMs).toFixed(2)}x |`,
      `| of which reading the file (readFileSync) | ${fileMs.toFixed(0)} ms | ${(fileMs / gdalMs).toFixed(2)}x |`,
      `| of which readGeoTiff of the bytes in memory | ${readMs.toFixed(0)} ms | ${(readMs / gdalMs).toFixed(2)}x |`,
      `| of which viewshed alone | ${computeMs.toFixed(0)} ms | ${(computeMs / gdalMs).toFixed(2)}x |`,
      '',
      same
        ? `Cells agreeing with gdal_viewshed: ${((100 * agree) / gdal.data.length).toFixed(3)} % of ${gdal.data.length}.`
        : `Grids differ: GDAL ${gdal.width} x ${gdal.height}, envmap ${mine!.width} x ${mine!.height}.`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && existsSync(DEM))
  console.log(await viewshedReport());
