// GDAL as the peer of the CRS tests: GeoTIFFs written by gdal_translate at run time, and the
// points GDAL (gdaltransform, on the CRS gdalsrsinfo reads from the same file) projects.

import { spawn, spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { after, type TestContext } from 'node:test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import proj4 from 'proj4';
import { readGeoTiff, type Raster } from '../../../src/index.js';

const installed = spawnSync('gdal_translate', ['--version']).status === 0;

/**
 * `skip` option of the GDAL tests: they run wherever GDAL is installed and always in CI (which
 * installs gdal-bin, so that a missing GDAL fails there instead of passing silently).
 */
export const skipWithoutGdal =
  !installed && !process.env.CI
    ? 'GDAL is not installed (apt-get install gdal-bin): the GDAL comparisons cannot run'
    : false;

/** Runs a GDAL program (asynchronously: the tests start many at once) and gives its output. */
function run(command: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) =>
      status === 0
        ? resolve(stdout)
        : reject(new Error(`${command} ${args.join(' ')} failed (${status}): ${stderr}`)),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

/** A temporary folder for one test file's GeoTIFFs, deleted after the file's tests. */
export function scratch(): { path: (name: string) => string } {
  let dir: string | undefined;
  after(() => dir && rmSync(dir, { recursive: true, force: true }));
  return { path: (name) => join((dir ??= mkdtempSync(join(tmpdir(), 'envmap-crs-'))), name) };
}

let tinySource: Promise<string> | undefined;

/**
 * Writes `out` with gdal_translate: `source` (default: a 4 x 4 Float32 raster made once) with the
 * CRS `srs` (a PROJ string) and the corners `ullr` ([ulx, uly, lrx, lry]); `options` go first
 * (e.g. `-srcwin`).
 */
export async function gdalTranslate(
  out: string,
  srs: string,
  ullr: readonly number[],
  source?: string,
  options: readonly string[] = [],
): Promise<string> {
  const input =
    source ??
    (await (tinySource ??= run('gdal_create', [
      ...['-q', '-of', 'GTiff', '-outsize', '4', '4', '-ot', 'Float32', '-burn', '5'],
      join(dirname(out), 'tiny-source.tif'),
    ]).then(() => join(dirname(out), 'tiny-source.tif'))));
  const corners = ullr.map(String);
  await run('gdal_translate', [
    '-q',
    '-of',
    'GTiff',
    ...options,
    '-a_srs',
    srs,
    '-a_ullr',
    ...corners,
    input,
    out,
  ]);
  return out;
}

/** Writes a GeoTIFF's bytes to `path` and returns the path. */
export function writeFile(path: string, bytes: Uint8Array): string {
  writeFileSync(path, bytes);
  return path;
}

/** The file read by readGeoTiff. */
export async function readFile(path: string): Promise<Raster> {
  const b = readFileSync(path);
  return readGeoTiff(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength), {
    allowEmpty: true,
  });
}

/** The longitude/latitude CRS on the ellipsoid GDAL reads from the file (Greenwich, no datum shift). */
function gdalGeographic(wkt: string): string {
  const m = /ELLIPSOID\["[^"]*",([-\d.e+]+),([-\d.e+]+)/.exec(wkt);
  if (!m) throw new Error(`no ellipsoid in GDAL's CRS:\n${wkt}`);
  const [a, rf] = [Number(m[1]), Number(m[2])];
  return `+proj=longlat +a=${a} ${rf === 0 ? `+b=${a}` : `+rf=${rf}`} +no_defs`;
}

export interface Comparison {
  raster: Raster;
  /** Largest distance between GDAL's and proj4's projected points, metres. */
  maxMetres: number;
  /** GDAL's points, CRS units (through the raster's geotransform). */
  gdal: Array<[number, number]>;
  /** The longitude/latitude CRS of the points (the file's ellipsoid). */
  geographic: string;
}

/**
 * Projects longitude/latitude points with GDAL, from the CRS GDAL reads from the file, and with
 * proj4 from the CRS readGeoTiff gives, and measures the gap. The points are on `geographic`
 * (a PROJ longitude/latitude string on the file's ellipsoid), or on the ellipsoid GDAL reads
 * from the file when it is not given.
 */
export async function compareWithGdal(
  path: string,
  lonLats: ReadonlyArray<readonly [number, number]>,
  geographic?: string,
): Promise<Comparison> {
  const points = lonLats.map(([lon, lat]) => `${lon} ${lat}`).join('\n') + '\n';
  let lonLatCrs = geographic;
  if (!lonLatCrs) {
    const wkt = await run('gdalsrsinfo', ['-o', 'wkt', path]);
    if (!wkt.includes('PROJCRS')) throw new Error(`GDAL reads no projected CRS from ${path}`);
    lonLatCrs = gdalGeographic(wkt);
  }
  // Inverse of the file's own transformation: longitude/latitude to pixel and line.
  const lines = await run('gdaltransform', ['-i', '-t_srs', lonLatCrs, path], points);
  const raster = await readFile(path);
  const [ox, pw, , oy, , ph] = raster.geoTransform;
  const gdal = lines
    .trim()
    .split('\n')
    .map((line) => {
      const [px, py] = line.trim().split(/\s+/).map(Number) as [number, number];
      return [ox + px * pw, oy + py * ph] as [number, number];
    });
  if (!raster.crs) throw new Error(`readGeoTiff gives no CRS for ${path}`);
  const converter = proj4(lonLatCrs, raster.crs);
  const unit = raster.linearUnitM ?? 1;
  let maxMetres = 0;
  lonLats.forEach((p, i) => {
    const [x, y] = converter.forward([p[0], p[1]]);
    const [gx, gy] = gdal[i]!;
    maxMetres = Math.max(maxMetres, Math.hypot(x - gx, y - gy) * unit);
  });
  return { raster, maxMetres, gdal, geographic: lonLatCrs };
}

/** Asserts that proj4 and GDAL agree within 1 mm, and reports by how much. */
export function assertWithinMillimetre(t: TestContext, { maxMetres }: Comparison): void {
  t.diagnostic(`max difference from GDAL: ${(maxMetres * 1e6).toFixed(1)} µm`);
  assert.ok(maxMetres < 0.001, `${(maxMetres * 1000).toFixed(3)} mm from GDAL`);
}

/** Runs gdal_viewshed on `dem` into `out` (the options GDAL's fixtures were made with). */
export async function gdalViewshed(
  dem: string,
  out: string,
  observer: { x: number; y: number; height: number },
  maxDistance: number,
): Promise<string> {
  await run('gdal_viewshed', [
    '-q',
    ...['-ox', String(observer.x), '-oy', String(observer.y), '-oz', String(observer.height)],
    ...['-md', String(maxDistance), '-cc', '0.85714'],
    dem,
    out,
  ]);
  return out;
}
