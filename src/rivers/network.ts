import { excerpt } from '../util/index.js';
import { Forest } from './forest.js';
import { featureLengthKm } from './length.js';
import { buildTopology, downstreamNodes, indexNodes, type Topology } from './topology.js';
import { TraceScratch, resetScratch, treeWalk, walk } from './trace.js';
import type { RiverArrays, RiverFeature, RiverFieldNames, Trace, TraceOptions } from './types.js';

const KMH_PER_MS = 3.6;

function checkLimit(name: string, value: number | undefined): void {
  if (value !== undefined && !(typeof value === 'number' && value >= 0 && !Number.isNaN(value)))
    throw new RangeError(`RiverNetwork: ${name} must be a number ≥ 0, got ${excerpt(value)}`);
}

/**
 * A river network: reaches that flow from node to node (or into a downstream reach), their
 * lengths and optionally their velocities, held in typed arrays; traces upstream and
 * downstream by flow distance or travel time.
 *
 * Topology comes from node ids at both ends of each reach (NHDPlus FromNode/ToNode: a reach
 * flows into every reach that starts where it ends, so a divergence feeds both branches) or
 * from the id of the reach each flows into. Distances are flow distances measured at the point
 * of the trace, the downstream end of its start reach: see `upstream` and `downstream`.
 *
 * **Bad input.** `fromFeatures` and `fromArrays` throw a TypeError or RangeError naming the
 * feature or position for a missing or repeated id, a length that is not a number ≥ 0 (and no
 * geometry to measure), or arrays of different lengths; a downstream id that is no reach's id
 * is treated as an outlet and reported in `warnings`. Traces throw a RangeError for an unknown
 * start and for limits that are not numbers ≥ 0.
 */
export class RiverNetwork {
  /** Reaches. */
  readonly size: number;
  readonly lengthKm: Float64Array;
  /** Mean velocity of each reach, m/s (NaN: unknown); undefined when none was given. */
  readonly velocityMs: Float64Array | undefined;
  /** What was odd in the input, one line each. */
  readonly warnings: string[];
  private readonly topology: Topology;
  private readonly idList: ArrayLike<string | number>;
  private idIndex: Map<string | number, number> | undefined;
  private scratch: TraceScratch | undefined;
  private stamp: Int32Array | undefined;
  /** The depth-first layout when the network is a tree (upstream traces scan it). */
  private readonly forest: Forest | undefined;
  private mark = 0;

  private constructor(
    topology: Topology,
    ids: ArrayLike<string | number>,
    lengthKm: Float64Array,
    velocityMs: Float64Array | undefined,
    warnings: string[],
    idIndex?: Map<string | number, number>,
  ) {
    this.topology = topology;
    this.size = topology.n;
    this.idList = ids;
    this.lengthKm = lengthKm;
    this.velocityMs = velocityMs;
    this.warnings = warnings;
    this.idIndex = idIndex;
    this.forest = Forest.build(topology, lengthKm);
  }

  /** A network from GeoJSON line features and the names of the properties to read. */
  static fromFeatures(
    features: readonly RiverFeature[] | { features: readonly RiverFeature[] },
    fields: RiverFieldNames,
  ): RiverNetwork {
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
    return new RiverNetwork(topology, ids, lengthKm, velocity, warnings, index);
  }

