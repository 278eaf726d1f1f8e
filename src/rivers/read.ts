// Reading a river network: from GeoJSON features and property names, or from the compact form
// of typed arrays, into the parts a RiverNetwork is made of.

import { excerpt } from '../util/index.js';
import { featureLengthKm } from './length.js';
import { buildTopology, downstreamNodes, indexNodes, type Topology } from './topology.js';
import type { RiverArrays, RiverFeature, RiverFieldNames } from './types.js';

/** What a network is made of. */
export interface NetworkParts {
  topology: Topology;
  ids: ArrayLike<string | number>;
  lengthKm: Float64Array;
  velocityMs: Float64Array | undefined;
  warnings: string[];
  /** Position by id; undefined when the ids are the positions (0..n-1 in order). */
  idIndex: Map<string | number, number> | undefined;
}

function indexIds(ids: ArrayLike<number>): Map<number, number> {
  const index = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) {
    if (index.has(ids[i]!))
      throw new RangeError(`RiverNetwork.fromArrays: id ${ids[i]} is repeated (position ${i})`);
    index.set(ids[i]!, i);
  }
  return index;
}

/** The parts of a network from line features (see `RiverNetwork.fromFeatures`). */
export function readFeatures(
  features: readonly RiverFeature[] | { features: readonly RiverFeature[] },
  fields: RiverFieldNames,
): NetworkParts {
  const list = Array.isArray(features)
    ? (features as readonly RiverFeature[])
    : (features as { features?: unknown })?.features;
  if (!Array.isArray(list))
    throw new TypeError(
      'RiverNetwork.fromFeatures: expected an array of features or a FeatureCollection',
    );
  if (!fields || typeof fields.id !== 'string')
    throw new TypeError('RiverNetwork.fromFeatures: fields.id must name the id property');
  const byNodes = fields.from !== undefined || fields.to !== undefined;
  if (byNodes && (fields.from === undefined || fields.to === undefined))
    throw new TypeError('RiverNetwork.fromFeatures: give both fields.from and fields.to');
  if (!byNodes && fields.toId === undefined)
    throw new TypeError(
      'RiverNetwork.fromFeatures: give fields.from and fields.to, or fields.toId',
    );
  const n = list.length;
  const props = (i: number): Record<string, unknown> => {
    const f = list[i];
    if (!f || typeof f !== 'object')
      throw new TypeError(`RiverNetwork.fromFeatures: feature ${i} is not an object`);
    const p = f.properties;
    return p && typeof p === 'object' ? p : {};
  };
  const ids: string[] = new Array(n);
  const index = new Map<string | number, number>();
  const lengthKm = new Float64Array(n);
  const velocity = fields.velocityMs ? new Float64Array(n).fill(NaN) : undefined;
  const warnings: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = props(i);
    const raw = p[fields.id] ?? list[i]!.id;
    if (raw === undefined || raw === null || raw === '')
      throw new TypeError(`RiverNetwork.fromFeatures: feature ${i} has no ${fields.id}`);
    const id = String(raw);
    if (index.has(id))
      throw new RangeError(`RiverNetwork.fromFeatures: feature ${i} repeats id ${excerpt(id)}`);
    index.set(id, i);
    ids[i] = id;
    const given = fields.lengthKm ? p[fields.lengthKm] : undefined;
    const len =
      given === undefined || given === null || given === ''
        ? featureLengthKm(list[i]!.geometry)
        : Number(given);
    if (!(len >= 0) || !Number.isFinite(len))
      throw new RangeError(
        `RiverNetwork.fromFeatures: feature ${i} (${excerpt(id)}) has no usable length: ${excerpt(given ?? list[i]!.geometry?.type)}`,
      );
    lengthKm[i] = len;
    if (velocity) {
      const v = Number(p[fields.velocityMs!]);
      if (v > 0 && Number.isFinite(v)) velocity[i] = v;
    }
  }
  const key = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : String(v));
  let topology: Topology;
  if (byNodes) {
    const nodes = indexNodes(
      n,
      (i) => key(props(i)[fields.from!]),
      (i) => key(props(i)[fields.to!]),
    );
    topology = buildTopology(nodes.fromNode, nodes.toNode, nodes.m);
  } else {
    const targets = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const t = key(props(i)[fields.toId!]);
      const j = t === undefined ? undefined : index.get(t);
      if (t !== undefined && j === undefined && t !== '0')
        warnings.push(
          `feature ${i} (${excerpt(ids[i])}) flows into unknown reach ${excerpt(t)}: taken as an outlet`,
        );
      targets[i] = j ?? -1;
    }
    const nodes = downstreamNodes(targets);
    topology = buildTopology(nodes.fromNode, nodes.toNode, nodes.m);
  }
  return { topology, ids, lengthKm, velocityMs: velocity, warnings, idIndex: index };
}

