export { createFeed, FeedClient } from './client.js';
export { REPLAY_TRANSPORTS } from './replay.js';
export { FeedOptionError } from './option-error.js';
export { Backoff, type BackoffOptions } from './backoff.js';
export {
  checkMessage,
  FeedMessageError,
  MAX_MESSAGE_LENGTH,
  type Envelope,
  type TypedEnvelope,
  type Checked,
} from './envelope.js';
export * from './messages.js';
export { DEFAULT_OBSERVATIONS_BY_TYPE, FeedStore, type StoreLimits } from './store.js';
export { SseParser, type SseEvent } from './sse-parser.js';
export { SchemaError, isoTimeMs, type Validator, type Infer } from './schema.js';
export { observedPropertyKey } from './transports/sensorthings.js';
export type * from './types.js';
