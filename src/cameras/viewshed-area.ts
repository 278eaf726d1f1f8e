// What a viewshed covers: its visible cells as polygons (for display) and as an area (for figures).

import { polygonizeCells } from '../raster/polygonize.js';
import type { Raster } from '../raster/raster.js';
import { ViewshedError } from './viewshed.js';

type Ring = number[][];

export interface VisibleArea {
  /** Cells marked visible (255). */
  cells: number;
  /** Their area in km² (cell count times cell area, in metres by the raster's `linearUnitM`). */
  km2: number;
  /** Visible cells as a MultiPolygon in the raster's CRS, cell edges followed exactly. */
  polygons: Ring[][];
}

/**
 * Visible cells of a viewshed raster (255 visible, anything else not) as polygons and km².
 * @throws ViewshedError for a raster whose size and data disagree or whose cells are not square-ish metres
 */
export function visibleArea(view: Raster): VisibleArea {
  const { width, height, data, geoTransform } = view ?? ({} as Raster);
  if (!(width >= 1 && height >= 1) || data?.length !== width * height)
    throw new ViewshedError(
      `viewshed raster: ${width} x ${height} cells but ${data?.length} values`,
    );
  const [ox, pw, rot1, oy, rot2, ph] = geoTransform;
  if (rot1 !== 0 || rot2 !== 0) throw new ViewshedError('rotated rasters are not supported');
  let cells = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === 255) cells++;
  const polygons = polygonizeCells(width, height, (i) => data[i] === 255).map((polygon) =>
    polygon.map((ring) => ring.map(([c, r]) => [ox + c * pw, oy + r * ph])),
  );
  const unit = view.linearUnitM ?? 1;
  const sx = Math.abs(pw) * unit;
  const sy = Math.abs(ph) * unit;
  return { cells, km2: (cells * sx * sy) / 1e6, polygons };
}
