/**
 * A small validator kit: each validator checks an unknown value and returns it typed, or throws
 * a {@link SchemaError} naming the path and what was expected. Types are inferred from the
 * validators, so the TypeScript type and the runtime check of a message cannot drift apart.
 */

export class SchemaError extends Error {
  override name = 'SchemaError';
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path || 'value'}: expected ${expected}`);
  }
}

export type Validator<T> = (value: unknown, path: string) => T;
export type Infer<V> = V extends Validator<infer T> ? T : never;

const MAX_STRING = 4096;

export const str =
  (max = MAX_STRING): Validator<string> =>
  (v, path) => {
    if (typeof v !== 'string' || v.length > max)
      throw new SchemaError(path, `a string of at most ${max} characters`);
    return v;
  };

/** A non-empty string of at most `max` characters (identifiers). */
export const id =
  (max = 128): Validator<string> =>
  (v, path) => {
    if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
    if (typeof v !== 'string' || v.length === 0 || v.length > max) {
      throw new SchemaError(path, `an identifier (1-${max} characters)`);
    }
    return v;
  };

export const num =
  (min = -Infinity, max = Infinity): Validator<number> =>
  (v, path) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw new SchemaError(
        path,
        `a finite number${min > -Infinity || max < Infinity ? ` in [${min}, ${max}]` : ''}`,
      );
    }
    return v;
  };

export const bool: Validator<boolean> = (v, path) => {
  if (typeof v !== 'boolean') throw new SchemaError(path, 'true or false');
  return v;
};

export const lon = num(-180, 180);
export const lat = num(-90, 90);

/** ISO 8601 date-time with a time zone (Z or ±hh:mm), kept as the string. */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
export const isoTime: Validator<string> = (v, path) => {
  if (typeof v !== 'string' || v.length > 40 || !ISO.test(v) || Number.isNaN(Date.parse(v))) {
    throw new SchemaError(path, 'an ISO 8601 time with a zone, e.g. 2026-11-25T08:00:00+08:00');
  }
  return v;
};

export const oneOf =
  <const T extends readonly string[]>(...values: T): Validator<T[number]> =>
  (v, path) => {
    if (typeof v !== 'string' || !values.includes(v))
      throw new SchemaError(path, `one of ${values.join(', ')}`);
    return v as T[number];
  };

export const optional =
  <T>(inner: Validator<T>): Validator<T | undefined> =>
  (v, path) =>
    v === undefined ? undefined : inner(v, path);

export const nullable =
  <T>(inner: Validator<T>): Validator<T | null> =>
  (v, path) =>
    v === null ? null : inner(v, path);

export const array =
  <T>(inner: Validator<T>, max = 10_000): Validator<T[]> =>
  (v, path) => {
    if (!Array.isArray(v) || v.length > max)
      throw new SchemaError(path, `an array of at most ${max} items`);
    const out = new Array<T>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = inner(v[i], `${path}[${i}]`);
    return out;
  };

export const lonLat: Validator<[number, number]> = (v, path) => {
  if (!Array.isArray(v) || v.length !== 2) throw new SchemaError(path, '[lon, lat]');
  return [lon(v[0], `${path}[0]`), lat(v[1], `${path}[1]`)];
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A map of string keys (at most `max`) to values. */
export const record =
  <T>(inner: Validator<T>, max = 256): Validator<Record<string, T>> =>
  (v, path) => {
    if (!isPlainObject(v)) throw new SchemaError(path, 'an object');
    const out: Record<string, T> = {};
    let n = 0;
    for (const key in v) {
      if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
      if (++n > max || key.length > 64 || FORBIDDEN_KEYS.has(key)) {
        throw new SchemaError(
          `${path}.${key.slice(0, 64)}`,
          `at most ${max} keys of at most 64 characters`,
        );
      }
      out[key] = inner(v[key], `${path}.${key}`);
    }
    return out;
  };

type Shape = Record<string, Validator<unknown>>;
type Optional<S extends Shape> = {
  [K in keyof S]: undefined extends Infer<S[K]> ? K : never;
}[keyof S];
export type ObjectOf<S extends Shape> = {
  [K in Exclude<keyof S, Optional<S>>]: Infer<S[K]>;
} & { [K in Optional<S>]?: Infer<S[K]> };

/** An object with the given fields; unknown fields are dropped. */
export const object = <S extends Shape>(shape: S): Validator<ObjectOf<S>> => {
  const keys = Object.keys(shape);
  return (v, path) => {
    if (!isPlainObject(v)) throw new SchemaError(path, 'an object');
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const value = shape[key](v[key], path ? `${path}.${key}` : key);
      if (value !== undefined) out[key] = value;
    }
    return out as ObjectOf<S>;
  };
};
