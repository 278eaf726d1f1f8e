// Helpers of the track tests: the real files in the shared data folder and checks on results.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { TrackParseError, type TrackFile } from '../../../src/tracks/index.js';

/** The shared data folder sits beside the project: `../shared/data/tracks` from its root. */
export const TRACKS = resolve(process.cwd(), '../shared/data/tracks');

/** Full path of a shared track file; fails (does not skip) naming the path when it is missing. */
export function sharedPath(sub: string, name: string): string {
  const path = resolve(TRACKS, sub, name);
  assert.ok(existsSync(path), `missing shared track file ${path}`);
  return path;
}

/** Names of the shared files of one folder whose names end with one of `extensions`. */
export function sharedFiles(sub: string, extensions: string[]): string[] {
  const dir = resolve(TRACKS, sub);
  assert.ok(existsSync(dir), `missing shared track folder ${dir}`);
  return readdirSync(dir)
    .filter((n) => extensions.some((e) => n.toLowerCase().endsWith(e)))
    .sort();
}

export function sharedText(sub: string, name: string): string {
  return readFileSync(sharedPath(sub, name), 'utf8');
}

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`fixtures/${name}`, import.meta.url)));
}

/** Every point of every track has a finite, in-range position; every track has points. */
export function assertSane(file: TrackFile): void {
  assert.ok(file.tracks.length > 0, 'at least one track');
  assert.ok(Array.isArray(file.warnings) && file.warnings.every((w) => typeof w === 'string'));
  for (const track of file.tracks) {
    assert.ok(track.points.length > 0, 'no empty track');
    for (const p of track.points) {
      assert.ok(Number.isFinite(p.lon) && p.lon >= -180 && p.lon <= 180, `lon ${p.lon}`);
      assert.ok(Number.isFinite(p.lat) && p.lat >= -90 && p.lat <= 90, `lat ${p.lat}`);
      assert.ok(!(p.lon === 0 && p.lat === 0), '0,0');
      assert.equal(typeof p.time, 'number');
      if (p.alt !== undefined) assert.ok(Number.isFinite(p.alt), `alt ${p.alt}`);
    }
  }
}

/** Runs `read`: a sane TrackFile, or a TrackParseError (not the internal safety net), nothing else. */
export function readsOrRejects(read: () => TrackFile): void {
  let file: TrackFile;
  try {
    file = read();
  } catch (err) {
    if (!(err instanceof TrackParseError)) throw err;
    if (err.message.startsWith('internal error')) throw err;
    return;
  }
  assertSane(file);
}

/** The error `read` throws, which must be a TrackParseError. */
export function parseError(read: () => unknown): TrackParseError {
  try {
    read();
  } catch (err) {
    assert.ok(err instanceof TrackParseError, `expected a TrackParseError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a TrackParseError');
}

/** Number of occurrences a warning reports: "lines 3-9: 4 frames ..." is 4, "line 3: frame ..." 1. */
export function warned(file: TrackFile, what: RegExp): number {
  let n = 0;
  for (const w of file.warnings) {
    if (!what.test(w)) continue;
    const m = /^(?:lines? [\d-]+: )?(\d+) /.exec(w);
    n += m ? Number(m[1]) : 1;
  }
  return n;
}

export const iso = (ms: number): string => new Date(ms).toISOString();

/** `$body*hh` with the NMEA checksum (XOR of the body's characters). */
export function nmea(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum ^= body.charCodeAt(i);
  return `$${body}*${sum.toString(16).toUpperCase().padStart(2, '0')}`;
}
