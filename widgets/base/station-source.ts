import type { StationHistory } from '../../src/index.js';
import type { MapHandle } from './context.js';

/**
 * The readings a station widget works on: its own `history` when set, else those of the
 * `<env-station-grid>` with id `gridId`, else of the first one in the map.
 */
export function stationHistoryFor(
  own: StationHistory | null,
  gridId: string | null,
  handle: MapHandle | undefined,
): StationHistory | null {
  if (own) return own;
  const el =
    (gridId ? document.getElementById(gridId) : null) ??
    handle?.element.querySelector('env-station-grid');
  return (el as { history?: StationHistory } | null)?.history ?? null;
}
