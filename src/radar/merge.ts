// Parts of different scans of one radar that come within mergeM of each other (the nearest
// distance between their cells' centres) are one hotspot; the relation is followed through.
import type { Part } from './parts.js';

/** Bucket coordinates stay below this, so that a key is an exact integer. */
const SPAN = 1 << 24;

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }

  find(i: number): number {
    const p = this.parent;
    while (p[i] !== i) {
      p[i] = p[p[i]];
      i = p[i];
    }
    return i;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** One part's cells in one bucket. */
interface Entry {
  part: number;
  cells: number[];
}

/**
 * Groups parts into clusters: two parts of different scans are linked when some cell centre of
 * one lies within `mergeM` metres of some cell centre of the other. Returns the clusters as
 * lists of part indices, each ascending, in the order of their first part.
 */
export function clusterParts(parts: readonly Part[], mergeM: number): number[][] {
  const uf = new UnionFind(parts.length);
  if (parts.length > 1) link(parts, mergeM, uf);
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < parts.length; i++) {
    const root = uf.find(i);
    const list = byRoot.get(root);
    if (list) list.push(i);
    else byRoot.set(root, [i]);
  }
  return [...byRoot.values()];
}

function link(parts: readonly Part[], mergeM: number, uf: UnionFind): void {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of parts) {
    for (let i = 0; i < p.xs.length; i++) {
      minX = Math.min(minX, p.xs[i]);
      maxX = Math.max(maxX, p.xs[i]);
      minY = Math.min(minY, p.ys[i]);
      maxY = Math.max(maxY, p.ys[i]);
    }
  }
  // Buckets at least mergeM wide: cells within mergeM are in the same or adjacent buckets.
  const size = Math.max(mergeM, (maxX - minX) / (SPAN - 2), (maxY - minY) / (SPAN - 2), 1e-6);
  const buckets = new Map<number, Entry[]>();
  parts.forEach((p, part) => {
    for (let i = 0; i < p.xs.length; i++) {
      const key = Math.floor((p.xs[i] - minX) / size) * SPAN + Math.floor((p.ys[i] - minY) / size);
      let list = buckets.get(key);
      if (!list) buckets.set(key, (list = []));
      const last = list[list.length - 1];
      if (last && last.part === part) last.cells.push(i);
      else list.push({ part, cells: [i] });
    }
  });
  const limit = mergeM * mergeM;
  // Each pair of neighbouring buckets once: the bucket itself and four of its eight neighbours.
  const offsets = [0, SPAN - 1, SPAN, SPAN + 1, 1];
  for (const [key, here] of buckets) {
    for (const offset of offsets) {
      const there = offset === 0 ? here : buckets.get(key + offset);
      if (!there) continue;
      for (let a = 0; a < here.length; a++) {
        for (let b = offset === 0 ? a + 1 : 0; b < there.length; b++) {
          const ea = here[a];
          const eb = there[b];
          const pa = parts[ea.part];
          const pb = parts[eb.part];
          if (pa.scan === pb.scan || uf.find(ea.part) === uf.find(eb.part)) continue;
          if (near(pa, ea.cells, pb, eb.cells, limit)) uf.union(ea.part, eb.part);
        }
      }
    }
  }
}

function near(a: Part, ca: number[], b: Part, cb: number[], limit: number): boolean {
  for (const i of ca) {
    const x = a.xs[i];
    const y = a.ys[i];
    for (const j of cb) {
      const dx = b.xs[j] - x;
      const dy = b.ys[j] - y;
      if (dx * dx + dy * dy <= limit) return true;
    }
  }
  return false;
}
