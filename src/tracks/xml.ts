/**
 * A small, tolerant XML pull scanner for track files: start tags (with lazy attributes), end tags
 * and text (CDATA included); comments, processing instructions and declarations are passed over.
 * No DOM, no validation, no namespaces beyond dropping a name's prefix (`gpx:trkpt` is `trkpt`).
 * Every search moves forward from the current position, so a document is read in linear time
 * whatever it contains; a construct left open at the end stops the scan (`truncated` says which).
 */

export const EOF = 0;
export const OPEN = 1;
export const CLOSE = 2;
export const TEXT = 3;

export class XmlScanner {
  /** EOF, OPEN, CLOSE or TEXT. */
  kind = EOF;
  /** Local name (prefix dropped) of the current start or end tag. */
  name = '';
  /** The current start tag ends with `/>`. */
  selfClosing = false;
  /** Where the current token starts. */
  at = 0;
  /** What was left open at the end of the text, when the scan stopped inside something. */
  truncated: string | undefined;
  private pos = 0;
  private from = 0;
  private to = 0;
  private cdata = false;

  constructor(private readonly s: string) {}

  next(): number {
    const s = this.s;
    const n = s.length;
    for (;;) {
      const p = this.pos;
      this.at = p;
      if (p >= n) return (this.kind = EOF);
      if (s.charCodeAt(p) !== 60) return this.textUntilTag(p);
      const c1 = s.charCodeAt(p + 1);
      if (c1 === 33 /* ! */) {
        if (s.startsWith('<!--', p)) {
          const end = s.indexOf('-->', p + 4);
          if (end < 0) return this.stop('a comment');
          this.pos = end + 3;
          continue;
        }
        if (s.startsWith('<![CDATA[', p)) {
          const end = s.indexOf(']]>', p + 9);
          if (end < 0) return this.stop('a CDATA section');
          [this.from, this.to, this.cdata, this.pos] = [p + 9, end, true, end + 3];
          return (this.kind = TEXT);
        }
        let i = p + 2; // <!DOCTYPE ... [ ... ]>
        while (i < n) {
          const c = s.charCodeAt(i);
          if (c === 62) break;
          if (c === 91) {
            const close = s.indexOf(']', i);
            i = close < 0 ? n : close + 1;
          } else i++;
        }
        if (i >= n) return this.stop('a declaration');
        this.pos = i + 1;
        continue;
      }
      if (c1 === 63 /* ? */) {
        const end = s.indexOf('?>', p + 2);
        if (end < 0) return this.stop('a processing instruction');
        this.pos = end + 2;
        continue;
      }
      if (c1 === 47 /* / */) {
        let i = p + 2;
        while (i < n && isNameChar(s.charCodeAt(i))) i++;
        const gt = s.indexOf('>', i);
        if (gt < 0) return this.stop('an end tag');
        this.name = localName(s, p + 2, i);
        this.pos = gt + 1;
        return (this.kind = CLOSE);
      }
      if (isNameStart(c1)) return this.startTag(p);
      return this.textUntilTag(p); // a '<' that starts nothing is text
    }
  }

  /** The decoded text of the current TEXT token. */
  text(): string {
    const raw = this.s.slice(this.from, this.to);
    return this.cdata ? raw : decodeEntities(raw);
  }

  /** The decoded value of the current start tag's attribute with this local name. */
  attr(local: string): string | undefined {
    const s = this.s;
    let i = this.from;
    const end = this.to;
    while (i < end) {
      while (i < end && s.charCodeAt(i) <= 32) i++;
      const start = i;
      while (i < end && isNameChar(s.charCodeAt(i))) i++;
      if (i === start) {
        i++;
        continue;
      }
      const nameEnd = i;
      while (i < end && s.charCodeAt(i) <= 32) i++;
      if (s.charCodeAt(i) !== 61 /* = */) continue;
      i++;
      while (i < end && s.charCodeAt(i) <= 32) i++;
      const q = s.charCodeAt(i);
      let vStart = i;
      let vEnd: number;
      if (q === 34 || q === 39) {
        vStart = i + 1;
        vEnd = s.indexOf(q === 34 ? '"' : "'", vStart);
        if (vEnd < 0 || vEnd > end) vEnd = end;
        i = vEnd + 1;
      } else {
        while (i < end && s.charCodeAt(i) > 32) i++;
        vEnd = i;
      }
      if (localName(s, start, nameEnd) === local) return decodeEntities(s.slice(vStart, vEnd));
    }
    return undefined;
  }

  private textUntilTag(p: number): number {
    let lt = this.s.indexOf('<', p + 1);
    if (lt < 0) lt = this.s.length;
    [this.from, this.to, this.cdata, this.pos] = [p, lt, false, lt];
    return (this.kind = TEXT);
  }

  private startTag(p: number): number {
    const s = this.s;
    const n = s.length;
    let i = p + 1;
    while (i < n && isNameChar(s.charCodeAt(i))) i++;
    const nameEnd = i;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 62 || c === 60) break; // '>' ends the tag; a '<' means it was never closed
      if (c === 34 || c === 39) {
        const q = s.indexOf(c === 34 ? '"' : "'", i + 1);
        if (q < 0) return this.stop('an attribute value');
        i = q + 1;
      } else i++;
    }
    if (i >= n) return this.stop('a start tag');
    const closed = s.charCodeAt(i) === 62;
    this.name = localName(s, p + 1, nameEnd);
    this.selfClosing = closed && s.charCodeAt(i - 1) === 47;
    this.from = nameEnd;
    this.to = this.selfClosing ? i - 1 : i;
    this.pos = closed ? i + 1 : i;
    return (this.kind = OPEN);
  }

  private stop(what: string): number {
    this.truncated = what;
    this.pos = this.s.length;
    return (this.kind = EOF);
  }
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c >= 0x80;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}

function localName(s: string, start: number, end: number): string {
  let i = end - 1;
  while (i >= start && s.charCodeAt(i) !== 58) i--;
  return s.slice(i + 1, end);
}

/** Replaces the five predefined entities and character references; leaves anything else alone. */
export function decodeEntities(raw: string): string {
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let last = 0;
  while (amp >= 0) {
    let semi = amp + 1;
    const limit = Math.min(raw.length, amp + 12);
    while (semi < limit && raw.charCodeAt(semi) !== 59) semi++;
    const rep = semi < limit ? entity(raw.slice(amp + 1, semi)) : undefined;
    if (rep !== undefined) {
      out += raw.slice(last, amp) + rep;
      last = semi + 1;
    }
    amp = raw.indexOf('&', amp + 1);
  }
  return out + raw.slice(last);
}

function entity(ref: string): string | undefined {
  switch (ref) {
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'amp':
      return '&';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
  }
  if (ref.charCodeAt(0) !== 35 /* # */) return undefined;
  const hex = (ref.charCodeAt(1) | 32) === 120;
  const base = hex ? 16 : 10;
  if (ref.length < (hex ? 3 : 2)) return undefined;
  let code = 0;
  for (let i = hex ? 2 : 1; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    const l = c | 32;
    const v = c >= 48 && c <= 57 ? c - 48 : hex && l >= 97 && l <= 102 ? l - 87 : -1;
    if (v < 0) return undefined;
    code = code * base + v;
  }
  if (code < 1 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return String.fromCodePoint(code);
}
