/** `readTrack`: one entry point for every track format. */
import type { ReadTrackOptions, TrackFile, TrackFormat } from './types.js';
import { TrackParseError } from './types.js';
import { asTrackInput, decodeTrackText, type TrackInput } from './text.js';
import { parseTimeZone } from './time.js';
import { Warnings } from './warnings.js';
import type { ReadContext } from './context.js';
import { NOT_FOUND, sniffText } from './sniff.js';
import { readSrt } from './srt.js';
import { readIgc } from './igc.js';
import { readGpx } from './gpx.js';
import { readNmea } from './nmea.js';
import { readCsv } from './csv.js';

const READERS: Record<TrackFormat, (text: string, ctx: ReadContext) => TrackFile> = {
  'dji-srt': readSrt,
  igc: readIgc,
  gpx: readGpx,
  nmea: readNmea,
  csv: readCsv,
};

/**
 * Reads a track file: DJI SRT, IGC, GPX, NMEA 0183 or CSV, given as text or bytes (UTF-8, UTF-16
 * with a BOM, or GB18030). The format is sniffed from the content unless `options.format` says
 * it. Local times without a zone are read at `options.timeZone` (default `+08:00`).
 *
 * What cannot be read is skipped and reported in `warnings` (aggregated by kind, naming lines);
 * positions out of range, NaN or 0,0 are never emitted. A file with no usable point, an unknown
 * format or an invalid option throws a `TrackParseError` (with the line where there is one),
 * and nothing else.
 */
export function readTrack(input: TrackInput, options?: ReadTrackOptions): TrackFile {
  options ??= {};
  const offsetMin = parseTimeZone(options.timeZone ?? '+08:00');
  const forced = options.format;
  if (forced !== undefined && !Object.prototype.hasOwnProperty.call(READERS, forced)) {
    throw new TrackParseError(
      `unknown format ${JSON.stringify(String(forced)).slice(0, 40)}: expected one of ${Object.keys(READERS).join(', ')}`,
    );
  }
  const text = decodeTrackText(asTrackInput(input));
  if (isBlank(text)) throw new TrackParseError('the file is empty');
  const format = forced ?? sniffText(text);
  if (format === undefined) {
    const tried = Object.values(NOT_FOUND).join('; ');
    throw new TrackParseError(`not a track file this reader knows: tried ${tried}`);
  }
  const ctx: ReadContext = { offsetMin, warnings: new Warnings() };
  if (typeof options.name === 'string') ctx.name = options.name;
  try {
    return READERS[format](text, ctx);
  } catch (err) {
    if (err instanceof TrackParseError) throw err;
    // A safety net: the readers are written not to throw anything else (and the tests check
    // that this message never appears), but a caller must only ever see TrackParseError.
    const message = err instanceof Error ? err.message : String(err);
    throw new TrackParseError(`internal error while reading ${format}: ${message}`);
  }
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xfeff) return false;
  }
  return true;
}
