import type { StationGridRequest, StationGridResult } from '../geo/station-grid.js';

export interface GridWorkerMessage {
  id: number;
  request: StationGridRequest;
}

export type GridWorkerReply =
  | { id: number; result: StationGridResult; error?: undefined }
  | { id: number; error: string; result?: undefined };
