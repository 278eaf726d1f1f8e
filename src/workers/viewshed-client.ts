// The main thread's side of the viewshed worker: DEMs are sent once under a key, each camera's
// viewshed is computed once per DEM, camera position and options (a cache of promises), and the
// same computation runs in-thread where workers are unavailable or fail to load.

import {
  cameraViewshed,
  type CameraViewshedRequest,
  type CameraViewshedResult,
} from '../cameras/camera-viewshed.js';
import type { Raster } from '../raster/raster.js';
import { ViewshedError } from '../cameras/viewshed.js';
import { ModuleWorker } from './module-worker.js';
import type { ViewshedWorkerMessage } from './viewshed-protocol.js';

export interface ViewshedWorkerOptions {
  /** URL of the worker module (dist/viewshed-worker.js); default: beside this module. */
  url?: string | URL;
  /** false: always compute in-thread. Default true where Worker exists. */
  worker?: boolean;
  /** Results kept in the cache (least recently used go first). Default 64. */
  cacheSize?: number;
}

/** Computes and caches camera viewsheds, in a module worker where one can start. */
export class ViewshedWorker {
  private readonly runner: ModuleWorker<CameraViewshedResult>;
  private readonly dems = new Map<string, Raster>();
  private readonly cache = new Map<string, Promise<CameraViewshedResult>>();
  private readonly cacheSize: number;
  /** Viewsheds computed (not served from the cache), in the worker or in-thread. */
  computed = 0;

  constructor(options: ViewshedWorkerOptions = {}) {
    const send = (worker: Worker, message: ViewshedWorkerMessage) => worker.postMessage(message);
    this.runner = new ModuleWorker(
      options.url ?? new URL('./viewshed-worker.js', import.meta.url),
      'envmap-viewshed',
      {
        disabled: options.worker === false,
        toError: (message) => new ViewshedError(message),
        // A worker started late gets every DEM set before it.
        onStart: (worker) => {
          for (const [key, dem] of this.dems) send(worker, { kind: 'dem', key, dem });
        },
      },
    );
    this.cacheSize = options.cacheSize ?? 64;
  }

  /** Whether the last result came from the worker. */
  get usedWorker(): boolean {
    return this.runner.usedWorker;
  }

  /** Makes a DEM available under `key`; a new DEM under a used key drops that key's results. */
  setDem(key: string, dem: Raster): void {
    if (this.dems.get(key) === dem) return;
    this.dropDem(key);
    this.dems.set(key, dem);
    this.runner.post({ kind: 'dem', key, dem } satisfies ViewshedWorkerMessage);
  }

  dropDem(key: string): void {
    if (!this.dems.delete(key)) return;
    for (const k of [...this.cache.keys()]) if (k.startsWith(`${key}\n`)) this.cache.delete(k);
    this.runner.post({ kind: 'drop', key } satisfies ViewshedWorkerMessage);
  }

  /** The viewshed of a camera over DEM `key`, from the cache when it was asked for before. */
  viewshed(key: string, request: CameraViewshedRequest): Promise<CameraViewshedResult> {
    const dem = this.dems.get(key);
    if (!dem)
      return Promise.reject(new ViewshedError(`no DEM under the key ${JSON.stringify(key)}`));
    const id = `${key}\n${JSON.stringify([request.observer, request.options])}`;
    const hit = this.cache.get(id);
    if (hit) {
      this.cache.delete(id); // most recently used goes last
      this.cache.set(id, hit);
      return hit;
    }
    this.computed++;
    const promise = this.runner.request(
      (n) => ({ kind: 'viewshed', id: n, key, request }) satisfies ViewshedWorkerMessage,
      () => cameraViewshed(dem, request),
    );
    this.cache.set(id, promise);
    promise.catch(() => this.cache.delete(id));
    while (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    return promise;
  }

  /** Stops the worker; pending requests are rejected; the cache is emptied. */
  terminate(): void {
    this.runner.terminate('viewshed worker terminated');
    this.cache.clear();
  }
}
