// Pollution hotspots in radar scans: hot parts of each scan, merged across the scans of a radar,
// kept when they recur.
import { excerpt } from '../util/index.js';
import { hull, unionArea } from './footprint.js';
import { LocalPlane, planeToLonLat } from './geodesic.js';
import { clusterParts } from './merge.js';
import { findParts, Work, type Part, type PartOptions } from './parts.js';
import { prepareScan, type PreparedScan } from './scan.js';
import type { Hotspot, HotspotOptions, RadarScan } from './types.js';

interface Checked extends PartOptions {
  minScans: number;
  mergeM: number;
}

function checkOptions(options: HotspotOptions): Checked {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('options: expected an object of hotspot options');
  }
  const number = (key: keyof HotspotOptions, fallback: number, min: number, integer: boolean) => {
    const v = options[key];
    if (v === undefined) return fallback;
    if (
      typeof v !== 'number' ||
      !Number.isFinite(v) ||
      v < min ||
      (integer && !Number.isInteger(v))
    )
      throw new RangeError(
        `options.${key} must be ${integer ? 'an integer' : 'a finite number'} of at least ${min}, got ${excerpt(v)}`,
      );
    return v;
  };
  const threshold = options.threshold;
  if (threshold !== undefined && (typeof threshold !== 'number' || Number.isNaN(threshold))) {
    throw new RangeError(`options.threshold must be a number, got ${excerpt(threshold)}`);
  }
  return {
    threshold: threshold ?? -Infinity,
    k: number('k', 3, 0, false),
    minCells: number('minCells', 4, 1, true),
    minScans: number('minScans', 2, 1, true),
    mergeM: number('mergeM', 150, 0, false),
  };
}

/** A hotspot before its id: with what orders it among its radar's. */
interface Found extends Omit<Hotspot, 'id'> {
  first: Part;
}

/**
 * Pollution hotspots in scans of one or more radars.
 *
 * - In each scan a cell is hot above median + k x 1.4826 x MAD of the scan's valid cells (and
 *   above `threshold`); NaN, ±Infinity and `noData` are no value. Hot cells join 8-connected in
 *   (ray, gate) space, the last ray neighbouring the first when the rays go round the circle;
 *   parts of fewer than `minCells` cells are dropped.
 * - Gate g of a ray lies at rangeStartM + (g + 0.5) x gateM along its azimuth, on the WGS84
 *   geodesic from the radar (the scan is an azimuthal equidistant map around it).
 * - Parts of different scans of the same radar whose nearest cells (centre to centre) are within
 *   `mergeM` are one hotspot, through any chain of such links; a hotspot must appear in at
 *   least `minScans` distinct scans.
 * - `lon`/`lat`: the centre of the excess over each scan's median, each cell weighted by its
 *   excess times its footprint area. `areaM2`: the area of the union of all its cells'
 *   footprints (annular sectors of Δaz x gate) over all its scans (for a radar that moved
 *   between scans, the largest area in one scan). `polygon`: the convex hull of those
 *   footprints, closed, counter-clockwise. `start`/`end`: first and last scan time.
 * - `id` is `${radarId}-${start}-${n}`, n counting the radar's hotspots of the same start from 0
 *   in the order of their first cell (scan order, then ray, then gate): the same scans give the
 *   same ids.
 * - Sorted by peak, highest first; then by start, then id.
 *
 * @throws TypeError or RangeError naming the scan (index and radar) and the field, or the option
 */
export function detectHotspots(scans: RadarScan[], options: HotspotOptions = {}): Hotspot[] {
  if (!Array.isArray(scans)) throw new TypeError('scans: expected an array of radar scans');
  const checked = checkOptions(options);
  if (scans.length === 0) return [];
  const prepared = scans.map((scan, i) => prepareScan(scan, i));
  const byRadar = new Map<string, PreparedScan[]>();
  let largest = 0;
  for (const scan of prepared) {
    const group = byRadar.get(scan.radarId);
    if (group) group.push(scan);
    else byRadar.set(scan.radarId, [scan]);
    largest = Math.max(largest, scan.rays * scan.gates);
  }
  const work = new Work(largest);
  const found: Found[] = [];
  for (const group of byRadar.values()) found.push(...radarHotspots(group, checked, work));
  return name(found);
}

function radarHotspots(group: PreparedScan[], options: Checked, work: Work): Found[] {
  // The plane of the radar's first position; a radar that moved is placed in it.
  const { lon, lat } = group[0];
  const plane = new LocalPlane(lon, lat);
  const parts: Part[] = [];
  for (const scan of group) {
    const moved = scan.lon !== lon || scan.lat !== lat;
    const ox = moved ? plane.x(scan.lon) : 0;
    const oy = moved ? plane.y(scan.lat) : 0;
    parts.push(...findParts(scan, options, work, ox, oy));
  }
  const out: Found[] = [];
  for (const cluster of clusterParts(parts, options.mergeM)) {
    const members = cluster.map((i) => parts[i]);
    const scans = new Set(members.map((p) => p.scan)).size;
    if (scans < options.minScans) continue;
    let w = 0;
    let wx = 0;
    let wy = 0;
    let peak = -Infinity;
    let start = Infinity;
    let end = -Infinity;
    for (const p of members) {
      w += p.w;
      wx += p.wx;
      wy += p.wy;
      peak = Math.max(peak, p.peak);
      start = Math.min(start, p.scan.time);
      end = Math.max(end, p.scan.time);
    }
    const [clon, clat] = planeToLonLat(lon, lat, wx / w, wy / w);
    const ring = hull(members).map(([x, y]) => planeToLonLat(lon, lat, x, y));
    if (ring.length > 0) ring.push([ring[0][0], ring[0][1]]);
    out.push({
      radarId: group[0].radarId,
      lon: clon,
      lat: clat,
      peak,
      areaM2: unionArea(members),
      start,
      end,
      scans,
      polygon: ring,
      first: members[0],
    });
  }
  return out;
}

/** Gives each hotspot its id and sorts them. */
function name(found: Found[]): Hotspot[] {
  const order = (a: Found, b: Found) =>
    a.start - b.start ||
    a.first.scan.index - b.first.scan.index ||
    a.first.cells[0] - b.first.cells[0];
  const counts = new Map<string, number>();
  const named = found.sort(order).map(({ first: _first, ...h }) => {
    const key = `${h.radarId}-${h.start}`;
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    return { id: `${key}-${n}`, ...h };
  });
  return named.sort(
    (a, b) => b.peak - a.peak || a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
