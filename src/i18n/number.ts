/**
 * Decimal numbers formatted as `Intl.NumberFormat` formats them for the kit's locales (zh-CN and
 * en: `.` before the fraction, `,` between groups of three digits, `-` before negatives), for
 * the options the widgets use. The first `Intl.NumberFormat` a page makes loads the locale's
 * number data (some 30 ms on a command-centre machine, on the way to the map's first frame), so
 * the common cases are written out here and anything else is left to `Intl`.
 */

/** The options {@link formatDecimal} writes out itself; any other option goes to `Intl`. */
const HANDLED = new Set(['minimumFractionDigits', 'maximumFractionDigits', 'useGrouping']);

/** Largest magnitude written out (beyond it `toFixed` turns to exponents). */
const LIMIT = 1e21;

const isDigits = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 20;

/**
 * `value` as `new Intl.NumberFormat('zh-CN' | 'en', options).format(value)` writes it, or
 * undefined when the options, the value or the locale are ones this does not write out (the
 * caller then asks `Intl`, which also raises the errors bad options deserve).
 */
export function formatDecimal(
  locale: string,
  value: number,
  options?: Intl.NumberFormatOptions,
): string | undefined {
  if (locale !== 'zh-CN' && locale !== 'en') return undefined;
  if (typeof value !== 'number' || !(Math.abs(value) < LIMIT)) return undefined;
  let min = 0;
  let max = 3;
  let grouping = true;
  if (options) {
    for (const key in options) if (!HANDLED.has(key)) return undefined;
    const { minimumFractionDigits: lo, maximumFractionDigits: hi, useGrouping } = options;
    if (lo !== undefined && !isDigits(lo)) return undefined;
    if (hi !== undefined && !isDigits(hi)) return undefined;
    if (useGrouping !== undefined && typeof useGrouping !== 'boolean') return undefined;
    if (lo !== undefined && hi !== undefined && lo > hi) return undefined;
    min = lo ?? (hi !== undefined ? Math.min(0, hi) : 0);
    max = hi ?? Math.max(lo ?? 0, 3);
    grouping = useGrouping ?? true;
  }
  // Intl rounds the shortest decimal that reads back as the value (1.005 to 1.01), half away
  // from zero; toFixed would round the binary value (1.00).
  const [mantissa, e] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exponent = Number(e);
  let whole = exponent >= 0 ? digits.slice(0, exponent + 1).padEnd(exponent + 1, '0') : '0';
  let fraction = exponent >= 0 ? digits.slice(exponent + 1) : '0'.repeat(-exponent - 1) + digits;
  if (fraction.length > max) {
    const up = fraction.charCodeAt(max) >= 53; /* 5 */
    fraction = fraction.slice(0, max);
    if (up) {
      const raised = increment(whole + fraction);
      whole = raised.slice(0, raised.length - max);
      fraction = raised.slice(raised.length - max);
    }
  }
  let end = fraction.length;
  while (end > min && fraction.charCodeAt(end - 1) === 48 /* 0 */) end--;
  fraction = fraction.slice(0, end).padEnd(min, '0');
  let grouped = whole;
  if (grouping && whole.length > 3) {
    grouped = whole.slice(0, whole.length % 3 || 3);
    for (let i = grouped.length; i < whole.length; i += 3) grouped += ',' + whole.slice(i, i + 3);
  }
  const negative = value < 0 || Object.is(value, -0);
  return (negative ? '-' : '') + grouped + (fraction ? '.' + fraction : '');
}

/** A string of decimal digits plus one (`'0999'` → `'1000'`, `'99'` → `'100'`). */
function increment(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return '1' + '0'.repeat(digits.length);
  return (
    digits.slice(0, i) +
    String.fromCharCode(digits.charCodeAt(i) + 1) +
    '0'.repeat(digits.length - 1 - i)
  );
}
