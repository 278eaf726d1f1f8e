// Cells of a mask turned into polygons that follow the cell edges exactly (a vectoriser in the
// manner of gdal_polygonize, 4-connected): boundary edges are traced counter-clockwise around
// the marked cells, holes come out clockwise and are put inside the outer ring that holds them.

/** A ring of [column, row] cell-corner coordinates (row 0 at the top), closed (last = first). */
export type CellRing = Array<[number, number]>;

// Directions in map terms (y up): east, north, west, south; a left turn is the next one.
const DC = [1, 0, -1, 0];
const DR = [0, -1, 0, 1];

/**
 * Polygons (outer ring first, then its holes) around the cells where `marked(index)` holds, in
 * cell-corner coordinates. Outer rings are counter-clockwise and holes clockwise once the row axis
 * points south (as in map coordinates), as GeoJSON wants them.
 */
export function polygonizeCells(
  width: number,
  height: number,
  marked: (index: number) => boolean,
): CellRing[][] {
  const W = width + 1;
  const out = new Uint8Array(W * (height + 1)); // bit d: an edge leaves this corner in direction d
  const on = (c: number, r: number) =>
    c >= 0 && r >= 0 && c < width && r < height && marked(r * width + c);
  for (let r = 0; r < height; r++)
    for (let c = 0; c < width; c++) {
      if (!on(c, r)) continue;
      if (!on(c, r + 1)) out[(r + 1) * W + c]! |= 1; // bottom edge, going east
      if (!on(c + 1, r)) out[(r + 1) * W + c + 1]! |= 2; // right edge, going north
      if (!on(c, r - 1)) out[r * W + c + 1]! |= 4; // top edge, going west
      if (!on(c - 1, r)) out[r * W + c]! |= 8; // left edge, going south
    }
  const outers: Array<{ ring: CellRing; area: number; box: number[] }> = [];
  const holes: CellRing[] = [];
  for (let v = 0; v < out.length; v++)
    while (out[v]) {
      const ring = trace(out, W, v);
      const area = signedArea(ring);
      if (area > 0) outers.push({ ring, area, box: bounds(ring) });
      else holes.push(ring);
    }
  const polygons = outers.map((o) => [o.ring]);
  for (const hole of holes) {
    // A point just inside a marked cell beside the hole's first edge (marked cells lie on the left).
    const [[c0, r0], [c1, r1]] = hole as [[number, number], [number, number]];
    const dc = Math.sign(c1 - c0);
    const dr = Math.sign(r1 - r0);
    const px = c0 + dc * 0.5 + dr * 0.25; // left of (dc, -dr) in map terms, in row-down terms
    const py = r0 + dr * 0.5 - dc * 0.25;
    let best = -1;
    for (let i = 0; i < outers.length; i++) {
      const { ring, area, box } = outers[i]!;
      if (px < box[0]! || px > box[2]! || py < box[1]! || py > box[3]!) continue;
      if ((best < 0 || area < outers[best]!.area) && inside(ring, px, py)) best = i;
    }
    if (best >= 0) polygons[best]!.push(hole);
  }
  return polygons;
}

/** Follows edges from corner v until the ring closes, preferring left turns (4-connectivity). */
function trace(out: Uint8Array, W: number, start: number): CellRing {
  const first = Math.log2(out[start]! & -out[start]!); // the lowest direction bit
  let v = start;
  let d = first;
  const ring: CellRing = [[v % W, Math.floor(v / W)]];
  for (;;) {
    out[v]! &= ~(1 << d);
    v += DC[d]! + DR[d]! * W;
    let next = -1;
    for (const t of [(d + 1) % 4, d, (d + 3) % 4]) {
      if (v === start && t === first) break; // the ring would go on the way it began: closed
      if (out[v]! & (1 << t)) {
        next = t;
        break;
      }
    }
    if (next < 0) break;
    if (next !== d) ring.push([v % W, Math.floor(v / W)]);
    d = next;
  }
  ring.push(ring[0]!);
  return ring;
}

/** Twice-signed area in map orientation (rows flipped): positive for counter-clockwise rings. */
function signedArea(ring: CellRing): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    a += ring[i]![0] * -ring[i + 1]![1] - ring[i + 1]![0] * -ring[i]![1];
  return a / 2;
}

function bounds(ring: CellRing): number[] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring)
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  return [x0, y0, x1, y1];
}

function inside(ring: CellRing, x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}