  /**
   * A network from the compact form: typed arrays (or any array-likes of numbers) with one value
   * per reach, as a million-reach network is best kept. Ids that are integers come back as an
   * Int32Array in traces, other numbers as a Float64Array.
   */
  static fromArrays(arrays: RiverArrays): RiverNetwork {
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
        throw new RangeError(
          `RiverNetwork.fromArrays: ${name} has ${a.length} values, id has ${n}`,
        );
    }
    let integral = true;
    for (let i = 0; i < n && integral; i++) {
      const v = arrays.id[i]!;
      integral = Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;
    }
    const ids = integral ? Int32Array.from(arrays.id) : Float64Array.from(arrays.id);
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
    let index: Map<number, number> | undefined;
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
      // Ids 0..n-1 in order are their own positions: no index to build.
      let identity = true;
      for (let i = 0; i < n && identity; i++) identity = ids[i] === i;
      index = identity ? undefined : RiverNetwork.indexIds(ids);
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
      topology = buildTopology(
        targets.map((_, i) => i),
        targets,
        n,
      );
    }
    const network = new RiverNetwork(topology, ids, lengthKm, velocity, warnings, index);
    if (!index) network.checkIds();
    return network;
  }

  private static indexIds(ids: ArrayLike<number>): Map<number, number> {
    const index = new Map<number, number>();
    for (let i = 0; i < ids.length; i++) {
      if (index.has(ids[i]!))
        throw new RangeError(`RiverNetwork.fromArrays: id ${ids[i]} is repeated (position ${i})`);
      index.set(ids[i]!, i);
    }
    return index;
  }

  /** Ids that are 0..n-1 in order need no index; others are checked for repeats. */
  private checkIds(): void {
    const ids = this.idList as ArrayLike<number>;
    for (let i = 0; i < ids.length; i++)
      if (ids[i] !== i) {
        this.idIndex = RiverNetwork.indexIds(ids);
        return;
      }
  }

  /** The position (0..size-1) of a reach, or -1. */
  indexOf(id: string | number): number {
    if (!this.idIndex) {
      const i = typeof id === 'number' ? id : Number(id);
      return Number.isInteger(i) && i >= 0 && i < this.size ? i : -1;
    }
    const key = typeof this.idList[0] === 'string' ? String(id) : Number(id);
    return this.idIndex.get(key) ?? -1;
  }

  /** The id of the reach at a position. */
  idAt(index: number): string | number {
    return this.idList[index]!;
  }

  /** Positions of the reaches that flow into none (the network's outlets). */
  outlets(): number[] {
    const t = this.topology;
    const out: number[] = [];
    for (let i = 0; i < t.n; i++) {
      const k = t.toNode[i]!;
      if (k < 0 || t.startOff[k + 1] === t.startOff[k]) out.push(i);
    }
    return out;
  }

  /** Positions of the reaches directly below (`down`) or above a reach. */
  neighbours(index: number, down: boolean): number[] {
    const t = this.topology;
    const node = down ? t.toNode[index]! : t.fromNode[index]!;
    if (node < 0) return [];
    const off = down ? t.startOff : t.endOff;
    const list = down ? t.startList : t.endList;
    return Array.from(list.subarray(off[node]!, off[node + 1]!));
  }

  /**
   * Every reach upstream of `startId` within the limits. The trace's point is the downstream end
   * of the start reach; a reach's distance is the flow distance from its own downstream end to
   * that point (the lengths of every reach after it up to and including the start; the start
   * itself: 0), the shortest over all paths.
   */
  upstream(startId: string | number, options: TraceOptions = {}): Trace {
    return this.trace(startId, true, options);
  }

  /**
   * Every reach downstream of `startId` within the limits: a reach's distance is the flow
   * distance from the start's downstream end to the reach's upstream end (the first reach
   * below: 0; the start itself: 0), the shortest over all paths.
   */
  downstream(startId: string | number, options: TraceOptions = {}): Trace {
    return this.trace(startId, false, options);
  }

  private trace(startId: string | number, upstream: boolean, options: TraceOptions): Trace {
    const start = this.indexOf(startId);
    if (start < 0) throw new RangeError(`RiverNetwork: no reach ${excerpt(startId)}`);
    const { maxKm, hours, speedMs } = options ?? {};
    checkLimit('maxKm', maxKm);
    checkLimit('hours', hours);
    if (speedMs !== undefined && !(speedMs > 0 && Number.isFinite(speedMs)))
      throw new RangeError(`RiverNetwork: speedMs must be a number > 0, got ${excerpt(speedMs)}`);
    let weight = this.lengthKm;
    let maxCost = maxKm ?? Infinity;
    let byTime = false;
    if (speedMs !== undefined) {
      if (hours !== undefined) maxCost = Math.min(maxCost, hours * speedMs * KMH_PER_MS);
    } else if (hours !== undefined) {
      weight = this.hoursPerReach();
      maxCost = hours;
      byTime = true;
    }
    const input = {
      topology: this.topology,
      lengthKm: this.lengthKm,
      weight,
      start,
      upstream,
      maxCost,
      maxKm: maxKm ?? Infinity,
    };
    let indices: Int32Array;
    let distanceKm: Float64Array;
    let cost: Float64Array;
    if (upstream && this.forest) {
      const r = this.forest.upstream(start, weight, this.lengthKm, maxCost, input.maxKm);
      indices = r.indices;
      distanceKm = r.km;
      cost = r.cost;
    } else if (!this.topology.divergent) {
      // One flow path per reach: met once, written straight out.
      if (!this.stamp || this.mark >= 0x7fffffff) {
        this.stamp = new Int32Array(this.size);
        this.mark = 0;
      }
      const r = treeWalk(input, this.stamp, ++this.mark);
      indices = r.indices;
      distanceKm = r.km;
      cost = r.cost;
    } else {
      const scratch = (this.scratch ??= new TraceScratch(this.size));
      const count = walk(input, scratch);
      indices = scratch.found.slice(0, count);
      distanceKm = new Float64Array(count);
      cost = byTime ? new Float64Array(count) : distanceKm;
      for (let i = 0; i < count; i++) {
        const r = indices[i]!;
        distanceKm[i] = scratch.km[r]!;
        if (byTime) cost[i] = scratch.cost[r]!;
      }
      resetScratch(scratch, count);
    }
    const count = indices.length;
    let time: Float64Array | undefined;
    if (byTime) time = cost;
    else if (speedMs !== undefined) {
      time = new Float64Array(count);
      for (let i = 0; i < count; i++) time[i] = distanceKm[i]! / (speedMs * KMH_PER_MS);
    }
    const ids = this.idList;
    let outIds: ArrayLike<string | number>;
    if (!this.idIndex && ids instanceof Int32Array)
      outIds = indices; // ids are the positions
    else if (ids instanceof Int32Array || ids instanceof Float64Array) {
      const o = new (ids.constructor as Int32ArrayConstructor | Float64ArrayConstructor)(count);
      for (let i = 0; i < count; i++) o[i] = ids[indices[i]!]!;
      outIds = o;
    } else outIds = Array.from(indices, (r) => ids[r]!);
    return time
      ? { ids: outIds, distanceKm, indices, hours: time }
      : { ids: outIds, distanceKm, indices };
  }

  private hoursCache: Float64Array | undefined;

  /** Hours to flow through each reach at its own velocity; a RangeError names one without. */
  private hoursPerReach(): Float64Array {
    if (this.hoursCache) return this.hoursCache;
    const v = this.velocityMs;
    if (!v)
      throw new RangeError(
        'RiverNetwork: a trace by hours needs speedMs or a network with velocityMs',
      );
    const h = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) {
      if (!(v[i]! > 0))
        throw new RangeError(
          `RiverNetwork: reach ${excerpt(this.idAt(i))} has no velocityMs; give speedMs for a trace by hours`,
        );
      h[i] = this.lengthKm[i]! / (v[i]! * KMH_PER_MS);
    }
    return (this.hoursCache = h);
  }

  /** The compact form of the network (node ids as positions), to store or send to a worker. */
  toArrays(): Required<Pick<RiverArrays, 'id' | 'from' | 'to' | 'lengthKm'>> &
    Pick<RiverArrays, 'velocityMs'> {
    const ids = this.idList;
    return {
      id:
        ids instanceof Int32Array || ids instanceof Float64Array
          ? ids.slice()
          : Float64Array.from({ length: this.size }, (_, i) => i),
      from: this.topology.fromNode.slice(),
      to: Int32Array.from(this.topology.toNode, (k, i) => (k < 0 ? -1 - i - this.topology.m : k)),
      lengthKm: this.lengthKm.slice(),
      velocityMs: this.velocityMs?.slice(),
    };
  }
}
