import {
  excerpt,
  ZoneIndex,
  type ZoneFeatureCollection,
  type ZoneIndexOptions,
} from '../../src/index.js';

/**
 * The zones of a GeoJSON object or its text, from `from` (a URL, or `data`).
 * @throws Error saying what was wrong: text that is not JSON, or input `ZoneIndex` refuses
 */
export function readZoneIndex(input: unknown, from: string, fields: ZoneIndexOptions): ZoneIndex {
  let object = input;
  if (typeof input === 'string') {
    try {
      object = JSON.parse(input);
    } catch (e) {
      throw new Error(
        `zones from ${from} are not JSON (${(e as Error).message}): ${excerpt(input)}`,
        { cause: e },
      );
    }
  }
  try {
    return new ZoneIndex(object as ZoneFeatureCollection, fields);
  } catch (e) {
    throw new Error(`zones from ${from} could not be read: ${(e as Error).message}`, {
      cause: e,
    });
  }
}
