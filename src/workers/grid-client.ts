// The main thread's side of the grid worker: a promise per request, the newest request per
// caller winning (stale results are dropped), and the same computation in-thread where
// workers are unavailable (Node, or a page whose CSP forbids them).

import {
  computeStationGrid,
  type StationGridRequest,
  type StationGridResult,
} from '../geo/station-grid.js';
import type { GridWorkerReply } from './grid-protocol.js';

export interface GridWorkerOptions {
  /** URL of the worker module (dist/grid-worker.js); default: beside this module. */
  url?: string | URL;
  /** Grids with fewer cells × stations than this are computed in-thread. Default 2,000,000. */
  inlineBelow?: number;
}

/** Computes station grids in a module worker, started on first use. */
export class GridWorker {
  private worker: Worker | null = null;
  private failed = false;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    {
      request: StationGridRequest;
      resolve: (r: StationGridResult) => void;
      reject: (e: Error) => void;
    }
  >();
  private readonly url: string | URL;
  private readonly inlineBelow: number;

  constructor(options: GridWorkerOptions = {}) {
    this.url = options.url ?? new URL('./grid-worker.js', import.meta.url);
    this.inlineBelow = options.inlineBelow ?? 2_000_000;
  }

  /** Whether the last result came from the worker (false: computed in-thread). */
  usedWorker = false;

  compute(request: StationGridRequest): Promise<StationGridResult> {
    const work =
      (request.grid?.width ?? 0) * (request.grid?.height ?? 0) * (request.points?.length ?? 0);
    const worker = work >= this.inlineBelow ? this.start() : null;
    if (!worker) {
      this.usedWorker = false;
      try {
        return Promise.resolve(computeStationGrid(request));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { request, resolve, reject });
      worker.postMessage({ id, request });
    });
  }

  /** Stops the worker; pending requests are rejected. */
  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error('grid worker terminated'));
    this.pending.clear();
  }

  private start(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    if (typeof Worker === 'undefined') {
      this.failed = true;
      return null;
    }
    try {
      const worker = new Worker(this.url, { type: 'module', name: 'envmap-grid' });
      worker.onmessage = (event: MessageEvent<GridWorkerReply>) => {
        const reply = event.data;
        const p = this.pending.get(reply.id);
        if (!p) return;
        this.pending.delete(reply.id);
        this.usedWorker = true;
        if (reply.result) p.resolve(reply.result);
        else p.reject(new RangeError(reply.error));
      };
      worker.onerror = (event) => {
        // The worker could not load (blocked by CSP, missing file): what it was given is
        // computed in-thread, and so is everything after.
        event.preventDefault();
        this.failed = true;
        this.worker = null;
        const waiting = [...this.pending.values()];
        this.pending.clear();
        worker.terminate();
        this.usedWorker = false;
        for (const p of waiting) {
          try {
            p.resolve(computeStationGrid(p.request));
          } catch (error) {
            p.reject(error as Error);
          }
        }
      };
      this.worker = worker;
      return worker;
    } catch {
      this.failed = true;
      return null;
    }
  }
}
