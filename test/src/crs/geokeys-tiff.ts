// A minimal GeoTIFF writer for tests: one uncompressed Float32 strip and any GeoKeys, written as
// the GeoTIFF 1.0 specification lays them out (SHORT keys inline, DOUBLE keys in
// GeoDoubleParamsTag, ASCII keys in GeoAsciiParamsTag). geotiff's own writer knows only a few
// keys, and GDAL writes only what it chooses; this writes what other tools write.

/** Keys stored as SHORT values; every other numeric key is stored as DOUBLE. */
const SHORT_KEYS = new Set([
  1024, 1025, 2048, 2050, 2051, 2052, 2054, 2056, 2060, 3072, 3074, 3075, 3076, 4096, 4098, 4099,
]);

/** GeoKey ids by name (GeoTIFF 1.0, section 6.2). */
export const GEOKEY_IDS: Record<string, number> = {
  GTModelTypeGeoKey: 1024,
  GTRasterTypeGeoKey: 1025,
  GTCitationGeoKey: 1026,
  GeographicTypeGeoKey: 2048,
  GeogCitationGeoKey: 2049,
  GeogGeodeticDatumGeoKey: 2050,
  GeogPrimeMeridianGeoKey: 2051,
  GeogAngularUnitsGeoKey: 2054,
  GeogAngularUnitSizeGeoKey: 2055,
  GeogEllipsoidGeoKey: 2056,
  GeogSemiMajorAxisGeoKey: 2057,
  GeogSemiMinorAxisGeoKey: 2058,
  GeogInvFlatteningGeoKey: 2059,
  GeogPrimeMeridianLongGeoKey: 2061,
  GeogTOWGS84GeoKey: 2062,
  ProjectedCSTypeGeoKey: 3072,
  PCSCitationGeoKey: 3073,
  ProjectionGeoKey: 3074,
  ProjCoordTransGeoKey: 3075,
  ProjLinearUnitsGeoKey: 3076,
  ProjLinearUnitSizeGeoKey: 3077,
  ProjStdParallel1GeoKey: 3078,
  ProjStdParallel2GeoKey: 3079,
  ProjNatOriginLongGeoKey: 3080,
  ProjNatOriginLatGeoKey: 3081,
  ProjFalseEastingGeoKey: 3082,
  ProjFalseNorthingGeoKey: 3083,
  ProjFalseOriginLongGeoKey: 3084,
  ProjFalseOriginLatGeoKey: 3085,
  ProjFalseOriginEastingGeoKey: 3086,
  ProjFalseOriginNorthingGeoKey: 3087,
  ProjCenterLongGeoKey: 3088,
  ProjCenterLatGeoKey: 3089,
  ProjCenterEastingGeoKey: 3090,
  ProjCenterNorthingGeoKey: 3091,
  ProjScaleAtNatOriginGeoKey: 3092,
  ProjScaleAtCenterGeoKey: 3093,
  ProjAzimuthAngleGeoKey: 3094,
  ProjStraightVertPoleLongGeoKey: 3095,
  ProjRectifiedGridAngleGeoKey: 3096,
};

export interface TiffSpec {
  width: number;
  height: number;
  /** Upper-left corner and cell size in CRS units. */
  origin: [number, number];
  cellSize: number;
  /** Cell values, row-major; default 5 everywhere. */
  values?: ArrayLike<number>;
  /** GeoKeys by name: numbers (SHORT or DOUBLE by key), number arrays (DOUBLE) or strings; undefined ones are left out. */
  keys: Readonly<Record<string, unknown>>;
}

type Entry = { tag: number; type: number; count: number; bytes: Uint8Array };

const TYPE_SIZE: Record<number, number> = { 2: 1, 3: 2, 4: 4, 12: 8 };

function shorts(values: number[]): Uint8Array {
  const view = new DataView(new ArrayBuffer(values.length * 2));
  values.forEach((v, i) => view.setUint16(i * 2, v, true));
  return new Uint8Array(view.buffer);
}

function doubles(values: number[]): Uint8Array {
  const view = new DataView(new ArrayBuffer(values.length * 8));
  values.forEach((v, i) => view.setFloat64(i * 8, v, true));
  return new Uint8Array(view.buffer);
}

function longs(values: number[]): Uint8Array {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((v, i) => view.setUint32(i * 4, v, true));
  return new Uint8Array(view.buffer);
}

function geoKeyTags(keys: TiffSpec['keys']): Entry[] {
  const directory: number[] = [];
  const doubleParams: number[] = [];
  let ascii = '';
  const ids = Object.entries(keys)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => {
      const id = GEOKEY_IDS[name];
      if (id === undefined) throw new Error(`unknown GeoKey ${name}`);
      return [id, value as number | number[] | string] as const;
    })
    .sort((a, b) => a[0] - b[0]);
  for (const [id, value] of ids) {
    if (typeof value === 'string') {
      directory.push(id, 34737, value.length + 1, ascii.length);
      ascii += `${value}|`;
    } else if (typeof value === 'number' && SHORT_KEYS.has(id)) {
      directory.push(id, 0, 1, value);
    } else {
      const list = typeof value === 'number' ? [value] : value;
      directory.push(id, 34736, list.length, doubleParams.length);
      doubleParams.push(...list);
    }
  }
  const entries: Entry[] = [
    {
      tag: 34735,
      type: 3,
      count: 4 + directory.length,
      bytes: shorts([1, 1, 0, ids.length, ...directory]),
    },
  ];
  if (doubleParams.length)
    entries.push({
      tag: 34736,
      type: 12,
      count: doubleParams.length,
      bytes: doubles(doubleParams),
    });
  if (ascii) {
    const bytes = new TextEncoder().encode(`${ascii}\0`);
    entries.push({ tag: 34737, type: 2, count: bytes.length, bytes });
  }
  return entries;
}

