// Worker entry: keeps DEMs by key and computes camera viewsheds off the main thread.
// Messages in: { kind: 'dem', key, dem } | { kind: 'drop', key } | { kind: 'viewshed', id, key,
// request }; out: { id, result } (the raster's buffer transferred) or { id, error }.

import { cameraViewshed } from '../cameras/camera-viewshed.js';
import type { Raster } from '../raster/raster.js';
import type { ViewshedWorkerMessage, ViewshedWorkerReply } from './viewshed-protocol.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ViewshedWorkerMessage>) => void) | null;
  postMessage(message: ViewshedWorkerReply, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
const dems = new Map<string, Raster>();

scope.onmessage = (event) => {
  const message = event.data;
  if (message?.kind === 'dem') dems.set(message.key, message.dem);
  else if (message?.kind === 'drop') dems.delete(message.key);
  else if (message?.kind === 'viewshed') {
    const { id, key, request } = message;
    try {
      const dem = dems.get(key);
      if (!dem) throw new Error(`no DEM ${key} in the worker`);
      const result = cameraViewshed(dem, request);
      scope.postMessage({ id, result }, [result.raster.data.buffer as ArrayBuffer]);
    } catch (error) {
      scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    }
  }
};
