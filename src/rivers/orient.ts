// Directs a network whose lines are not drawn with the flow (and may hold both banks of wide
// rivers) from its outlets: every line flows towards the end that is nearer an outlet along the
// network.

import { excerpt } from '../util/index.js';
import { distanceM } from '../tracks/index.js';
import { MinHeap } from './heap.js';
import { featureLengthKm, linesOf, lonLatOf } from './length.js';
import { rows } from './topology.js';
import type { RiverFeature } from './types.js';

export interface OrientOptions {
  /** Properties holding node ids at the drawn start and end (for example FNODE_ and TNODE_); without them, equal end coordinates make a node. */
  from?: string;
  to?: string;
  /** Property naming each line, to give outlets by id; default the feature's `id`. */
  id?: string;
  /** Loose line ends within this many km of an outlet point are outlets too (both banks of an estuary). Default 10. */
  snapKm?: number;
}

/** A feature as `orientNetwork` returns it: a copy, its line drawn with the flow. */
export interface OrientedFeature extends RiverFeature {
  properties: Record<string, unknown> & {
    /** Node ids at the upstream and downstream ends (strings). */
    fromNode: string;
    toNode: string;
    /** Whether the line was drawn against the flow and has been turned. */
    reversed: boolean;
    /** Flow distance from the downstream end to the nearest outlet, km; null when no outlet is reached. */
    outletKm: number | null;
  };
}

function lineEnds(f: RiverFeature): [[number, number], [number, number]] | undefined {
  const lines = linesOf(f.geometry);
  const first = lines[0];
  const last = lines[lines.length - 1];
  if (!first || !last) return undefined;
  const a = lonLatOf(first[0]);
  const b = lonLatOf(last[last.length - 1]);
  return a && b ? [a, b] : undefined;
}

function reverseGeometry(g: RiverFeature['geometry']): RiverFeature['geometry'] {
  if (!g) return g;
  if (g.type === 'LineString')
    return { type: g.type, coordinates: [...(g.coordinates as unknown[])].reverse() };
  const lines = (g.coordinates as unknown[][]).map((l) => [...l].reverse()).reverse();
  return { type: g.type, coordinates: lines };
}

/**
 * Directs the lines of a network from its outlets: each comes back (a copy, same order) with
 * its geometry running downstream and `fromNode`/`toNode`, `reversed` and `outletKm` in its
 * properties, ready for `RiverNetwork.fromFeatures(result, { id, from: 'fromNode', to: 'toNode' })`.
 *
 * Outlets are line ids (the line's loose end, or its end nearest the others' when both are
 * loose, is the outlet) or [lon, lat] points (the nearest line end, and every loose end within
 * `snapKm`). A line flows towards the end with the shorter flow distance to an outlet, so both
 * banks of a wide river flow the same way; a line whose ends are equally far flows from the
 * node found later to the one found earlier. Lines no outlet reaches keep their drawn direction,
 * with `outletKm` null. A line without a usable geometry is a RangeError naming it.
 */
