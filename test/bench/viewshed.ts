// Viewshed: a 6 km x 6 km window of the Zion DEM resampled to 1 m with gdalwarp (6000 x 6000
// cells), a camera on a 40 m tower with a 3 km range, side by side with gdal_viewshed (Debian
// gdal-bin) in one run: wall time of each (best whole run of three) and the share of cells that
// agree. The DEM is read as a ByteSource over the file, as a Node program would read a large file,
// and, for comparison, from an ArrayBuffer of the whole file. Run `npm run build`
// first; needs `apt-get install gdal-bin`.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
} from 'node:fs';
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
    type Run = { total: number; read: number; compute: number };
    const best = (runs: Run[]) => runs.reduce((m, r) => (r.total < m.total ? r : m));
    let mine: Awaited<ReturnType<typeof viewshed>> | undefined;
    /** One end-to-end run: open the file as `open` says, read the DEM, compute the viewshed. */
    const run = async (open: () => Parameters<typeof readGeoTiff>[0], close = () => {}) => {
      const t0 = performance.now();
      const dem = await readGeoTiff(open());
      const t1 = performance.now();
      mine = viewshed(dem, { x: X, y: Y, height: 40 }, { maxDistance: 3000 });
      const t2 = performance.now();
      close();
      return { total: t2 - t0, read: t1 - t0, compute: t2 - t1 };
    };
    const fromFile: Run[] = [];
    const fromMemory: Run[] = [];
    for (let round = 0; round < 3; round++) {
      let fd = -1;
      fromFile.push(
        await run(
          () => {
            fd = openSync(dem1m, 'r');
            return {
              size: fstatSync(fd).size,
              readInto: (o, t) => readSync(fd, t, 0, t.length, o),
            };
          },
          () => closeSync(fd),
        ),
      );
      fromMemory.push(await run(() => buffer(dem1m)));
    }
    const gdal = await readGeoTiff(buffer(gdalOut), { allowEmpty: true });
    let agree = 0;
    const same = gdal.width === mine!.width && gdal.height === mine!.height;
    if (same)
      for (let i = 0; i < gdal.data.length; i++) if (gdal.data[i] === mine!.data[i]) agree++;
    const f = best(fromFile);
    const m = best(fromMemory);
    const ratio = (ms: number) => `${(ms / gdalMs).toFixed(2)}x`;
    return [
      `| 6000 x 6000 cells, 40 m camera, 3 km | time | ratio to gdal_viewshed |`,
      `| --- | ---: | ---: |`,
      `| gdal_viewshed (whole command: read, compute, write) | ${gdalMs.toFixed(0)} ms | 1 |`,
      `| readGeoTiff of the file as a ByteSource + viewshed (dist/core.js) | ${f.total.toFixed(0)} ms | ${ratio(f.total)} |`,
      `| of which readGeoTiff (opening and reading the file) | ${f.read.toFixed(0)} ms | ${ratio(f.read)} |`,
      `| of which viewshed | ${f.compute.toFixed(0)} ms | ${ratio(f.compute)} |`,
      `| readFileSync + readGeoTiff of the ArrayBuffer + viewshed | ${m.total.toFixed(0)} ms | ${ratio(m.total)} |`,
      `| of which readFileSync + readGeoTiff | ${m.read.toFixed(0)} ms | ${ratio(m.read)} |`,
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
