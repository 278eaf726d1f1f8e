// Flow-distance traces over a Topology: a breadth-first walk that corrects a reach's distance
// when a shorter path turns up (divergences that rejoin), the same walk in cost order for the
// rare graph where corrections pile up, and a walk for networks without divergences.

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

/** The reaches waiting to be expanded: a first-in first-out queue, or a heap by cost. */
interface Frontier {
  size: number;
  push(cost: number, reach: number): void;
  /** The next reach to expand, or -1 for one to skip (already settled). */
  pop(): number;
}

/** A ring queue in the scratch arrays; a reach is in it at most once (`queued`). */
function fifo(scratch: TraceScratch, n: number): Frontier {
  const { queue, queued } = scratch;
  let head = 0;
  return {
    size: 0,
    push(_cost, y) {
      if (queued[y]) return;
      queued[y] = 1;
      queue[(head + this.size) % n] = y;
      this.size++;
    },
    pop() {
      const x = queue[head]!;
      head = head + 1 === n ? 0 : head + 1;
      this.size--;
      queued[x] = 0;
      return x;
    },
  };
}

/** A heap by cost; `queued` marks the reaches settled (each is expanded once). */
function heapFrontier(scratch: TraceScratch): Frontier {
  const heap = new MinHeap();
  const settled = scratch.queued;
  return {
    get size() {
      return heap.size;
    },
    push: (cost, y) => heap.push(cost, y),
    pop() {
      const x = heap.pop();
      if (settled[x]) return -1;
      settled[x] = 1;
      return x;
    },
  };
}

/**
 * One walk from `start` in the order `frontier` gives; returns how many reaches it found, or -1
 * when it popped more than `budget` reaches (the caller then walks again in cost order).
 */
function walkWith(
  input: WalkInput,
  scratch: TraceScratch,
  frontier: Frontier,
  budget: number,
): number {
  const { topology: t, lengthKm, weight, start, upstream, maxCost, maxKm } = input;
  const { cost, km, found } = scratch;
  const sameUnit = weight === lengthKm;
  const off = upstream ? t.endOff : t.startOff;
  const list = upstream ? t.endList : t.startList;
  const via = upstream ? t.fromNode : t.toNode;
  cost[start] = 0;
  km[start] = 0;
  found[0] = start;
  let count = 1;
  let pops = 0;
  frontier.push(0, start);
  while (frontier.size > 0) {
    const x = frontier.pop();
    if (x < 0) continue;
    if (++pops > budget) return -1;
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
      frontier.push(c, y);
    }
  }
  return count;
}

/**
 * Walks from `start` and returns how many reaches it found; `scratch.found[0..count)` lists
 * them (start first), with `cost` and `km` filled for each. The caller resets the scratch.
 * Breadth-first, correcting a reach when a shorter path turns up; when corrections pile up
 * (more than `budget` pops) it starts again in cost order, each reach expanded once.
 *
 * Upstream, a reach's cost is that of the reach below it plus the weight of that reach below
 * (the start's own cost is 0). Downstream, a reach's cost is that of the reach above it plus
 * that reach's weight, except that the start adds nothing (the first reach below is at 0).
 */
export function walk(input: WalkInput, scratch: TraceScratch): number {
  const n = input.topology.n;
  const queue = fifo(scratch, n);
  const count = walkWith(input, scratch, queue, input.budget ?? 4 * n + 64);
  if (count >= 0) return count;
  // Abandon the queue (rare): the scratch back to its start state, then in cost order. The
  // reaches settled are among those found, which the caller resets.
  scratch.cost.fill(Infinity);
  scratch.queued.fill(0);
  return walkWith(input, scratch, heapFrontier(scratch), Infinity);
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
