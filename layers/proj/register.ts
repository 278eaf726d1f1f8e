import { register } from 'ol/proj/proj4.js';
import Projection from 'ol/proj/Projection.js';
import {
  addCoordinateTransforms,
  addEquivalentProjections,
  addProjection,
  get as getProjection,
  fromLonLat,
  toLonLat,
  type TransformFunction,
} from 'ol/proj.js';
import {
  CGCS2000_DEFINITIONS,
  WEB_MERCATOR_HALF,
  bd09ToGcj02,
  gcj02ToBd09,
  gcj02ToWgs84,
  wgs84ToBd09,
  bd09ToWgs84,
  wgs84ToGcj02,
  loadProj4,
  onProj4Definition,
  whenProj4,
} from '../../src/index.js';

/** GCJ-02 longitude/latitude in degrees (AMap, Tencent). */
export const GCJ02 = 'GCJ-02';
/** BD-09 longitude/latitude in degrees (Baidu). */
export const BD09 = 'BD-09';
/** Web mercator of GCJ-02 coordinates: the projection of AMap and Tencent tiles. */
export const GCJ02_MERCATOR = 'GCJ-02-MERCATOR';

type LonLatFn = (p: readonly [number, number]) => [number, number];

/** Lifts a point function to OpenLayers' flat-array transform signature. */
function flat(fn: LonLatFn): TransformFunction {
  return (input, output, dimension, stride) => {
    const dim = dimension ?? 2;
    const step = stride ?? dim;
    const out = output ?? new Array<number>(input.length);
    if (out !== input) for (let i = 0; i < input.length; i++) out[i] = input[i];
    for (let i = 0; i + 1 < input.length; i += step) {
      const [x, y] = fn([input[i], input[i + 1]]);
      out[i] = x;
      out[i + 1] = y;
    }
    return out;
  };
}

const identity: LonLatFn = (p) => [p[0], p[1]];
const mercToLonLat: LonLatFn = (p) => toLonLat([p[0], p[1]]) as [number, number];
const lonLatToMerc: LonLatFn = (p) => fromLonLat([p[0], p[1]]) as [number, number];
const compose =
  (...fns: LonLatFn[]): LonLatFn =>
  (p) =>
    fns.reduce<[number, number]>((q, f) => f(q), [p[0], p[1]]);

let registered = false;

const degrees = (code: string, axisOrientation?: string) =>
  new Projection({
    code,
    units: 'degrees',
    extent: [-180, -90, 180, 90],
    global: true,
    worldExtent: [-180, -90, 180, 90],
    ...(axisOrientation ? { axisOrientation } : {}),
  });

/** Each system as a pair of functions to and from WGS84 longitude/latitude. */
const systems: Record<string, [LonLatFn, LonLatFn]> = {
  'EPSG:4326': [identity, identity],
  'EPSG:4490': [identity, identity],
  'EPSG:3857': [mercToLonLat, lonLatToMerc],
  [GCJ02]: [gcj02ToWgs84, wgs84ToGcj02],
  [BD09]: [bd09ToWgs84, wgs84ToBd09],
  [GCJ02_MERCATOR]: [compose(mercToLonLat, gcj02ToWgs84), compose(wgs84ToGcj02, lonLatToMerc)],
};
const direct: Record<string, LonLatFn> = {
  [`${GCJ02}>${BD09}`]: gcj02ToBd09,
  [`${BD09}>${GCJ02}`]: bd09ToGcj02,
  [`${GCJ02}>${GCJ02_MERCATOR}`]: lonLatToMerc,
  [`${GCJ02_MERCATOR}>${GCJ02}`]: mercToLonLat,
};
const offset = new Set([GCJ02, BD09, GCJ02_MERCATOR]);

/** Transforms between every pair of `codes` of which one is an offset system. */
function addOffsetTransforms(codes: string[], others: string[] = codes): void {
  for (const a of codes) {
    for (const b of others) {
      // The others are proj4's (or OpenLayers' own) once proj4 is there; EPSG:4490 is needed before.
      const ours = (c: string) => offset.has(c) || c === 'EPSG:4490';
      if (a === b || (!ours(a) && !ours(b))) continue;
      const fwd = direct[`${a}>${b}`] ?? compose(systems[a][0], systems[b][1]);
      const inv = direct[`${b}>${a}`] ?? compose(systems[b][0], systems[a][1]);
      addCoordinateTransforms(getProjection(a)!, getProjection(b)!, flat(fwd), flat(inv));
    }
  }
}

/**
 * Registers with OpenLayers (idempotent): the GCJ-02, BD-09 and GCJ-02 web-mercator projections
 * and EPSG:4490 with forward and inverse transforms to EPSG:4326, EPSG:3857 and each other at
 * once; and, as soon as proj4 is there, the CGCS2000 Gauss-Krüger zones EPSG:4491-4554 through
 * proj4 with their transforms to all of those (the script-tag build loads proj4 on first use:
 * `loadChinaZones()`), and every CRS a GeoTIFF defines as it is read.
 */
export function registerChinaProjections(): void {
  if (registered) return;
  registered = true;
  // CGCS2000 differs from WGS84 by centimetres: treated as the same for display, so that
  // EPSG:4490 tiles and data are never resampled for an EPSG:4326 view or the other way round.
  if (!getProjection('EPSG:4490')) addProjection(degrees('EPSG:4490', 'neu'));
  addEquivalentProjections([getProjection('EPSG:4326')!, getProjection('EPSG:4490')!]);
  addProjection(degrees(GCJ02));
  addProjection(degrees(BD09));
  addProjection(
    new Projection({
      code: GCJ02_MERCATOR,
      units: 'm',
      extent: [-WEB_MERCATOR_HALF, -WEB_MERCATOR_HALF, WEB_MERCATOR_HALF, WEB_MERCATOR_HALF],
      worldExtent: [-180, -85, 180, 85],
      global: true,
    }),
  );
  const base = Object.keys(systems);
  addOffsetTransforms(base);
  whenProj4((proj4) => {
    for (const def of CGCS2000_DEFINITIONS) {
      if (!proj4.defs(def.code)) proj4.defs(def.code, def.proj4);
    }
    register(proj4);
    const zones: string[] = [];
    for (const def of CGCS2000_DEFINITIONS) {
      if (def.code === 'EPSG:4490') continue;
      const converter = proj4('EPSG:4326', def.proj4);
      systems[def.code] = [
        (p) => converter.inverse([p[0], p[1]]) as [number, number],
        (p) => converter.forward([p[0], p[1]]) as [number, number],
      ];
      zones.push(def.code);
    }
    addOffsetTransforms(zones, base);
    // A CRS read from a GeoTIFF later is known to OpenLayers as soon as it is defined.
    onProj4Definition(() => register(proj4));
  });
}

/** Whether OpenLayers knows the projection now (a zone only once proj4 is there). */
export function projectionReady(code: string): boolean {
  registerChinaProjections();
  return getProjection(code) !== null;
}

/** Registers everything, loading proj4 first when it is not there (the script-tag build). */
export async function loadChinaZones(): Promise<void> {
  registerChinaProjections();
  await loadProj4();
}
