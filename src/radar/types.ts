// The radar domain's shapes: polar scans of a scanning (lidar) radar and the hotspots found in them.

/** One sweep of a scanning radar: `rays` x `gates` values, ray after ray. */
export interface RadarScan {
  radarId: string;
  /** Where the radar stands, WGS84. */
  lon: number;
  lat: number;
  /** When the scan was taken: ms since the epoch, or ISO 8601 with a zone. */
  time: number | string;
  /** Degrees clockwise from north, one per ray. */
  azimuths: ArrayLike<number>;
  /** Distance of the first gate's near edge from the radar, metres. */
  rangeStartM: number;
  /** Length of a gate along the ray, metres. */
  gateM: number;
  /** Gates per ray. */
  gates: number;
  /** rays x gates, ray after ray; NaN or `noData` = no value. */
  values: Float32Array;
  /** What the values are, e.g. `extinction` or `PM10`. */
  quantity?: string;
  /** Their unit, e.g. `1/km` or `µg/m³`. */
  unit?: string;
  /** The value that means no value (besides NaN). */
  noData?: number;
}

export interface HotspotOptions {
  /** Absolute floor: cells at or below it are never hot. Default none. */
  threshold?: number;
  /** A cell is hot above median + k * 1.4826 * MAD of the scan's cells. Default 3. */
  k?: number;
  /** Cells a part of one scan needs. Default 4. */
  minCells?: number;
  /** Scans a hotspot must appear in. Default 2. */
  minScans?: number;
  /**
   * Parts of different scans whose nearest cells (centre to centre) are within this distance
   * are one hotspot, metres. Default 150.
   */
  mergeM?: number;
}

export interface Hotspot {
  /** `${radarId}-${start}-${n}`: the same scans give the same ids. */
  id: string;
  radarId: string;
  /**
   * Value-weighted centre, WGS84: each hot cell weighted by its excess over its scan's median
   * times its footprint area.
   */
  lon: number;
  lat: number;
  /** Highest value. */
  peak: number;
  /** Area of the union of its cells' footprints over all its scans, m². */
  areaM2: number;
  /** First and last scan time, ms. */
  start: number;
  end: number;
  /** Scans it appears in. */
  scans: number;
  /** lon/lat outline: the convex hull of its cells' footprints, closed, counter-clockwise. */
  polygon: Array<[number, number]>;
}
