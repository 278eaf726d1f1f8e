import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { polygonizeCells, readGeoTiff, visibleArea, ViewshedError } from '../../../src/index.js';

type Ring = number[][];

const ringArea = (ring: Ring) => {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    a += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return a / 2;
};
const inRing = (ring: Ring, x: number, y: number) => {
  let hit = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
};
/** Even-odd over a polygon's rings: inside the outer ring and no hole. */
const inPolygon = (polygon: Ring[], x: number, y: number) =>
  inRing(polygon[0]!, x, y) && !polygon.slice(1).some((h) => inRing(h, x, y));

describe('polygonizeCells', () => {
  it('random masks: every cell centre is inside a polygon exactly when marked; areas add up', () => {
    let s = 12345;
    const rand = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let trial = 0; trial < 20; trial++) {
      const [w, h] = [5 + Math.floor(rand() * 20), 5 + Math.floor(rand() * 20)];
      const mask = Array.from({ length: w * h }, () => rand() < 0.55);
      // Rows flipped to map orientation (y up) so that orientation rules can be checked.
      const polygons = polygonizeCells(w, h, (i) => mask[i]!).map((p) =>
        p.map((ring) => ring.map(([c, r]) => [c, -r])),
      );
      let area = 0;
      for (const p of polygons) {
        assert.ok(ringArea(p[0]!) > 0, 'outer rings counter-clockwise');
        area += ringArea(p[0]!);
        for (const hole of p.slice(1)) {
          assert.ok(ringArea(hole) < 0, 'holes clockwise');
          area += ringArea(hole);
        }
      }
      assert.equal(area, mask.filter(Boolean).length, `trial ${trial}: area`);
      for (let r = 0; r < h; r++)
        for (let c = 0; c < w; c++) {
          const hits = polygons.filter((p) => inPolygon(p, c + 0.5, -(r + 0.5))).length;
          assert.equal(hits, mask[r * w + c] ? 1 : 0, `trial ${trial}: cell ${c},${r}`);
        }
    }
  });

  it('diagonal neighbours stay separate (4-connected); a ring of cells has a hole', () => {
    assert.equal(polygonizeCells(2, 2, (i) => i === 0 || i === 3).length, 2);
    const ring = polygonizeCells(3, 3, (i) => i !== 4);
    assert.equal(ring.length, 1);
    assert.equal(ring[0]!.length, 2, 'outer ring and one hole');
  });
});

describe('visibleArea', () => {
  it("GDAL's viewshed of obs-a: km² from the cells, polygons of the same area", async () => {
    const b = readFileSync(
      new URL('../../fixtures/gdal-viewshed/obs-a-oz40-md3000.tif', import.meta.url),
    );
    const view = await readGeoTiff(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength), {
      allowEmpty: true,
    });
    let cells = 0;
    for (const v of view.data) if (v === 255) cells++;
    const area = visibleArea(view);
    assert.equal(area.cells, cells);
    const cellKm2 = Math.abs(view.geoTransform[1] * view.geoTransform[5]) / 1e6;
    assert.ok(Math.abs(area.km2 - cells * cellKm2) < 1e-9);
    const polygonKm2 =
      area.polygons.reduce((sum, p) => sum + p.reduce((s2, r) => s2 + ringArea(r), 0), 0) / 1e6;
    assert.ok(Math.abs(polygonKm2 - area.km2) < 1e-6, `${polygonKm2} vs ${area.km2}`);
    assert.ok(area.km2 > 1 && area.km2 < Math.PI * 9, `${area.km2} km² within 3 km`);
  });

  it('bad rasters: a ViewshedError', () => {
    assert.throws(
      () =>
        visibleArea({
          width: 3,
          height: 3,
          data: new Uint8Array(4),
          geoTransform: [0, 1, 0, 0, 0, -1],
          crs: 'EPSG:32650',
        }),
      ViewshedError,
    );
    assert.deepEqual(
      visibleArea({
        width: 2,
        height: 1,
        data: new Uint8Array(2),
        geoTransform: [0, 1, 0, 0, 0, -1],
        crs: 'x',
      }).polygons,
      [],
    );
  });
});
