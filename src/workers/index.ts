export * from './grid-client.js';
export type { GridWorkerMessage, GridWorkerReply } from './grid-protocol.js';
