// Median and median absolute deviation in linear time: a radix select on the bits of float32
// values (a count of the high 16 bits over all values, then of the low 16 bits over the values
// of one bucket), exact and with no bad case.

const HIGH = new Uint32Array(65536);
const LOW = new Uint32Array(65536);
const ONE = new Float32Array(1);
const ONE_BITS = new Int32Array(ONE.buffer);

// Keys: the float32 bits as int32 with the magnitude bits of negative values flipped, so that
// keys compare as the values do (-0 just below +0), and all the arithmetic stays in int32.
const key = (bits: number) => (bits < 0 ? bits ^ 0x7fffffff : bits);

function fromKey(k: number): number {
  ONE_BITS[0] = k < 0 ? k ^ 0x7fffffff : k;
  return ONE[0];
}

/** Scratch for the keys of one bucket; grows as needed. */
let scratch = new Int32Array(1024);

/**
 * The median of n float32 values whose bits are `bits`, HIGH already holding the count of
 * each bucket (high 16 bits of the key, offset to 0-65535).
 */
function medianOf(bits: Int32Array, n: number): number {
  const k = (n - 1) >> 1;
  let bucket = 0;
  let below = 0;
  while (below + HIGH[bucket] <= k) below += HIGH[bucket++];
  const size = HIGH[bucket];
  if (scratch.length < size) scratch = new Int32Array(Math.max(size, scratch.length * 2));
  let m = 0;
  for (let i = 0; i < n; i++) {
    const q = key(bits[i]);
    if ((q >> 16) + 32768 === bucket) scratch[m++] = q;
  }
  LOW.fill(0);
  for (let i = 0; i < m; i++) LOW[scratch[i] & 0xffff]++;
  let low = 0;
  while (below + LOW[low] <= k) below += LOW[low++];
  const lowerKey = ((bucket - 32768) << 16) | low;
  const lower = fromKey(lowerKey);
  if (n % 2 === 1 || below + LOW[low] > k + 1) return lower;
  // The value just above the lower middle: in the same bucket, or the least of the next one.
  let upperKey = 0x7fffffff;
  for (let l = low + 1; l < 65536; l++) {
    if (LOW[l] > 0) {
      upperKey = ((bucket - 32768) << 16) | l;
      break;
    }
  }
  if (upperKey === 0x7fffffff) {
    for (let i = 0; i < n; i++) {
      const q = key(bits[i]);
      if (q > lowerKey && q < upperKey) upperKey = q;
    }
  }
  const upper = fromKey(upperKey);
  return lower + (upper - lower) / 2;
}

/**
 * Median and median absolute deviation of the values that are finite and not `noData` (as given
 * or as float32 rounds it), with how many there are; `work` (as long as `values`) is
 * overwritten. NaN for both when there are none.
 */
export function medianMad(
  values: Float32Array,
  noData: number,
  noData32: number,
  work: Float32Array,
): { median: number; mad: number; count: number } {
  const bits = new Int32Array(work.buffer, work.byteOffset, values.length);
  HIGH.fill(0);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v === 0 && v !== noData && v !== noData32) {
      work[n] = v;
      HIGH[(key(bits[n]) >> 16) + 32768]++;
      n++;
    }
  }
  if (n === 0) return { median: NaN, mad: NaN, count: 0 };
  const median = medianOf(bits, n);
  HIGH.fill(0);
  for (let i = 0; i < n; i++) {
    work[i] = Math.abs(work[i] - median);
    HIGH[(key(bits[i]) >> 16) + 32768]++;
  }
  return { median, mad: medianOf(bits, n), count: n };
}
