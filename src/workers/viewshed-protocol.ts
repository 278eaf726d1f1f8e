import type { CameraViewshedRequest, CameraViewshedResult } from '../cameras/camera-viewshed.js';
import type { Raster } from '../raster/raster.js';
import type { WorkerReply } from './module-worker.js';

export type ViewshedWorkerMessage =
  | { kind: 'dem'; key: string; dem: Raster }
  | { kind: 'drop'; key: string }
  | { kind: 'viewshed'; id: number; key: string; request: CameraViewshedRequest };

export type ViewshedWorkerReply = WorkerReply<CameraViewshedResult>;
