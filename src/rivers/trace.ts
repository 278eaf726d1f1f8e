// Flow-distance traces over a Topology. A breadth-first walk that corrects a reach's distance
// when a shorter path turns up (on a tree every reach is met once; divergences that rejoin are
// met again only when the new path is shorter), with a heap-ordered walk for the rare graph
// where corrections pile up.

import { MinHeap } from './heap.js';
import { TraceOutput } from './output.js';
import type { Topology } from './topology.js';

/** Scratch arrays reused from trace to trace (reset by the reaches a trace touched). */
export class TraceScratch {
  readonly cost: Float64Array;
  readonly km: Float64Array;
  readonly queued: Uint8Array;
  readonly queue: Int32Array;
  readonly found: Int32Array;

  constructor(n: number) {
    this.cost = new Float64Array(n).fill(Infinity);
    this.km = new Float64Array(n);
    this.queued = new Uint8Array(n);
    this.queue = new Int32Array(Math.max(1, n));
    this.found = new Int32Array(Math.max(1, n));
  }
}

export interface WalkInput {
  topology: Topology;
  lengthKm: Float64Array;
  /** Cost of flowing through each reach, in the walk's unit (km or hours). */
  weight: Float64Array;
  start: number;
  upstream: boolean;
  /** Largest cost kept (km or hours). */
  maxCost: number;
  /** Largest distance kept, km (when the cost is time). */
  maxKm: number;
  /** Queue pops allowed before the walk turns to the heap (default 4n + 64). */
  budget?: number;
}

/**
 * Walks from `start` and returns how many reaches it found; `scratch.found[0..count)` lists
 * them (start first), with `cost` and `km` filled for each. The caller resets the scratch.
 *
 * Upstream, a reach's cost is that of the reach below it plus the weight of that reach below
 * (the start's own cost is 0). Downstream, a reach's cost is that of the reach above it plus
 * that reach's weight, except that the start adds nothing (the first reach below is at 0).
 */
export function walk(input: WalkInput, scratch: TraceScratch): number {
  const { topology: t, lengthKm, weight, start, upstream, maxCost, maxKm } = input;
  const { cost, km, queued, queue, found } = scratch;
  const n = t.n;
  const sameUnit = weight === lengthKm;
  cost[start] = 0;
  km[start] = 0;
  found[0] = start;
  let count = 1;
  queue[0] = start;
  queued[start] = 1;
  let head = 0;
  let size = 1;
  let pops = 0;
  const budget = input.budget ?? 4 * n + 64;
  const off = upstream ? t.endOff : t.startOff;
  const list = upstream ? t.endList : t.startList;
  const via = upstream ? t.fromNode : t.toNode;
  while (size > 0) {
    const x = queue[head]!;
    head = head + 1 === n ? 0 : head + 1;
    size--;
    queued[x] = 0;
    if (++pops > budget) return heapWalk(input, scratch, count);
    const node = via[x]!;
    if (node < 0) continue;
    const through = upstream || x !== start;
    const addCost = through ? weight[x]! : 0;
    const addKm = through ? lengthKm[x]! : 0;
    const c = cost[x]! + addCost;
    if (c > maxCost) continue;
    const d = km[x]! + addKm;
    if (!sameUnit && d > maxKm) continue;
    for (let e = off[node]!, end = off[node + 1]!; e < end; e++) {
      const y = list[e]!;
      const old = cost[y]!;
      if (c >= old) continue;
      if (old === Infinity) found[count++] = y;
      cost[y] = c;
      km[y] = d;
      if (!queued[y]) {
        queued[y] = 1;
        let tail = head + size;
        if (tail >= n) tail -= n;
        queue[tail] = y;
        size++;
      }
    }
  }
  return count;
}

/** The same walk ordered by a binary heap (each reach settled once), continuing a BFS's finds. */
function heapWalk(input: WalkInput, scratch: TraceScratch, already: number): number {
  const { topology: t, lengthKm, weight, start, upstream, maxCost, maxKm } = input;
  const { cost, km, queued, found } = scratch;
  // Start again from scratch with the reaches found so far reset.
  for (let i = 0; i < already; i++) {
    cost[found[i]!] = Infinity;
    queued[found[i]!] = 0;
  }
  const sameUnit = weight === lengthKm;
  const heap = new MinHeap();
  const off = upstream ? t.endOff : t.startOff;
  const list = upstream ? t.endList : t.startList;
  const via = upstream ? t.fromNode : t.toNode;
  cost[start] = 0;
  km[start] = 0;
  found[0] = start;
  let count = 1;
  heap.push(0, start);
  // `queued` marks settled reaches here.
  while (heap.size > 0) {
    const x = heap.pop();
    if (queued[x]) continue;
    queued[x] = 1;
    const node = via[x]!;
    if (node < 0) continue;
    const through = upstream || x !== start;
    const c = cost[x]! + (through ? weight[x]! : 0);
    const d = km[x]! + (through ? lengthKm[x]! : 0);
    if (c > maxCost || (!sameUnit && d > maxKm)) continue;
    for (let e = off[node]!, end = off[node + 1]!; e < end; e++) {
      const y = list[e]!;
      if (c >= cost[y]!) continue;
      if (cost[y] === Infinity) found[count++] = y;
      cost[y] = c;
      km[y] = d;
      heap.push(c, y);
    }
  }
  for (let i = 0; i < count; i++) queued[found[i]!] = 0;
  return count;
}

/** Puts the scratch back to its initial state after a walk that found `count` reaches. */
export function resetScratch(scratch: TraceScratch, count: number): void {
  const { cost, queued, found } = scratch;
  for (let i = 0; i < count; i++) {
    const r = found[i]!;
    cost[r] = Infinity;
    queued[r] = 0;
  }
}

/**
 * The walk for networks without divergences (no reach flows into two): every reach then has a
 * single flow path to or from the start, so it is met once, and the order of finding is a
 * breadth-first queue kept in the output itself. `stamp` marks the reaches met, with `mark`
 * unique to this walk.
 */
export function treeWalk(
  input: WalkInput,
  stamp: Int32Array,
  mark: number,
): { indices: Int32Array; km: Float64Array; cost: Float64Array } {
  const { topology: t, lengthKm, weight, start, upstream, maxCost, maxKm } = input;
  const sameUnit = weight === lengthKm;
  const out = new TraceOutput(Math.min(t.n, 1024), sameUnit);
  const off = upstream ? t.endOff : t.startOff;
  const list = upstream ? t.endList : t.startList;
  const via = upstream ? t.fromNode : t.toNode;
  stamp[start] = mark;
  out.add(start, 0, 0);
  for (let head = 0; head < out.count; head++) {
    const x = out.indices[head]!;
    const node = via[x]!;
    if (node < 0) continue;
    const through = upstream || x !== start;
    const c = out.cost[head]! + (through ? weight[x]! : 0);
    if (c > maxCost) continue;
    const d = sameUnit ? c : out.km[head]! + (through ? lengthKm[x]! : 0);
    if (!sameUnit && d > maxKm) continue;
    for (let e = off[node]!, end = off[node + 1]!; e < end; e++) {
      const y = list[e]!;
      if (stamp[y] === mark) continue;
      stamp[y] = mark;
      out.add(y, d, c);
    }
  }
  return out.result();
}
