/** Decimal numbers in track files, checked character by character before `Number` sees them. */

/**
 * Length of the decimal number starting at `i` (before `end`): an optional sign, digits with an
 * optional fraction (at least one digit), an optional exponent. 0 when there is none.
 * `Number` alone would also take `0x1f`, `Infinity` or an empty string.
 */
export function decimalLength(s: string, i: number, end: number): number {
  let j = i;
  let c = s.charCodeAt(j);
  if (c === 45 || c === 43) c = s.charCodeAt(++j);
  let digits = 0;
  while (j < end && c >= 48 && c <= 57) {
    digits++;
    c = s.charCodeAt(++j);
  }
  if (j < end && c === 46) {
    c = s.charCodeAt(++j);
    while (j < end && c >= 48 && c <= 57) {
      digits++;
      c = s.charCodeAt(++j);
    }
  }
  if (digits === 0 || j > end) return 0;
  if (j < end && (c === 101 || c === 69)) {
    let k = j + 1;
    let e = s.charCodeAt(k);
    if (e === 45 || e === 43) e = s.charCodeAt(++k);
    const k0 = k;
    while (k < end && e >= 48 && e <= 57) e = s.charCodeAt(++k);
    if (k > k0) j = k;
  }
  return j - i;
}

/** The number that `s[i, end)` is exactly (surrounding spaces allowed), or NaN. */
export function decimalIn(s: string, i: number, end: number): number {
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  while (end > i && isSpace(s.charCodeAt(end - 1))) end--;
  const len = decimalLength(s, i, end);
  return len > 0 && i + len === end ? +s.slice(i, end) : NaN;
}

/** The number that the whole string is (surrounding spaces allowed), or NaN. */
export function decimal(s: string): number {
  return decimalIn(s, 0, s.length);
}

/** The number at the start of `s[i, end)` followed by anything (a unit: `85.80m`), or NaN. */
export function leadingDecimal(s: string, i: number, end: number): number {
  const len = decimalLength(s, i, end);
  return len > 0 ? +s.slice(i, i + len) : NaN;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x3000;
}