export function orientNetwork(
  features: readonly RiverFeature[] | { features: readonly RiverFeature[] },
  outlets: ReadonlyArray<string | number | readonly [number, number]>,
  options: OrientOptions = {},
): OrientedFeature[] {
  const list = Array.isArray(features)
    ? (features as readonly RiverFeature[])
    : (features as { features?: unknown })?.features;
  if (!Array.isArray(list))
    throw new TypeError('orientNetwork: expected an array of features or a FeatureCollection');
  if (!Array.isArray(outlets) || outlets.length === 0)
    throw new TypeError(
      'orientNetwork: give at least one outlet (a line id or a [lon, lat] point)',
    );
  const n = list.length;
  const nodeIds = new Map<string, number>();
  const nodePos: Array<[number, number]> = [];
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const len = new Float64Array(n);
  const node = (key: string, pos: [number, number]) => {
    let k = nodeIds.get(key);
    if (k === undefined) {
      nodeIds.set(key, (k = nodePos.length));
      nodePos.push(pos);
    }
    return k;
  };
  const keyOf = (p: [number, number]) => `${p[0].toFixed(7)},${p[1].toFixed(7)}`;
  for (let i = 0; i < n; i++) {
    const f = list[i];
    const e = f && typeof f === 'object' ? lineEnds(f) : undefined;
    const km = e ? featureLengthKm(f!.geometry) : NaN;
    if (!e || !Number.isFinite(km))
      throw new RangeError(`orientNetwork: feature ${i} has no usable line`);
    len[i] = km;
    const p = f!.properties ?? {};
    if (options.from && options.to) {
      const fa = p[options.from];
      const fb = p[options.to];
      a[i] = node(fa == null ? `#${i}a` : `n${String(fa)}`, e[0]);
      b[i] = node(fb == null ? `#${i}b` : `n${String(fb)}`, e[1]);
    } else {
      a[i] = node(keyOf(e[0]), e[0]);
      b[i] = node(keyOf(e[1]), e[1]);
    }
  }
  const m = nodePos.length;
  // The lines at each node, from either end (positions n.. are the lines' downstream ends).
  const ends = new Int32Array(2 * n);
  ends.set(a);
  ends.set(b, n);
  const { off, list: edges } = rows(ends, m);
  const degree = (k: number) => off[k + 1]! - off[k]!;
  // Outlet nodes.
  const dist = new Float64Array(m).fill(Infinity);
  const heap = new MinHeap();
  const seed = (k: number) => {
    if (dist[k] !== 0) {
      dist[k] = 0;
      heap.push(0, k);
    }
  };
  const idIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = options.id ? list[i]!.properties?.[options.id] : list[i]!.id;
    if (id !== undefined && id !== null) idIndex.set(String(id), i);
  }
  const snapKm = options.snapKm ?? 10;
  if (!(snapKm >= 0))
    throw new RangeError(`orientNetwork: snapKm must be a number ≥ 0, got ${excerpt(snapKm)}`);
  for (const outlet of outlets) {
    if (Array.isArray(outlet)) {
      const p = lonLatOf(outlet);
      if (!p)
        throw new RangeError(`orientNetwork: outlet ${excerpt(outlet)} is not a [lon, lat] point`);
      let best = -1;
      let bestM = Infinity;
      for (let k = 0; k < m; k++) {
        const d = distanceM(p[0], p[1], nodePos[k]![0], nodePos[k]![1]);
        if (d < bestM) {
          bestM = d;
          best = k;
        }
        if (degree(k) === 1 && d <= snapKm * 1000) seed(k);
      }
      if (best >= 0) seed(best);
    } else {
      const i = idIndex.get(String(outlet));
      if (i === undefined)
        throw new RangeError(`orientNetwork: no line with id ${excerpt(outlet)}`);
      const loose = degree(b[i]!) === 1 ? b[i]! : degree(a[i]!) === 1 ? a[i]! : b[i]!;
      seed(loose);
    }
  }
  const order = new Int32Array(m).fill(-1);
  let settled = 0;
  while (heap.size > 0) {
    const k = heap.pop();
    if (order[k]! >= 0) continue;
    order[k] = settled++;
    for (let e = off[k]!; e < off[k + 1]!; e++) {
      const i = edges[e]! % n;
      const other = a[i] === k ? b[i]! : a[i]!;
      const d = dist[k]! + len[i]!;
      if (d < dist[other]!) {
        dist[other] = d;
        heap.push(d, other);
      }
    }
  }
  return list.map((f, i) => {
    const da = dist[a[i]!]!;
    const db = dist[b[i]!]!;
    const reached = Number.isFinite(da) || Number.isFinite(db);
    // Flows towards the nearer end; on a tie, towards the node settled first.
    const reversed = reached && (da < db || (da === db && order[a[i]!]! < order[b[i]!]!));
    const up = reversed ? b[i]! : a[i]!;
    const down = reversed ? a[i]! : b[i]!;
    return {
      ...f,
      type: 'Feature' as const,
      geometry: reversed ? reverseGeometry(f.geometry) : f.geometry,
      properties: {
        ...(f.properties ?? {}),
        fromNode: String(up),
        toNode: String(down),
        reversed,
        outletKm: reached ? Math.min(da, db) : null,
      },
    };
  });
}