/** The parts of a network from typed arrays (see `RiverNetwork.fromArrays`). */
export function readArrays(arrays: RiverArrays): NetworkParts {
  if (!arrays || typeof arrays !== 'object' || !arrays.id || !arrays.lengthKm)
    throw new TypeError('RiverNetwork.fromArrays: id and lengthKm are required');
  const n = arrays.id.length;
  const byNodes = arrays.from !== undefined || arrays.to !== undefined;
  if (byNodes && (!arrays.from || !arrays.to))
    throw new TypeError('RiverNetwork.fromArrays: give both from and to');
  if (!byNodes && !arrays.toId)
    throw new TypeError('RiverNetwork.fromArrays: give from and to, or toId');
  for (const name of ['from', 'to', 'toId', 'lengthKm', 'velocityMs'] as const) {
    const a = arrays[name];
    if (a && a.length !== n)
      throw new RangeError(`RiverNetwork.fromArrays: ${name} has ${a.length} values, id has ${n}`);
  }
  let integral = true;
  for (let i = 0; i < n && integral; i++) {
    const v = arrays.id[i]!;
    integral = Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;
  }
  const ids = integral ? Int32Array.from(arrays.id) : Float64Array.from(arrays.id);
  // Ids 0..n-1 in order are their own positions: no index to build.
  let identity = integral;
  for (let i = 0; i < n && identity; i++) identity = ids[i] === i;
  const index = identity ? undefined : indexIds(ids);
  const lengthKm = Float64Array.from(arrays.lengthKm);
  for (let i = 0; i < n; i++)
    if (!(lengthKm[i]! >= 0) || lengthKm[i] === Infinity)
      throw new RangeError(
        `RiverNetwork.fromArrays: lengthKm[${i}] must be a number ≥ 0, got ${lengthKm[i]}`,
      );
  const velocity = arrays.velocityMs ? Float64Array.from(arrays.velocityMs) : undefined;
  if (velocity) for (let i = 0; i < n; i++) if (!(velocity[i]! > 0)) velocity[i] = NaN;
  const warnings: string[] = [];
  let topology: Topology;
  if (byNodes) {
    const from = arrays.from!;
    const to = arrays.to!;
    const nodes = indexNodes(
      n,
      (i) => from[i],
      (i) => to[i],
    );
    topology = buildTopology(nodes.fromNode, nodes.toNode, nodes.m);
  } else {
    const toId = arrays.toId!;
    const targets = new Int32Array(n);
    let unknown = 0;
    for (let i = 0; i < n; i++) {
      const t = toId[i]!;
      const j = index ? index.get(t) : Number.isInteger(t) && t >= 0 && t < n ? t : undefined;
      targets[i] = j ?? -1;
      if (j === undefined && toId[i] !== 0 && !Number.isNaN(toId[i])) unknown++;
    }
    if (unknown > 0)
      warnings.push(`${unknown} reaches flow into ids that are no reach's: taken as outlets`);
    const nodes = downstreamNodes(targets);
    topology = buildTopology(nodes.fromNode, nodes.toNode, nodes.m);
  }
  return { topology, ids, lengthKm, velocityMs: velocity, warnings, idIndex: index };
}
