import type { Extent } from 'ol/extent.js';

/** The bounding box of points, padded by `pad` of its larger side (at least 1000 units' worth). */
export function boundsOf(points: readonly number[][], pad: number): Extent {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    minX = Math.min(minX, x!);
    maxX = Math.max(maxX, x!);
    minY = Math.min(minY, y!);
    maxY = Math.max(maxY, y!);
  }
  if (pad === 0) return [minX, minY, maxX, maxY];
  const margin = Math.max(maxX - minX, maxY - minY, 1000) * pad;
  return [minX - margin, minY - margin, maxX + margin, maxY + margin];
}

/**
 * A canvas of `size` pixels showing `extent` with the grid image (a pixel per cell) stretched over
 * `gridExtent`, cells kept sharp, everything outside the rings (even-odd) left transparent.
 */
export function paintClipped(
  extent: Extent,
  size: [number, number],
  grid: HTMLCanvasElement | null,
  gridExtent: Extent | null,
  rings: readonly number[][][] | undefined,
): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = size[0];
  canvas.height = size[1];
  if (!grid || !gridExtent) return canvas;
  const ctx = canvas.getContext('2d')!;
  const sx = size[0] / (extent[2] - extent[0]);
  const sy = size[1] / (extent[3] - extent[1]);
  const px = (x: number) => (x - extent[0]) * sx;
  const py = (y: number) => (extent[3] - y) * sy;
  if (rings) {
    ctx.beginPath();
    for (const ring of rings) {
      ring.forEach(([x, y], i) =>
        i === 0 ? ctx.moveTo(px(x!), py(y!)) : ctx.lineTo(px(x!), py(y!)),
      );
      ctx.closePath();
    }
    ctx.clip('evenodd');
  }
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(
    grid,
    px(gridExtent[0]),
    py(gridExtent[3]),
    (gridExtent[2] - gridExtent[0]) * sx,
    (gridExtent[3] - gridExtent[1]) * sy,
  );
  return canvas;
}