/** A little-endian GeoTIFF holding the spec's cells and GeoKeys. */
export function writeGeoKeysTiff(spec: TiffSpec): Uint8Array {
  const { width, height } = spec;
  const cells = new Float32Array(width * height);
  for (let i = 0; i < cells.length; i++) cells[i] = spec.values ? spec.values[i]! : 5;
  const pixels = new Uint8Array(cells.buffer);
  const [x0, y0] = spec.origin;
  const entries: Entry[] = [
    { tag: 256, type: 4, count: 1, bytes: longs([width]) },
    { tag: 257, type: 4, count: 1, bytes: longs([height]) },
    { tag: 258, type: 3, count: 1, bytes: shorts([32]) },
    { tag: 259, type: 3, count: 1, bytes: shorts([1]) },
    { tag: 262, type: 3, count: 1, bytes: shorts([1]) },
    { tag: 273, type: 4, count: 1, bytes: longs([0]) }, // patched below
    { tag: 277, type: 3, count: 1, bytes: shorts([1]) },
    { tag: 278, type: 4, count: 1, bytes: longs([height]) },
    { tag: 279, type: 4, count: 1, bytes: longs([pixels.length]) },
    { tag: 284, type: 3, count: 1, bytes: shorts([1]) },
    { tag: 339, type: 3, count: 1, bytes: shorts([3]) },
    { tag: 33550, type: 12, count: 3, bytes: doubles([spec.cellSize, spec.cellSize, 0]) },
    { tag: 33922, type: 12, count: 6, bytes: doubles([0, 0, 0, x0, y0, 0]) },
    ...geoKeyTags(spec.keys),
  ];
  const ifdSize = 2 + entries.length * 12 + 4;
  let extra = 8 + ifdSize;
  const placed = entries.map((e) => {
    if (e.bytes.length <= 4) return { e, offset: -1 };
    const offset = extra;
    extra += e.bytes.length + (e.bytes.length % 2);
    return { e, offset };
  });
  const pixelOffset = extra;
  const out = new Uint8Array(pixelOffset + pixels.length);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0, 8, 0, 0, 0]);
  view.setUint16(8, entries.length, true);
  placed.forEach(({ e, offset }, i) => {
    const at = 10 + i * 12;
    if (e.tag === 273) e.bytes = longs([pixelOffset]);
    if (e.bytes.length !== e.count * TYPE_SIZE[e.type]!) throw new Error(`tag ${e.tag} size`);
    view.setUint16(at, e.tag, true);
    view.setUint16(at + 2, e.type, true);
    view.setUint32(at + 4, e.count, true);
    if (offset < 0) out.set(e.bytes, at + 8);
    else {
      view.setUint32(at + 8, offset, true);
      out.set(e.bytes, offset);
    }
  });
  view.setUint32(10 + entries.length * 12, 0, true);
  out.set(pixels, pixelOffset);
  return out;
}

/** A user-defined Transverse Mercator (CM 117°E) as tools other than GDAL write it. */
export const TM_KEYS: Readonly<Record<string, unknown>> = {
  GTModelTypeGeoKey: 1,
  ProjectedCSTypeGeoKey: 32767,
  ProjectionGeoKey: 32767,
  ProjCoordTransGeoKey: 1,
  ProjNatOriginLatGeoKey: 0,
  ProjNatOriginLongGeoKey: 117,
  ProjScaleAtNatOriginGeoKey: 1,
  ProjFalseEastingGeoKey: 500000,
  ProjFalseNorthingGeoKey: 0,
  ProjLinearUnitsGeoKey: 9001,
};

/** Keys of a user-defined geographic CRS and datum, to which an ellipsoid is added. */
export const USER_DATUM: Readonly<Record<string, unknown>> = {
  GeographicTypeGeoKey: 32767,
  GeogGeodeticDatumGeoKey: 32767,
};

/** A 4 x 4 GeoTIFF at (500000, 4000000) with 30 m cells and these GeoKeys. */
export const smallGeoKeysTiff = (keys: Readonly<Record<string, unknown>>): Uint8Array =>
  writeGeoKeysTiff({
    width: 4,
    height: 4,
    origin: [500000, 4000000],
    cellSize: 30,
    keys,
  });

/** UTM zone 25S on GRS 1980 as Transverse Mercator parameters, no EPSG code anywhere. */
export const UTM25S_TM_KEYS: Readonly<Record<string, unknown>> = {
  ...TM_KEYS,
  ...USER_DATUM,
  ProjNatOriginLongGeoKey: -33,
  ProjScaleAtNatOriginGeoKey: 0.9996,
  ProjFalseNorthingGeoKey: 10000000,
  GeogEllipsoidGeoKey: 7019,
};
