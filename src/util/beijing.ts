// Beijing time (UTC+8, no daylight saving), in which the platforms show every time.

/** Beijing time's offset from UTC, ms. */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * Beijing time (UTC+8) of an instant as text: `minute` 2017-02-28 23:00, `short` 02-28 23:00,
 * `day` 2017-02-28, `month` 2017-02, `time` 23:00.
 */
export function formatBeijing(
  time: number,
  form: 'minute' | 'short' | 'day' | 'month' | 'time' = 'minute',
): string {
  const iso = new Date(time + BEIJING_OFFSET_MS).toISOString();
  if (form === 'day') return iso.slice(0, 10);
  if (form === 'month') return iso.slice(0, 7);
  if (form === 'time') return iso.slice(11, 16);
  return iso.slice(form === 'short' ? 5 : 0, 16).replace('T', ' ');
}
