import { computeAqi, type AqiOptions, type AqiPollutant } from '../standards/aqi.js';
import type { StationValues } from './history.js';

/** What a station grid shows: the AQI or one pollutant (`o3`: 1 h hourly, 8 h daily). */
export type GridPollutant = 'aqi' | 'pm25' | 'pm10' | 'so2' | 'no2' | 'co' | 'o3';

export const GRID_POLLUTANTS: readonly GridPollutant[] = [
  'aqi',
  'pm25',
  'pm10',
  'so2',
  'no2',
  'co',
  'o3',
];

/** The AQI indicator a grid pollutant is scored as, or 'aqi'. */
export function aqiPollutantOf(
  pollutant: GridPollutant,
  options: AqiOptions = {},
): AqiPollutant | 'aqi' {
  if (pollutant === 'o3') return options.report === 'daily' ? 'o3_8h' : 'o3_1h';
  return pollutant;
}

/**
 * A station's value for a grid: its AQI from the readings (or a given `aqi` reading when the
 * pollutants are absent), or one pollutant's concentration; null when there is none.
 */
export function stationValue(
  values: StationValues,
  pollutant: GridPollutant,
  options: AqiOptions = {},
): number | null {
  if (pollutant === 'aqi') {
    const aqi = computeAqi(values, options).aqi;
    if (aqi !== null) return aqi;
    const given = values.aqi;
    return typeof given === 'number' && Number.isFinite(given) ? given : null;
  }
  const v = values[aqiPollutantOf(pollutant, options)];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
