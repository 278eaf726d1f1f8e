/**
 * DJI subtitle telemetry (`.SRT` beside a drone's video): one cue per video frame or second, with
 * the position in one of several styles that DJI changed between generations, sometimes two in
 * one file:
 * - Phantom 3/4, Mavic Pro: `HOME(lon,lat) 2017.07.03 10:15:03` then `GPS(lon,lat,sats) BAROMETER:20.1`
 *   (older firmware `Hb:1.9`);
 * - Matrice 300: `2022.06.21 16:06:17` then `GPS(a,b,0.0M) BAROMETER:0.3M`;
 * - Phantom 4 (RTK), Mini: `GPS (lon, lat, sats), HOME (...), D 698.70m, H 85.80m, ...`;
 * - Mavic 2/3, Air 2S: a date line `2021-12-25 12:27:52.373` or `2022-08-07 13:40:40,774,808` and
 *   `[latitude: 41.42] [longitude: 2.23]` (some firmware writes `longtitude`), `[altitude: 117]`
 *   or `[rel_alt: -2.400 abs_alt: 0.401]`.
 * `GPS(a,b,c)` is read as longitude a, latitude b, as the dji_srt_parser package reads it, for
 * every generation (the Matrice 300 included). Unlike that package, a cue without a usable fix
 * is skipped (with a warning), not filled in from its neighbour, and coordinates are never
 * reinterpreted as radians (its guess for some Mavic Air 2 firmware; no file at hand needs it).
 */
import type { TrackFile, TrackPoint } from './types.js';
import { TrackParseError } from './types.js';
import { Lines } from './text.js';
import { isSpace } from './number.js';
import { digitRun, fractionMs } from './time.js';
import { Frame, scanContent } from './srt-cue.js';
import type { WarningKind } from './warnings.js';
import { makeTrack, usablePosition, type ReadContext } from './context.js';

const NO_FIX: WarningKind = {
  one: 'frame without a usable GPS fix skipped',
  many: 'frames without a usable GPS fix skipped',
};
const BAD_DATE: WarningKind = {
  one: 'frame with an impossible date (its time is NaN)',
  many: 'frames with an impossible date (their time is NaN)',
};

export function readSrt(text: string, ctx: ReadContext): TrackFile {
  const points: TrackPoint[] = [];
  const f = new Frame();
  const lines = new Lines(text);
  let frames = 0;
  let arrow = text.indexOf('-->');

  const flush = (): void => {
    if (!f.open) return;
    f.open = false;
    frames++;
    if (f.badDate) ctx.warnings.add(BAD_DATE, f.line);
    // The `[latitude: ...]` style wins over `GPS(...)` when a cue has both, as in dji_srt_parser.
    const pos = f.hasBracket ? f.bracket : f.hasGps ? f.gps : f.hasRtk ? f.rtk : undefined;
    const lon = pos ? pos[0] : NaN;
    const lat = pos ? pos[1] : NaN;
    if (!usablePosition(lon, lat)) {
      ctx.warnings.add(NO_FIX, f.line);
      return;
    }
    // Altitude: an absolute one where the cue has it (`abs_alt`, `altitude`, or a non-zero third
    // `GPS(...,123.4M)` value: the Matrice 300 writes 0.0M there when it has none), else `H`
    // (height above the home point), else the barometric `BAROMETER`/`Hb`, else `rel_alt`.
    const alt = firstFinite(f.absAlt, f.gnssAlt !== 0 ? f.gnssAlt : NaN, f.h, f.baro, f.relAlt);
    const p: TrackPoint = { time: f.time, lon, lat };
    if (alt === alt) p.alt = alt;
    if (f.videoMs === f.videoMs) p.videoMs = f.videoMs;
    points.push(p);
  };

  while (lines.next()) {
    let s = lines.start;
    let e = lines.end;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (s === e) continue;
    if (e - s <= 9 && digitRun(text, s, e) === e - s) {
      flush(); // a cue's number starts a new cue
      f.begin(lines.no);
      continue;
    }
    if (arrow >= 0 && arrow < s) arrow = text.indexOf('-->', s);
    if (arrow >= s && arrow < e) {
      if (f.open && (f.timecode || f.content)) flush(); // a cue without its number
      if (!f.open) f.begin(lines.no);
      f.timecode = true;
      f.videoMs = timecodeMs(text, s, arrow);
      continue;
    }
    if (!f.open) f.begin(lines.no);
    f.content = true;
    scanContent(text, s, e, f, ctx.offsetMin);
  }
  flush();

  if (points.length === 0) {
    throw new TrackParseError(
      frames === 0 ? 'no SRT cues found' : `none of the ${frames} SRT cues has a usable GPS fix`,
    );
  }
  return {
    format: 'dji-srt',
    tracks: [makeTrack(points, ctx.name)],
    warnings: ctx.warnings.list(),
  };
}

function firstFinite(...values: number[]): number {
  for (const v of values) if (Number.isFinite(v)) return v;
  return NaN;
}

/** Start of a cue's `HH:MM:SS,mmm --> ...` line in ms, NaN when it is not one. */
function timecodeMs(t: string, s: number, end: number): number {
  const rh = digitRun(t, s, end);
  if (rh < 1 || rh > 3 || t.charCodeAt(s + rh) !== 58) return NaN;
  let i = s + rh + 1;
  const h = +t.slice(s, s + rh);
  if (digitRun(t, i, end) !== 2 || t.charCodeAt(i + 2) !== 58) return NaN;
  const m = +t.slice(i, i + 2);
  i += 3;
  if (digitRun(t, i, end) !== 2) return NaN;
  const sec = +t.slice(i, i + 2);
  i += 2;
  let ms = 0;
  const sep = t.charCodeAt(i);
  if (sep === 44 || sep === 46) {
    const rf = digitRun(t, i + 1, end);
    if (rf < 1 || rf > 3) return NaN;
    ms = fractionMs(t, i + 1, rf);
  }
  if (m > 59 || sec > 59) return NaN;
  return ((h * 60 + m) * 60 + sec) * 1000 + ms;
}
