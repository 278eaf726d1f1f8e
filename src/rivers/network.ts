import { excerpt } from '../util/index.js';
import { Forest } from './forest.js';
import { readArrays, readFeatures, type NetworkParts } from './read.js';
import type { Topology } from './topology.js';
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
  private readonly idIndex: Map<string | number, number> | undefined;
  private scratch: TraceScratch | undefined;
  private stamp: Int32Array | undefined;
  /** The depth-first layout when the network is a tree (upstream traces scan it). */
  private readonly forest: Forest | undefined;
  private mark = 0;

  private constructor(parts: NetworkParts) {
    this.topology = parts.topology;
    this.size = parts.topology.n;
    this.idList = parts.ids;
    this.lengthKm = parts.lengthKm;
    this.velocityMs = parts.velocityMs;
    this.warnings = parts.warnings;
    this.idIndex = parts.idIndex;
    this.forest = Forest.build(parts.topology, parts.lengthKm);
  }

  /** A network from GeoJSON line features and the names of the properties to read. */
  static fromFeatures(
    features: readonly RiverFeature[] | { features: readonly RiverFeature[] },
    fields: RiverFieldNames,
  ): RiverNetwork {
    return new RiverNetwork(readFeatures(features, fields));
  }

  /**
   * A network from the compact form: typed arrays (or any array-likes of numbers) with one value
   * per reach, as a million-reach network is best kept. Ids that are integers come back as an
   * Int32Array in traces, other numbers as a Float64Array.
   */
  static fromArrays(arrays: RiverArrays): RiverNetwork {
    return new RiverNetwork(readArrays(arrays));
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
}
