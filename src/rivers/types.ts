/** How far a trace goes. */
export interface TraceOptions {
  /** Keep reaches whose flow distance is at or within this many km. */
  maxKm?: number;
  /** Keep reaches the water takes at most this long to travel from or to (needs a speed). */
  hours?: number;
  /**
   * Flow speed in m/s for every reach; without it, the reaches' own `velocityMs` (a network
   * built with velocities) set the travel time.
   */
  speedMs?: number;
}

/**
 * A trace: the start reach first, then every reach reached, in the order they were found;
 * `distanceKm[i]` belongs to `ids[i]`.
 */
export interface Trace {
  ids: ArrayLike<string | number>;
  distanceKm: ArrayLike<number>;
  /** Positions of the reaches in the network (0..size-1), same order. */
  indices: Int32Array;
  /** Travel time in hours along the same flow path, when a speed is known. */
  hours?: Float64Array;
}

/** Field names of the features' properties that `RiverNetwork.fromFeatures` reads. */
export interface RiverFieldNames {
  /** The reach's id. */
  id: string;
  /** Node id at the reach's upstream end (as NHDPlus FromNode); with `to`. */
  from?: string;
  /** Node id at the reach's downstream end (as NHDPlus ToNode); with `from`. */
  to?: string;
  /** The id of the reach this one flows into (instead of from/to). */
  toId?: string;
  /** Length in km; measured along the geometry (geodesic) when absent. */
  lengthKm?: string;
  /** Mean flow velocity in m/s, for traces by travel time. */
  velocityMs?: string;
}

/** The compact form of a network: one value per reach in each array. */
export interface RiverArrays {
  id: ArrayLike<number>;
  /** Node ids at the upstream and downstream ends; or `toId`. */
  from?: ArrayLike<number>;
  to?: ArrayLike<number>;
  /** The id of the reach each flows into (a value that is no reach's id: none). */
  toId?: ArrayLike<number>;
  lengthKm: ArrayLike<number>;
  velocityMs?: ArrayLike<number>;
}

/** A GeoJSON feature as the river functions read it. */
export interface RiverFeature {
  type?: 'Feature';
  id?: string | number;
  properties?: Record<string, unknown> | null;
  geometry?: { type: string; coordinates: unknown } | null;
}
