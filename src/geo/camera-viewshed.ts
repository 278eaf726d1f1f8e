// One camera's viewshed as the layer and widgets use it: the raster, its visible area and
// polygons, computed from a DEM and a camera's position and mount.

import type { Raster } from './raster.js';
import { viewshed, ViewshedError, type Observer, type ViewshedOptions } from './viewshed.js';
import { visibleArea, type VisibleArea } from './viewshed-area.js';

export interface CameraViewshedRequest {
  observer: Observer;
  options: ViewshedOptions;
}

export interface CameraViewshedResult extends VisibleArea {
  /** 255 visible, 0 not, on GDAL's grid (the DEM cropped to the range). */
  raster: Raster;
}

/**
 * Viewshed and visible area of one camera.
 * @throws ViewshedError for a DEM in degrees (a viewshed needs a projected CRS in metres), or
 *   what `viewshed` refuses
 */
export function cameraViewshed(dem: Raster, request: CameraViewshedRequest): CameraViewshedResult {
  const [, pw, , , , ph] = dem.geoTransform;
  if (Math.abs(pw) < 0.01 && Math.abs(ph) < 0.01)
    throw new ViewshedError(
      `DEM ${dem.crs} has cells of ${pw} x ${Math.abs(ph)} units: degrees? A viewshed needs a DEM in a projected CRS in metres`,
    );
  const raster = viewshed(dem, request.observer, request.options);
  return { raster, ...visibleArea(raster) };
}
