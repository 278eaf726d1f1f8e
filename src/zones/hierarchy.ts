/** The tree of zones: parents resolved, cycles refused, depths and the order of the levels. */
import type { ZoneRecord } from './read.js';

export interface Hierarchy {
  /** Index of each zone's parent, -1 for a top-level zone. */
  parent: Int32Array;
  /** 0 for a top-level zone. */
  depth: Uint32Array;
  /** Each zone's level name (its `level` property, or its depth written out). */
  level: string[];
  children: number[][];
  roots: number[];
  /** Level names from the top down: by the mean depth of their zones, then by first appearance. */
  levels: string[];
}

/**
 * Links each zone to its parent. A parent id that is not among the zones is reported and the
 * zone taken as a top-level one; a cycle of parents throws a RangeError naming its ids.
 */
export function buildHierarchy(records: ZoneRecord[], warnings: string[]): Hierarchy {
  const n = records.length;
  const index = new Map<string, number>();
  records.forEach((r, i) => index.set(r.id, i));
  const parent = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const r = records[i];
    if (r.parent === undefined) continue;
    const p = index.get(r.parent);
    if (p === undefined) {
      warnings.push(
        `feature ${r.feature} (id "${r.id}"): parent "${r.parent}" is not among the zones; taken as a top-level zone`,
      );
      delete r.parent;
    } else parent[i] = p;
  }

  // Depths by walking up; a zone met again on the walk that reached it closes a cycle.
  const depth = new Uint32Array(n);
  const state = new Uint8Array(n); // 0 not seen, 1 on the current walk, 2 done
  const walk: number[] = [];
  for (let i = 0; i < n; i++) {
    walk.length = 0;
    let j = i;
    while (j >= 0 && state[j] === 0) {
      state[j] = 1;
      walk.push(j);
      j = parent[j];
    }
    if (j >= 0 && state[j] === 1) {
      const cycle = walk.slice(walk.indexOf(j)).map((k) => `"${records[k].id}"`);
      throw new RangeError(
        `ZoneIndex: parent cycle ${[...cycle, cycle[0]].join(' → ')} (feature ${records[j].feature})`,
      );
    }
    let d = j >= 0 ? depth[j] + 1 : 0;
    for (let k = walk.length - 1; k >= 0; k--, d++) {
      depth[walk[k]] = d;
      state[walk[k]] = 2;
    }
  }

  const children: number[][] = Array.from({ length: n }, () => []);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) (parent[i] >= 0 ? children[parent[i]] : roots).push(i);

  const level = records.map((r, i) => r.level ?? String(depth[i]));
  const stats = new Map<string, { sum: number; count: number; first: number }>();
  level.forEach((name, i) => {
    const s = stats.get(name);
    if (s) {
      s.sum += depth[i];
      s.count++;
    } else stats.set(name, { sum: depth[i], count: 1, first: i });
  });
  const levels = [...stats.keys()].sort((a, b) => {
    const sa = stats.get(a)!;
    const sb = stats.get(b)!;
    return sa.sum / sa.count - sb.sum / sb.count || sa.first - sb.first;
  });
  return { parent, depth, level, children, roots, levels };
}
