// Worker entry: computes station grids off the main thread. Messages in: { id, request };
// out: { id, result } (the values' buffer transferred) or { id, error }.

import { computeStationGrid } from '../interpolate/station-grid.js';
import type { GridWorkerReply, GridWorkerMessage } from './grid-protocol.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<GridWorkerMessage>) => void) | null;
  postMessage(message: GridWorkerReply, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, request } = event.data ?? ({} as GridWorkerMessage);
  try {
    const result = computeStationGrid(request);
    scope.postMessage({ id, result }, [result.values.buffer]);
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
