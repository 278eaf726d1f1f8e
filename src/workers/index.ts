export * from './grid-client.js';
export type { GridWorkerMessage, GridWorkerReply } from './grid-protocol.js';
export * from './viewshed-client.js';
export type { ViewshedWorkerMessage, ViewshedWorkerReply } from './viewshed-protocol.js';
