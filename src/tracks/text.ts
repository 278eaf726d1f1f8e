/**
 * Turning a track file's bytes into text, and walking text line by line without splitting it.
 * Only globals that browsers, workers and Node share (TextDecoder), no Node built-ins.
 */

import { TrackParseError } from './types.js';

/** A file's bytes or text as `readTrack` accepts them. */
export type TrackInput = string | ArrayBuffer | Uint8Array;

/** The input as a string or bytes (any typed array or DataView is taken as its bytes). */
export function asTrackInput(input: unknown): string | Uint8Array {
  if (typeof input === 'string' || input instanceof Uint8Array) return input;
  if (ArrayBuffer.isView(input)) {
    return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  }
  if (
    input instanceof ArrayBuffer ||
    Object.prototype.toString.call(input) === '[object ArrayBuffer]'
  ) {
    return new Uint8Array(input as ArrayBuffer);
  }
  throw new TrackParseError('expected the file as a string, an ArrayBuffer or a Uint8Array');
}

/**
 * The text of a track file. Strings are taken as they are (less a leading BOM). Bytes: a UTF-8
 * BOM is dropped; a UTF-16 BOM (FF FE little-endian, FE FF big-endian) selects UTF-16; without a
 * BOM the bytes are UTF-8, unless they are far from valid UTF-8 and decode as GB18030 (the
 * encoding Chinese Excel and many Chinese devices save CSV in), where the runtime has it.
 */
export function decodeTrackText(input: TrackInput): string {
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const bytes = asTrackInput(input) as Uint8Array;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 2, true);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 2, false);
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    // `stream` keeps a sequence cut at the very end (a truncated file) from counting as invalid.
    return new TextDecoder('utf-8', { fatal: true }).decode(body, { stream: true });
  } catch {
    // fall through: not valid UTF-8
  }
  const lenient = new TextDecoder('utf-8').decode(body);
  if (!bom && looksLikeAnotherEncoding(lenient)) {
    try {
      return new TextDecoder('gb18030').decode(body);
    } catch {
      // the runtime has no GB18030 decoder: keep the UTF-8 reading
    }
  }
  return lenient;
}

/** Many replacement characters: the bytes were written in another encoding. */
function looksLikeAnotherEncoding(text: string): boolean {
  let bad = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) bad++;
  return bad > 16 || bad * 1000 > text.length;
}

function utf16(bytes: Uint8Array, start: number, littleEndian: boolean): string {
  const units = (bytes.length - start) >> 1;
  const chunk = 8192;
  const parts: string[] = [];
  const buf = new Uint16Array(Math.min(units, chunk));
  for (let u = 0; u < units; u += chunk) {
    const n = Math.min(chunk, units - u);
    for (let k = 0; k < n; k++) {
      const p = start + 2 * (u + k);
      buf[k] = littleEndian ? bytes[p] | (bytes[p + 1] << 8) : (bytes[p] << 8) | bytes[p + 1];
    }
    parts.push(String.fromCharCode(...buf.subarray(0, n)));
  }
  return parts.join('');
}

/**
 * A cursor over the lines of a text: `start`/`end` delimit the current line (without its line
 * break, `\n`, `\r\n` or a lone `\r`), `no` is its 1-based number. No line strings are made.
 */
export class Lines {
  start = 0;
  end = 0;
  no = 0;
  private next_ = 0;
  constructor(private readonly text: string) {}

  /** Moves to the next line; false after the last one. */
  next(): boolean {
    const text = this.text;
    const n = text.length;
    if (this.next_ > n || (this.next_ === n && this.no > 0)) return false;
    let i = this.next_;
    this.start = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) break;
      i++;
    }
    this.end = i;
    this.no++;
    if (i < n && text.charCodeAt(i) === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
    this.next_ = i + 1;
    return true;
  }

  /** The current line with surrounding white space removed. */
  trimmed(): string {
    return this.text.slice(this.start, this.end).trim();
  }
}

/** Line numbers of positions in a text, for positions that only ever move forward. */
export class LineCounter {
  private pos = 0;
  private line = 1;
  constructor(private readonly text: string) {}

  /** 1-based line of `pos`; linear over all calls as long as `pos` does not go back. */
  lineAt(pos: number): number {
    if (pos < this.pos) {
      this.pos = 0;
      this.line = 1;
    }
    const text = this.text;
    const end = Math.min(pos, text.length);
    for (let i = this.pos; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.line++;
    }
    this.pos = Math.max(this.pos, end);
    return this.line;
  }
}

/** A short, printable excerpt of untrusted text for a message. */
export function excerpt(text: string, max = 40): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  // eslint-disable-next-line no-control-regex
  const clean = cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '\ufffd');
  return JSON.stringify(text.length > max ? `${clean}…` : clean);
}
