// The ground a hotspot covers: the area of the union of its cells' polar footprints, and their
// convex hull as an outline.
import type { Part } from './parts.js';

const TAU = 2 * Math.PI;

/** An annular sector: angles (radians clockwise from north, 0 <= a0 < a1 <= 2π) and radii. */
interface Sector {
  a0: number;
  a1: number;
  r0: number;
  r1: number;
}

/** Runs of consecutive gates along each ray of a part: [ray, first gate, last gate]. */
function runs(part: Part, visit: (ray: number, g0: number, g1: number) => void): void {
  const { cells } = part;
  const gates = part.scan.gates;
  let i = 0;
  while (i < cells.length) {
    const ray = (cells[i] / gates) | 0;
    const g0 = cells[i] - ray * gates;
    let g1 = g0;
    let j = i + 1;
    while (j < cells.length && cells[j] === ray * gates + g1 + 1) {
      g1++;
      j++;
    }
    visit(ray, g0, g1);
    i = j;
  }
}

/**
 * Area in m² of the union of the footprints of the parts' cells, when all the parts' scans were
 * taken from the same place (the footprints are then annular sectors around one centre and the
 * union is exact: a sweep over the angles, merging the radial intervals of each angular slice).
 * Scans from different places (a radar that moved) give the largest area of any one part.
 */
export function unionArea(parts: readonly Part[]): number {
  const ox = parts[0].ox;
  const oy = parts[0].oy;
  if (parts.some((p) => p.ox !== ox || p.oy !== oy)) {
    return parts.reduce((max, p) => Math.max(max, p.areaM2), 0);
  }
  const sectors: Sector[] = [];
  for (const part of parts) {
    const { lo, hi, rangeStartM, gateM } = part.scan;
    runs(part, (ray, g0, g1) => {
      const width = Math.min(hi[ray] - lo[ray], TAU);
      if (!(width > 0)) return;
      const r0 = rangeStartM + g0 * gateM;
      const r1 = rangeStartM + (g1 + 1) * gateM;
      const a0 = ((lo[ray] % TAU) + TAU) % TAU;
      const a1 = a0 + width;
      if (a1 <= TAU) sectors.push({ a0, a1, r0, r1 });
      else {
        sectors.push({ a0, a1: TAU, r0, r1 });
        sectors.push({ a0: 0, a1: a1 - TAU, r0, r1 });
      }
    });
  }
  if (sectors.length === 0) return 0;
  sectors.sort((s, t) => s.a0 - t.a0);
  const cuts = [...new Set(sectors.flatMap((s) => [s.a0, s.a1]))].sort((a, b) => a - b);
  let active: Sector[] = [];
  let next = 0;
  let area = 0;
  const radial: Array<[number, number]> = [];
  for (let c = 0; c + 1 < cuts.length; c++) {
    const from = cuts[c];
    const to = cuts[c + 1];
    active = active.filter((s) => s.a1 > from);
    while (next < sectors.length && sectors[next].a0 <= from) active.push(sectors[next++]);
    if (active.length === 0) continue;
    radial.length = 0;
    for (const s of active) radial.push([s.r0, s.r1]);
    radial.sort((p, q) => p[0] - q[0]);
    let sum = 0;
    let [start, end] = radial[0];
    for (let i = 1; i < radial.length; i++) {
      const [r0, r1] = radial[i];
      if (r0 > end) {
        sum += end * end - start * start;
        start = r0;
        end = r1;
      } else if (r1 > end) end = r1;
    }
    sum += end * end - start * start;
    area += ((to - from) * sum) / 2;
  }
  return area;
}

/**
 * Convex hull, counter-clockwise (east = x, north = y), of the footprints of the parts' cells:
 * for each ray of each part, the corners of its nearest and farthest cells and the middle of the
 * far arc. Returns [x, y] vertices, not closed.
 */
export function hull(parts: readonly Part[]): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  for (const part of parts) {
    const { lo, hi, rangeStartM, gateM } = part.scan;
    const { ox, oy } = part;
    const near = new Map<number, number>();
    const far = new Map<number, number>();
    runs(part, (ray, g0, g1) => {
      if (!near.has(ray)) near.set(ray, rangeStartM + g0 * gateM);
      far.set(ray, rangeStartM + (g1 + 1) * gateM);
    });
    const at = (a: number, r: number) => points.push([ox + r * Math.sin(a), oy + r * Math.cos(a)]);
    for (const [ray, r0] of near) {
      const r1 = far.get(ray)!;
      const a0 = lo[ray];
      const a1 = Math.min(hi[ray], a0 + 2 * Math.PI);
      at(a0, r0);
      at(a1, r0);
      at(a0, r1);
      at(a1, r1);
      // Enough points along the far arc that the chords stray less than 0.1% of the radius.
      const steps = Math.min(64, Math.ceil((a1 - a0) / 0.09));
      for (let s = 1; s < steps; s++) at(a0 + ((a1 - a0) * s) / steps, r1);
    }
  }
  return convexHull(points);
}

const cross = (o: [number, number], a: [number, number], b: [number, number]) =>
  (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** Andrew's monotone chain: the hull counter-clockwise, without collinear points. */
export function convexHull(points: Array<[number, number]>): Array<[number, number]> {
  const p = points.slice().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const lower: Array<[number, number]> = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0)
      lower.pop();
    lower.push(q);
  }
  const upper: Array<[number, number]> = [];
  for (let i = p.length - 1; i >= 0; i--) {
    const q = p[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], q) <= 0)
      upper.pop();
    upper.push(q);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}
