// GeoKeys as `geotiff` returns them (GeoTIFFImage.getGeoKeys()): values by key name.

/** GeoKeys by name, e.g. `{ ProjectedCSTypeGeoKey: 32650 }`; values are numbers, arrays or text. */
export type GeoKeys = Readonly<Record<string, unknown>>;

/** A key's numbers (GeogTOWGS84GeoKey holds 3 or 7, most keys one), or undefined. */
export function geoKeyNumbers(keys: GeoKeys, name: string): number[] | undefined {
  const value = keys[name];
  if (value === undefined || value === null) return undefined;
  const list =
    Array.isArray(value) || ArrayBuffer.isView(value)
      ? Array.from(value as ArrayLike<unknown>)
      : [value];
  return list.length > 0 && list.every((n) => typeof n === 'number' && Number.isFinite(n))
    ? (list as number[])
    : undefined;
}

/** A key's number (the first of several), or undefined when it is absent or not a number. */
export function geoKeyNumber(keys: GeoKeys, name: string): number | undefined {
  return geoKeyNumbers(keys, name)?.[0];
}
