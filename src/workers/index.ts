export * from './grid-client.js';
export type { GridWorkerMessage, GridWorkerReply } from './grid-protocol.js';
export * from './viewshed-client.js';
export { ModuleWorker, type ModuleWorkerOptions, type WorkerReply } from './module-worker.js';
export type { ViewshedWorkerMessage, ViewshedWorkerReply } from './viewshed-protocol.js';
export * from './power-client.js';
export type { PowerWorkerMessage, PowerWorkerReply, PowerWorkerResult } from './power-protocol.js';
