import { excerpt } from '../util/errors.js';
import { MESSAGE_SCHEMAS, isMessageType, type MessageData, type MessageType } from './messages.js';
import { SchemaError, id, isoTime, isoTimeMs, optional, str } from './schema.js';

/** A feed message: `{ type, id, time, source?, data }`. */
export interface Envelope<T = unknown> {
  type: string;
  id: string;
  /** ISO 8601 time of the observation or event. */
  time: string;
  source?: string;
  data: T;
}

/** An envelope of a known type, its data validated. */
export type TypedEnvelope<K extends MessageType = MessageType> = Envelope<MessageData<K>> & {
  type: K;
};

/** Why a message was refused, with a short excerpt of the offending input. */
export class FeedMessageError extends Error {
  override name = 'FeedMessageError';
  constructor(
    readonly reason: string,
    readonly excerpt: string,
  ) {
    super(`${reason}: ${excerpt}`);
  }
}

/** At most this many characters in one message. */
export const MAX_MESSAGE_LENGTH = 1_000_000;

const typeName = str(64);
const messageId = id(128);
const source = optional(str(200));

/**
 * The result of checking one message. `known` is false for types the kit does not define;
 * `timeMs` is the envelope time in milliseconds since the epoch.
 */
export type Checked = { envelope: Envelope; known: boolean; timeMs: number };

/**
 * Parses (when given text) and validates one message. Known types have their data validated and
 * normalized; unknown types pass with `known: false` and their data as given.
 * @throws FeedMessageError naming what is wrong, with an excerpt of the input
 */
export function checkMessage(input: unknown): Checked {
  let value = input;
  if (typeof input === 'string') {
    if (input.length > MAX_MESSAGE_LENGTH) {
      throw new FeedMessageError(
        `message longer than ${MAX_MESSAGE_LENGTH} characters`,
        excerpt(input),
      );
    }
    try {
      value = JSON.parse(input);
    } catch {
      throw new FeedMessageError('message is not valid JSON', excerpt(input));
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FeedMessageError('message must be a JSON object', excerpt(input));
  }
  const raw = value as Record<string, unknown>;
  try {
    const type = typeName(raw.type, 'type');
    if (type.length === 0) throw new SchemaError('type', 'a message type');
    const id = messageId(raw.id, 'id');
    const timeMs = isoTimeMs(raw.time);
    if (Number.isNaN(timeMs)) isoTime(raw.time, 'time'); // throws, naming the field
    const envelope: Envelope = { type, id, time: raw.time as string, data: undefined };
    const src = source(raw.source, 'source');
    if (src !== undefined) envelope.source = src;
    if (isMessageType(type)) {
      envelope.data = MESSAGE_SCHEMAS[type](raw.data, 'data');
      return { envelope, known: true, timeMs };
    }
    if (raw.data === undefined) throw new SchemaError('data', 'a value');
    envelope.data = raw.data;
    return { envelope, known: false, timeMs };
  } catch (e) {
    if (e instanceof SchemaError)
      throw new FeedMessageError(`invalid message (${e.message})`, excerpt(input));
    throw new FeedMessageError(`invalid message (${(e as Error).message})`, excerpt(input));
  }
}
