import type proj4 from 'proj4';
import { register } from 'ol/proj/proj4.js';
import Projection from 'ol/proj/Projection.js';
import {
  addEquivalentProjections,
  addEquivalentTransforms,
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

const degrees = (code: string) =>
  new Projection({
    code,
    units: 'degrees',
    extent: [-180, -90, 180, 90],
    global: true,
    worldExtent: [-180, -90, 180, 90],
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

/** Forward and inverse transforms between each of `codes` and each of `others` that `include` takes. */
function addTransforms(
  codes: string[],
  others: string[],
  include: (a: string, b: string) => boolean,
): void {
  for (const a of codes) {
    for (const b of others) {
      if (a === b || !include(a, b)) continue;
      const fwd = direct[`${a}>${b}`] ?? compose(systems[a][0], systems[b][1]);
      const inv = direct[`${b}>${a}`] ?? compose(systems[b][0], systems[a][1]);
      // Flat-array functions as they are (addCoordinateTransforms would wrap each in a
      // point-by-point loop that slices every coordinate).
      addEquivalentTransforms([getProjection(a)!], [getProjection(b)!], flat(fwd), flat(inv));
    }
  }
}

/** Whether OpenLayers lacks a transform between the two without us (its own: 4326 and 3857). */
const needsOurs = (a: string, b: string) => [a, b].some((c) => offset.has(c) || c === 'EPSG:4490');

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
  // (East-north axes, as proj4 defined it for OpenLayers before.)
  if (!getProjection('EPSG:4490')) addProjection(degrees('EPSG:4490'));
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
  addTransforms(base, base, needsOurs);
  whenProj4((proj4) => {
    const zones: string[] = [];
    for (const def of CGCS2000_DEFINITIONS) {
      if (def.code === 'EPSG:4490') continue;
      // Each zone's proj4 converter is made when the zone is first used: parsing 64 definitions
      // (and OpenLayers' register(proj4), which pairs every definition with every other) cost
      // hundreds of milliseconds of a page's start.
      let converter: proj4.Converter | undefined;
      const zone = () => (converter ??= proj4('EPSG:4326', def.proj4));
      systems[def.code] = [
        (p) => zone().inverse([p[0], p[1]]) as [number, number],
        (p) => zone().forward([p[0], p[1]]) as [number, number],
      ];
      if (!getProjection(def.code))
        addProjection(new Projection({ code: def.code, units: 'm', axisOrientation: 'enu' }));
      zones.push(def.code);
    }
    // Each zone to and from every system above, and to every other zone (data in one zone on a
    // view in another): functions only, no converter is made until one is used.
    addTransforms(zones, base, () => true);
    addTransforms(zones, zones, (a, b) => a < b);
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
