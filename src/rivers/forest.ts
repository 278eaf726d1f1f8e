// Upstream traces on networks that are trees (no divergence, no loop): the reaches are laid out
// once in depth-first order from the outlets, so that everything upstream of a reach is the run
// of positions that follows it, and each reach's flow distance to its outlet is kept. A trace is
// then a scan of that run (skipping the rest of a branch once it is beyond the limit), and a
// distance is a subtraction.

import { TraceOutput } from './output.js';
import type { Topology } from './topology.js';

export class Forest {
  /** Depth-first position of each reach. */
  readonly pre: Int32Array;
  /** The reach at each position. */
  readonly order: Int32Array;
  /** Reaches in the branch starting at each position (itself included). */
  readonly size: Int32Array;
  /** Flow distance from each position's reach (its downstream end) to its outlet's downstream end, km. */
  readonly toOutletKm: Float64Array;
  private toOutletCost: Map<Float64Array, Float64Array> = new Map();
  private readonly topology: Topology;

  private constructor(
    t: Topology,
    pre: Int32Array,
    order: Int32Array,
    size: Int32Array,
    km: Float64Array,
  ) {
    this.topology = t;
    this.pre = pre;
    this.order = order;
    this.size = size;
    this.toOutletKm = km;
  }

  /** The layout of a network without divergences; undefined when some reaches form a loop. */
  static build(t: Topology, lengthKm: Float64Array): Forest | undefined {
    if (t.divergent) return undefined;
    const n = t.n;
    const pre = new Int32Array(n).fill(-1);
    const order = new Int32Array(n);
    const size = new Int32Array(n);
    const km = new Float64Array(n);
    let next = 0;
    for (let root = 0; root < n; root++) {
      const k = t.toNode[root]!;
      if (k >= 0 && t.startOff[k + 1]! > t.startOff[k]!) continue; // flows into a reach
      // Depth-first from the outlet: a reach's branch ends where the next position's reach is
      // not above it; sizes are filled when the walk leaves a branch.
      pre[root] = next;
      order[next] = root;
      km[next] = 0;
      next++;
      // Positions on the current path, to close their branches.
      const path: number[] = [root];
      const cursor: number[] = [t.endOff[t.fromNode[root]!]!];
      while (path.length > 0) {
        const x = path[path.length - 1]!;
        const node = t.fromNode[x]!;
        const e = cursor[cursor.length - 1]!;
        if (e < t.endOff[node + 1]!) {
          cursor[cursor.length - 1] = e + 1;
          const y = t.endList[e]!;
          if (pre[y]! >= 0) return undefined; // met twice: not a tree
          pre[y] = next;
          order[next] = y;
          km[next] = km[pre[x]!]! + lengthKm[x]!;
          next++;
          path.push(y);
          cursor.push(t.endOff[t.fromNode[y]!]!);
        } else {
          size[pre[x]!] = next - pre[x]!;
          path.pop();
          cursor.pop();
        }
      }
    }
    // Reaches never met lie on a loop with no outlet.
    return next === n ? new Forest(t, pre, order, size, km) : undefined;
  }

  /** Flow cost from each position's reach to its outlet for another weight (hours), cached. */
  costToOutlet(weight: Float64Array): Float64Array {
    let c = this.toOutletCost.get(weight);
    if (c) return c;
    const n = this.order.length;
    c = new Float64Array(n);
    const t = this.topology;
    for (let p = 0; p < n; p++) {
      const x = this.order[p]!;
      const k = t.toNode[x]!;
      if (k < 0 || t.startOff[k + 1] === t.startOff[k]) continue; // an outlet: 0
      const below = t.startList[t.startOff[k]!]!;
      c[p] = c[this.pre[below]!]! + weight[below]!;
    }
    this.toOutletCost.set(weight, c);
    return c;
  }

  /**
   * Everything upstream of `start` within the limits, in depth-first order (start first):
   * positions in the network, km and cost (the same array as km when the cost is distance).
   */
  upstream(
    start: number,
    weight: Float64Array,
    lengthKm: Float64Array,
    maxCost: number,
    maxKm: number,
  ): { indices: Int32Array; km: Float64Array; cost: Float64Array } {
    const p0 = this.pre[start]!;
    const end = p0 + this.size[p0]!;
    const km = this.toOutletKm;
    const sameUnit = weight === lengthKm;
    const cost = sameUnit ? km : this.costToOutlet(weight);
    const baseKm = km[p0]!;
    const baseCost = cost[p0]!;
    if (maxCost === Infinity && maxKm === Infinity) {
      const count = end - p0;
      const outKm = new Float64Array(count);
      for (let i = 0; i < count; i++) outKm[i] = km[p0 + i]! - baseKm;
      let outCost = outKm;
      if (!sameUnit) {
        outCost = new Float64Array(count);
        for (let i = 0; i < count; i++) outCost[i] = cost[p0 + i]! - baseCost;
      }
      return { indices: this.order.slice(p0, end), km: outKm, cost: outCost };
    }
    // Bounded: scan the branch, skipping the rest of a branch beyond the limit (everything in it
    // is farther still).
    const out = new TraceOutput(64, sameUnit);
    for (let p = p0; p < end;) {
      const d = km[p]! - baseKm;
      const c = sameUnit ? d : cost[p]! - baseCost;
      if (c > maxCost || d > maxKm) {
        p += this.size[p]!;
        continue;
      }
      out.add(this.order[p]!, d, c);
      p++;
    }
    return out.result();
  }
}
