/**
 * GPX 1.0 and 1.1: each `trk` (its `trkseg`s one after the other) and each `rte` is a track,
 * named by its own `<name>`; points are `trkpt`/`rtept` with `lat`/`lon` attributes and optional
 * `<ele>` (metres) and `<time>` (ISO 8601; GPX times without a zone are UTC). Element names may
 * carry any namespace prefix; `<extensions>` are passed over; waypoints (`wpt`) are not tracks.
 */
import type { Track, TrackFile, TrackPoint } from './types.js';
import { TrackParseError } from './types.js';
import { LineCounter, excerpt } from './text.js';
import { decimal } from './number.js';
import { parseDateTime } from './datetime.js';
import { CLOSE, EOF, OPEN, TEXT, XmlScanner } from './xml.js';
import type { WarningKind } from './warnings.js';
import { makeTrack, usablePosition, type ReadContext } from './context.js';

const MAX_DEPTH = 256;

const NO_POSITION: WarningKind = {
  one: 'point without a usable lat/lon skipped',
  many: 'points without a usable lat/lon skipped',
};
const BAD_TIME: WarningKind = {
  one: 'point with an unreadable <time> (its time is NaN)',
  many: 'points with an unreadable <time> (their time is NaN)',
};
const BAD_ELE: WarningKind = {
  one: 'point with an unreadable <ele> (no altitude)',
  many: 'points with an unreadable <ele> (no altitude)',
};
const EMPTY: WarningKind = {
  one: 'track without points skipped',
  many: 'tracks without points skipped',
};
const UNMATCHED: WarningKind = {
  one: 'unmatched end tag ignored',
  many: 'unmatched end tags ignored',
};

const NAME = 1;
const ELE = 2;
const TIME = 3;

interface OpenTrack {
  kind: string;
  depth: number;
  line: number;
  name?: string;
  points: TrackPoint[];
}

interface OpenPoint {
  depth: number;
  line: number;
  lon: number;
  lat: number;
  ele?: string;
  time?: string;
}

export function readGpx(text: string, ctx: ReadContext): TrackFile {
  const w = ctx.warnings;
  const x = new XmlScanner(text);
  const lines = new LineCounter(text);
  const stack: string[] = [];
  const tracks: Track[] = [];
  let track: OpenTrack | undefined;
  let point: OpenPoint | undefined;
  let capture = 0;
  let captureDepth = -1;
  let buf = '';
  let skipDepth = -1;
  let sawGpx = false;

  const endPoint = (): void => {
    const p = point!;
    point = undefined;
    if (!usablePosition(p.lon, p.lat)) {
      w.add(NO_POSITION, p.line);
      return;
    }
    const time = p.time === undefined ? NaN : parseDateTime(p.time, 0);
    if (p.time !== undefined && time !== time) w.add(BAD_TIME, p.line, excerpt(p.time));
    const out: TrackPoint = { time, lon: p.lon, lat: p.lat };
    if (p.ele !== undefined) {
      const ele = decimal(p.ele);
      if (Number.isFinite(ele)) out.alt = ele;
      else w.add(BAD_ELE, p.line, excerpt(p.ele));
    }
    track!.points.push(out);
  };
  const endTrack = (): void => {
    const t = track!;
    track = undefined;
    if (t.points.length === 0) w.add(EMPTY, t.line);
    else tracks.push(makeTrack(t.points, t.name ?? ctx.name));
  };
  const end = (depth: number): void => {
    if (depth === skipDepth) skipDepth = -1;
    if (depth === captureDepth) {
      if (capture === NAME && track) track.name = buf.trim();
      else if (capture === ELE && point) point.ele = buf;
      else if (capture === TIME && point) point.time = buf;
      capture = 0;
      captureDepth = -1;
    }
    if (point && depth === point.depth) endPoint();
    if (track && depth === track.depth) endTrack();
  };

  for (let kind = x.next(); kind !== EOF; kind = x.next()) {
    if (kind === TEXT) {
      if (capture !== 0 && skipDepth < 0) buf += x.text();
    } else if (kind === OPEN) {
      if (stack.length >= MAX_DEPTH) {
        throw new TrackParseError(
          `elements nested more than ${MAX_DEPTH} deep`,
          lines.lineAt(x.at),
        );
      }
      const name = x.name;
      const depth = stack.length;
      const parent = depth > 0 ? stack[depth - 1] : '';
      if (!x.selfClosing) stack.push(name);
      if (skipDepth >= 0) continue;
      if (name === 'gpx') sawGpx = true;
      else if (name === 'extensions') {
        if (!x.selfClosing) skipDepth = depth;
      } else if (name === 'trk' || name === 'rte') {
        [capture, captureDepth] = [0, -1];
        if (point) endPoint();
        if (track) endTrack();
        track = { kind: name, depth, line: lines.lineAt(x.at), points: [] };
        if (x.selfClosing) endTrack();
      } else if (name === 'trkpt' || name === 'rtept') {
        [capture, captureDepth] = [0, -1];
        if (point) endPoint();
        track ??= { kind: '', depth: -1, line: lines.lineAt(x.at), points: [] };
        const lat = x.attr('lat');
        const lon = x.attr('lon');
        point = {
          depth,
          line: lines.lineAt(x.at),
          lat: lat === undefined ? NaN : decimal(lat),
          lon: lon === undefined ? NaN : decimal(lon),
        };
        if (x.selfClosing) endPoint();
      } else if (x.selfClosing || capture !== 0) {
        // nothing to read
      } else if (
        name === 'name' &&
        track &&
        !point &&
        parent === track.kind &&
        track.name === undefined
      ) {
        [capture, captureDepth, buf] = [NAME, depth, ''];
      } else if ((name === 'ele' || name === 'time') && point && depth === point.depth + 1) {
        [capture, captureDepth, buf] = [name === 'ele' ? ELE : TIME, depth, ''];
      }
    } else if (kind === CLOSE) {
      let k = stack.length - 1;
      while (k >= 0 && stack[k] !== x.name) k--;
      if (k < 0) {
        w.add(UNMATCHED, lines.lineAt(x.at));
        continue;
      }
      while (stack.length > k) {
        stack.pop();
        end(stack.length);
      }
    }
  }

  if (x.truncated !== undefined || stack.length > 0) {
    const inside = x.truncated ?? `<${stack[stack.length - 1]}>`;
    w.note(`line ${lines.lineAt(text.length)}: the file ends inside ${inside} (truncated?)`);
  }
  while (stack.length > 0) {
    stack.pop();
    end(stack.length);
  }
  if (point) endPoint();
  if (track) endTrack();

  if (tracks.length === 0) {
    throw new TrackParseError(
      sawGpx ? 'no trkpt or rtept with a usable position' : 'no <gpx> element found',
    );
  }
  return { format: 'gpx', tracks, warnings: w.list() };
}
