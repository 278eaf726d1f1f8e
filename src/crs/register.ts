// Names for the CRSs GeoTIFFs carry: an EPSG code that proj4 (or the CGCS2000 table) knows keeps
// its `EPSG:nnnn` name; a CRS built from the GeoKeys is registered with proj4 under
// `GEOTIFF:<hash of its definition>`, so that everything taking a CRS name (lonLatTransform,
// the viewshed, OpenLayers once `register(proj4)` has run again) can use it.

import './proj4-static.js';
import { useProj4 } from './proj4.js';
import { chinaDefinition } from './cgcs2000.js';
import { isGeographic } from './transform.js';
import { geoKeysDefinition, type GeoKeysDefinition } from './geokeys.js';
import type { GeoKeys } from './geokey-values.js';

/** Raised for GeoKeys that give no CRS the kit can name. */
export class CrsError extends Error {
  override name = 'CrsError';
  constructor(
    message: string,
    /** `missing`: no CRS in the keys; `unknown-code`: an EPSG code neither proj4 nor the kit knows. */
    readonly reason: 'missing' | 'unknown-code',
  ) {
    super(message);
  }
}

/** A GeoTIFF's CRS as the kit uses it. */
export interface GeoKeysCrs {
  /** A name proj4 knows (`EPSG:32650`, `GEOTIFF:1a2b3c4d`); undefined when it cannot be built. */
  crs?: string;
  /** The definition built from the GeoKeys (absent for a known EPSG code). */
  proj4?: string;
  /** Metres per unit of a projected CRS. */
  linearUnitM?: number;
  /** Why `crs` is undefined. */
  unsupported?: string;
}

/** 32-bit FNV-1a of a string, as 8 hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

const definitions = new Map<string, string>();
const definitionListeners = new Set<(name: string) => void>();

/**
 * Calls `listener` with the name of every proj4 definition registered from now on (OpenLayers'
 * projections are registered again that way); returns a function that stops it.
 */
export function onProj4Definition(listener: (name: string) => void): () => void {
  definitionListeners.add(listener);
  return () => definitionListeners.delete(listener);
}

/**
 * Registers a proj4 definition under `<prefix>:<hash of the definition>` (idempotent: the same
 * definition always gets the same name) and returns the name.
 */
export function registerProj4Definition(definition: string, prefix = 'GEOTIFF'): string {
  const base = `${prefix}:${fnv1a(definition)}`;
  let name = base;
  for (let n = 2; definitions.has(name) && definitions.get(name) !== definition; n++)
    name = `${base}-${n}`;
  if (!definitions.has(name)) {
    useProj4().defs(name, definition);
    definitions.set(name, definition);
    for (const listener of [...definitionListeners]) listener(name);
  }
  return name;
}

/** Metres per unit of a CRS proj4 or the CGCS2000 table knows; undefined for degrees. */
function unitOf(code: string): number | undefined {
  if (isGeographic(code)) return undefined;
  const def = useProj4().defs(code) as { to_meter?: number } | undefined;
  return def?.to_meter ?? 1;
}

function named(definition: GeoKeysDefinition): GeoKeysCrs {
  switch (definition.kind) {
    case 'epsg': {
      const { code, fallback } = definition;
      if (useProj4().defs(code) || chinaDefinition(code)) {
        const linearUnitM = unitOf(code);
        return linearUnitM === undefined ? { crs: code } : { crs: code, linearUnitM };
      }
      if (fallback && fallback.kind !== 'missing') return named(fallback);
      throw new CrsError(`CRS ${code} is not known to proj4`, 'unknown-code');
    }
    case 'proj4': {
      const crs = registerProj4Definition(definition.proj4);
      const unit =
        definition.linearUnitM === undefined ? {} : { linearUnitM: definition.linearUnitM };
      return { crs, proj4: definition.proj4, ...unit };
    }
    case 'unsupported': {
      const unit =
        definition.linearUnitM === undefined ? {} : { linearUnitM: definition.linearUnitM };
      return { unsupported: definition.reason, ...unit };
    }
    case 'missing':
      throw new CrsError(
        'no EPSG code in the GeoKeys and no projection to build one from (user-defined or missing CRS)',
        'missing',
      );
  }
}

/**
 * The CRS of a GeoTIFF from its GeoKeys (`GeoTIFFImage.getGeoKeys()`), as GDAL reads it: an EPSG
 * code proj4 knows by its name, a user-defined CRS as a registered `GEOTIFF:` name, one the kit
 * cannot build as `crs: undefined` with the reason and, when the keys give it, the linear unit.
 * @throws CrsError for keys without any CRS and for an EPSG code neither proj4 nor the keys define
 */
export function crsFromGeoKeys(keys: GeoKeys): GeoKeysCrs {
  return named(geoKeysDefinition(keys));
}
