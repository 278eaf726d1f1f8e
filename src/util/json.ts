import { excerpt } from './errors.js';

/** The value of JSON text, or the value itself; a TypeError names text that is not JSON. */
export function jsonValue(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input);
  } catch (e) {
    throw new TypeError(`not JSON (${(e as Error).message}): ${excerpt(input)}`, { cause: e });
  }
}
