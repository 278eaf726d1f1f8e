// The main thread's side of the grid worker: grids below a size are computed in-thread, larger
// ones in a module worker (started on first use), in-thread again where workers cannot run.

import {
  computeStationGrid,
  type StationGridRequest,
  type StationGridResult,
} from '../interpolate/station-grid.js';
import { ModuleWorker } from './module-worker.js';

export interface GridWorkerOptions {
  /** URL of the worker module (dist/grid-worker.js); default: beside this module. */
  url?: string | URL;
  /** Grids with fewer cells × stations than this are computed in-thread. Default 2,000,000. */
  inlineBelow?: number;
}

/** Computes station grids in a module worker, started on first use. */
export class GridWorker {
  private readonly runner: ModuleWorker<StationGridResult>;
  private readonly inlineBelow: number;

  constructor(options: GridWorkerOptions = {}) {
    this.runner = new ModuleWorker(
      options.url ?? new URL('./grid-worker.js', import.meta.url),
      'envmap-grid',
      { toError: (message) => new RangeError(message) },
    );
    this.inlineBelow = options.inlineBelow ?? 2_000_000;
  }

  /** Whether the last result came from the worker (false: computed in-thread). */
  get usedWorker(): boolean {
    return this.runner.usedWorker;
  }

  compute(request: StationGridRequest): Promise<StationGridResult> {
    const work =
      (request.grid?.width ?? 0) * (request.grid?.height ?? 0) * (request.points?.length ?? 0);
    const local = () => computeStationGrid(request);
    return work >= this.inlineBelow
      ? this.runner.request((id) => ({ id, request }), local)
      : this.runner.inline(local);
  }

  /** Stops the worker; pending requests are rejected. */
  terminate(): void {
    this.runner.terminate('grid worker terminated');
  }
}
