// Lon/lat to and from a CRS that proj4 knows or one of the CGCS2000 systems.

import './proj4-static.js';
import { useProj4 } from './proj4.js';
import { chinaDefinition } from './cgcs2000.js';

export interface LonLatTransform {
  fromLonLat(p: readonly [number, number]): [number, number];
  toLonLat(p: readonly [number, number]): [number, number];
}

/** @throws RangeError for a CRS neither proj4 nor the CGCS2000 table knows, or none (undefined) */
export function lonLatTransform(crs: string | undefined): LonLatTransform {
  if (crs === undefined)
    throw new RangeError('no CRS: the coordinates cannot be placed on the earth');
  const definition = useProj4().defs(crs) ? crs : chinaDefinition(crs)?.proj4;
  if (!definition) throw new RangeError(`CRS ${crs} is not known to proj4`);
  const converter = useProj4()('EPSG:4326', definition);
  return {
    fromLonLat: (p) => converter.forward([p[0], p[1]]) as [number, number],
    toLonLat: (p) => converter.inverse([p[0], p[1]]) as [number, number],
  };
}

/** Whether a CRS is geographic (degrees); undefined when neither proj4 nor the CGCS2000 table knows it (or there is none). */
export function isGeographic(crs: string | undefined): boolean | undefined {
  if (crs === undefined) return undefined;
  const known = useProj4().defs(crs) as { projName?: string } | undefined;
  if (known) return known.projName === 'longlat';
  const cgcs = chinaDefinition(crs);
  return cgcs ? cgcs.proj4.includes('+proj=longlat') : undefined;
}
