// Base64 (RFC 4648, standard or URL-safe alphabet, padding optional) without Buffer or atob,
// so that it runs alike in browsers, workers and Node and reports where the text is wrong.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Uint8Array(128).fill(255);
for (let i = 0; i < 64; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;
LOOKUP[45] = 62; // '-'
LOOKUP[95] = 63; // '_'

/** Bytes that base64 text of `length` characters holds, or -1 when no base64 has that length. */
export function base64Bytes(text: string): number {
  let n = text.length;
  if (n % 4 === 0 && n > 0 && text.charCodeAt(n - 1) === 61) {
    n -= text.charCodeAt(n - 2) === 61 ? 2 : 1;
  }
  const rest = n % 4;
  return rest === 1 ? -1 : Math.floor(n / 4) * 3 + (rest === 0 ? 0 : rest - 1);
}

/**
 * The bytes of base64 text.
 * @throws TypeError naming `field` and the position of the first character that is not base64
 */
export function decodeBase64(text: string, field: string): Uint8Array {
  const size = base64Bytes(text);
  if (size < 0)
    throw new TypeError(`${field}: base64 text cannot be ${text.length} characters long`);
  const out = new Uint8Array(size);
  let bits = 0;
  let count = 0;
  let j = 0;
  const end = j + size;
  for (let i = 0; j < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? LOOKUP[c] : 255;
    if (v === 255) throw new TypeError(`${field}: not base64 at character ${i}`);
    bits = (bits << 6) | v;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[j++] = (bits >> count) & 255;
    }
  }
  // What follows the last byte: at most a partial character's bits and the padding.
  for (let i = Math.ceil((size * 8) / 6); i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 61) throw new TypeError(`${field}: not base64 at character ${i}`);
  }
  return out;
}

/** Base64 text (standard alphabet, padded) of bytes. */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 0x3000; // a multiple of 3: whole groups per chunk
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    let s = '';
    for (let i = start; i < end; i += 3) {
      const n =
        (bytes[i] << 16) |
        ((i + 1 < end ? bytes[i + 1] : 0) << 8) |
        (i + 2 < end ? bytes[i + 2] : 0);
      s +=
        ALPHABET[(n >> 18) & 63] +
        ALPHABET[(n >> 12) & 63] +
        (i + 1 < end ? ALPHABET[(n >> 6) & 63] : '=') +
        (i + 2 < end ? ALPHABET[n & 63] : '=');
    }
    parts.push(s);
  }
  return parts.join('');
}
