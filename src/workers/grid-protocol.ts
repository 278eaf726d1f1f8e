import type { StationGridRequest, StationGridResult } from '../interpolate/station-grid.js';
import type { WorkerReply } from './module-worker.js';

export interface GridWorkerMessage {
  id: number;
  request: StationGridRequest;
}

export type GridWorkerReply = WorkerReply<StationGridResult>;
