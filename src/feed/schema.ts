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

  /** The same error seen from the parent: `key.path` or `[i]path`. */
  within(segment: string | number): SchemaError {
    if (segment === '') return this;
    const prefix = typeof segment === 'number' ? `[${segment}]` : segment;
    const path = !this.path
      ? prefix
      : this.path.startsWith('[')
        ? `${prefix}${this.path}`
        : `${prefix}.${this.path}`;
    return new SchemaError(path, this.expected);
  }
}

/**
 * Checks a value. `path` names it in errors (the top-level caller passes one); nested
 * validators pass nothing and containers add the key to errors as they go up, so that no
 * path string is built for values that are valid.
 */
export type Validator<T> = (value: unknown, path?: string) => T;
export type Infer<V> = V extends Validator<infer T> ? T : never;

const MAX_STRING = 4096;

export const str =
  (max = MAX_STRING): Validator<string> =>
  (v, path = '') => {
    if (typeof v !== 'string' || v.length > max)
      throw new SchemaError(path, `a string of at most ${max} characters`);
    return v;
  };

/** A non-empty string of at most `max` characters (identifiers). */
export const id =
  (max = 128): Validator<string> =>
  (v, path = '') => {
    if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
    if (typeof v !== 'string' || v.length === 0 || v.length > max) {
      throw new SchemaError(path, `an identifier (1-${max} characters)`);
    }
    return v;
  };

export const num =
  (min = -Infinity, max = Infinity): Validator<number> =>
  (v, path = '') => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw new SchemaError(
        path,
        `a finite number${min > -Infinity || max < Infinity ? ` in [${min}, ${max}]` : ''}`,
      );
    }
    return v;
  };

export const bool: Validator<boolean> = (v, path = '') => {
  if (typeof v !== 'boolean') throw new SchemaError(path, 'true or false');
  return v;
};

export const lon = num(-180, 180);
export const lat = num(-90, 90);

/** ISO 8601 date-time with a time zone (Z or ±hh:mm), kept as the string. */
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Milliseconds since the epoch of `YYYY-MM-DDThh:mm[:ss[.fraction]](Z|±hh[:]mm)`, or NaN when
 * the value is not such a time. Written out by hand: it runs once per feed message.
 */
export function isoTimeMs(v: unknown): number {
  if (typeof v !== 'string' || v.length < 17 || v.length > 40) return NaN;
  const y = digits(v, 0, 4);
  const mo = digits(v, 5, 2);
  const d = digits(v, 8, 2);
  const h = digits(v, 11, 2);
  const mi = digits(v, 14, 2);
  if (v[4] !== '-' || v[7] !== '-' || (v[10] !== 'T' && v[10] !== 't') || v[13] !== ':') return NaN;
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59) return NaN;
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > DAYS[mo - 1] + (leap ? 1 : 0)) return NaN;
  let i = 16;
  let sec = 0;
  let ms = 0;
  if (v[i] === ':') {
    sec = digits(v, i + 1, 2);
    if (sec < 0 || sec > 59) return NaN;
    i += 3;
    if (v[i] === '.') {
      let n = 0;
      let scale = 100;
      i++;
      while (i < v.length) {
        const c = v.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        if (n < 3) ms += c * scale;
        scale /= 10;
        n++;
        i++;
      }
      if (n === 0 || n > 9) return NaN;
    }
  }
  let offset = 0;
  const zone = v[i];
  if (zone === 'Z' || zone === 'z') {
    if (i + 1 !== v.length) return NaN;
  } else if (zone === '+' || zone === '-') {
    const oh = digits(v, i + 1, 2);
    const colon = v[i + 3] === ':' ? 1 : 0;
    const om = digits(v, i + 3 + colon, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59 || i + 5 + colon !== v.length) return NaN;
    offset = (zone === '+' ? 1 : -1) * (oh * 60 + om);
  } else {
    return NaN;
  }
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offset * 60_000;
}

export const isoTime: Validator<string> = (v, path = '') => {
  if (Number.isNaN(isoTimeMs(v))) {
    throw new SchemaError(path, 'an ISO 8601 time with a zone, e.g. 2026-11-25T08:00:00+08:00');
  }
  return v as string;
};

export const oneOf =
  <const T extends readonly string[]>(...values: T): Validator<T[number]> =>
  (v, path = '') => {
    if (typeof v !== 'string' || !values.includes(v))
      throw new SchemaError(path, `one of ${values.join(', ')}`);
    return v as T[number];
  };

export const optional =
  <T>(inner: Validator<T>): Validator<T | undefined> =>
  (v, path = '') =>
    v === undefined ? undefined : inner(v, path);

export const nullable =
  <T>(inner: Validator<T>): Validator<T | null> =>
  (v, path = '') =>
    v === null ? null : inner(v, path);

export const array =
  <T>(inner: Validator<T>, max = 10_000): Validator<T[]> =>
  (v, path = '') => {
    if (!Array.isArray(v) || v.length > max)
      throw new SchemaError(path, `an array of at most ${max} items`);
    const out = new Array<T>(v.length);
    for (let i = 0; i < v.length; i++) {
      try {
        out[i] = inner(v[i]);
      } catch (e) {
        throw e instanceof SchemaError ? e.within(i).within(path) : e;
      }
    }
    return out;
  };

export const lonLat: Validator<[number, number]> = (v, path = '') => {
  if (!Array.isArray(v) || v.length !== 2) throw new SchemaError(path, '[lon, lat]');
  try {
    return [lon(v[0], '[0]'), lat(v[1], '[1]')];
  } catch (e) {
    throw e instanceof SchemaError ? e.within(path) : e;
  }
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A map of string keys (at most `max`) to values. */
export const record =
  <T>(inner: Validator<T>, max = 256): Validator<Record<string, T>> =>
  (v, path = '') => {
    if (!isPlainObject(v)) throw new SchemaError(path, 'an object');
    const keys = Object.keys(v);
    if (keys.length > max) throw new SchemaError(path, `an object of at most ${max} keys`);
    // Checked in place; copied only when a value had to be normalized.
    let out: Record<string, T> | undefined;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key.length > 64 || FORBIDDEN_KEYS.has(key)) {
        throw new SchemaError(
          `${path}.${key.slice(0, 64)}`,
          'a key of at most 64 characters other than __proto__, constructor or prototype',
        );
      }
      let value: T;
      try {
        value = inner(v[key]);
      } catch (e) {
        throw e instanceof SchemaError ? e.within(key).within(path) : e;
      }
      if (out) out[key] = value;
      else if (value !== v[key]) {
        out = {};
        for (let j = 0; j < i; j++) out[keys[j]] = v[keys[j]] as T;
        out[key] = value;
      }
    }
    return out ?? (v as Record<string, T>);
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
  return (v, path = '') => {
    if (!isPlainObject(v)) throw new SchemaError(path, 'an object');
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      let value: unknown;
      try {
        value = shape[key](v[key]);
      } catch (e) {
        throw e instanceof SchemaError ? e.within(key).within(path) : e;
      }
      if (value !== undefined) out[key] = value;
    }
    return out as ObjectOf<S>;
  };
};
