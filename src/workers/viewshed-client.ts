// The main thread's side of the viewshed worker: DEMs are sent once under a key, each camera's
// viewshed is computed once per DEM, camera position and options (a cache of promises), and the
// same computation runs in-thread where workers are unavailable or fail to load.

import {
  cameraViewshed,
  type CameraViewshedRequest,
  type CameraViewshedResult,
} from '../geo/camera-viewshed.js';
import type { Raster } from '../geo/raster.js';
import { ViewshedError } from '../geo/viewshed.js';
import type { ViewshedWorkerMessage, ViewshedWorkerReply } from './viewshed-protocol.js';

export interface ViewshedWorkerOptions {
  /** URL of the worker module (dist/viewshed-worker.js); default: beside this module. */
  url?: string | URL;
  /** false: always compute in-thread. Default true where Worker exists. */
  worker?: boolean;
  /** Results kept in the cache (least recently used go first). Default 64. */
  cacheSize?: number;
}

type Pending = {
  key: string;
  request: CameraViewshedRequest;
  resolve: (r: CameraViewshedResult) => void;
  reject: (e: Error) => void;
};

/** Computes and caches camera viewsheds, in a module worker where one can start. */
export class ViewshedWorker {
  private worker: Worker | null = null;
  private failed: boolean;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly dems = new Map<string, Raster>();
  private readonly cache = new Map<string, Promise<CameraViewshedResult>>();
  private readonly url: string | URL;
  private readonly cacheSize: number;
  /** Viewsheds computed (not served from the cache), in the worker or in-thread. */
  computed = 0;
  /** Whether the last result came from the worker. */
  usedWorker = false;

  constructor(options: ViewshedWorkerOptions = {}) {
    this.url = options.url ?? new URL('./viewshed-worker.js', import.meta.url);
    this.failed = options.worker === false;
    this.cacheSize = options.cacheSize ?? 64;
  }

  /** Makes a DEM available under `key`; a new DEM under a used key drops that key's results. */
  setDem(key: string, dem: Raster): void {
    if (this.dems.get(key) === dem) return;
    this.dropDem(key);
    this.dems.set(key, dem);
    this.worker?.postMessage({ kind: 'dem', key, dem } satisfies ViewshedWorkerMessage);
  }

  dropDem(key: string): void {
    if (!this.dems.delete(key)) return;
    for (const k of [...this.cache.keys()]) if (k.startsWith(`${key}\n`)) this.cache.delete(k);
    this.worker?.postMessage({ kind: 'drop', key } satisfies ViewshedWorkerMessage);
  }

  /** The viewshed of a camera over DEM `key`, from the cache when it was asked for before. */
  viewshed(key: string, request: CameraViewshedRequest): Promise<CameraViewshedResult> {
    if (!this.dems.has(key))
      return Promise.reject(new ViewshedError(`no DEM under the key ${JSON.stringify(key)}`));
    const id = `${key}\n${JSON.stringify([request.observer, request.options])}`;
    const hit = this.cache.get(id);
    if (hit) {
      this.cache.delete(id); // most recently used goes last
      this.cache.set(id, hit);
      return hit;
    }
    const promise = this.run(key, request);
    this.cache.set(id, promise);
    promise.catch(() => this.cache.delete(id));
    while (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    return promise;
  }

  /** Stops the worker; pending requests are rejected; the cache is emptied. */
  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error('viewshed worker terminated'));
    this.pending.clear();
    this.cache.clear();
  }

  private run(key: string, request: CameraViewshedRequest): Promise<CameraViewshedResult> {
    this.computed++;
    const worker = this.start();
    if (!worker) return this.inline(key, request);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { key, request, resolve, reject });
      worker.postMessage({ kind: 'viewshed', id, key, request } satisfies ViewshedWorkerMessage);
    });
  }

  private inline(key: string, request: CameraViewshedRequest): Promise<CameraViewshedResult> {
    this.usedWorker = false;
    try {
      return Promise.resolve(cameraViewshed(this.dems.get(key)!, request));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  private start(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    if (typeof Worker === 'undefined') {
      this.failed = true;
      return null;
    }
    try {
      const worker = new Worker(this.url, { type: 'module', name: 'envmap-viewshed' });
      worker.onmessage = (event: MessageEvent<ViewshedWorkerReply>) => {
        const reply = event.data;
        const p = this.pending.get(reply.id);
        if (!p) return;
        this.pending.delete(reply.id);
        this.usedWorker = true;
        if (reply.result) p.resolve(reply.result);
        else p.reject(new ViewshedError(reply.error));
      };
      worker.onerror = (event) => {
        // The worker could not load (CSP, missing file): what it was given runs in-thread,
        // and so does everything after.
        event.preventDefault();
        this.failed = true;
        this.worker = null;
        worker.terminate();
        const waiting = [...this.pending.values()];
        this.pending.clear();
        for (const p of waiting) this.inline(p.key, p.request).then(p.resolve, p.reject);
      };
      for (const [key, dem] of this.dems)
        worker.postMessage({ kind: 'dem', key, dem } satisfies ViewshedWorkerMessage);
      this.worker = worker;
      return worker;
    } catch {
      this.failed = true;
      return null;
    }
  }
}
