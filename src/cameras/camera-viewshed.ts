// One camera's viewshed as the layer and widgets use it: the raster, its visible area and
// polygons, computed from a DEM and a camera's position and mount.

import type { Raster } from '../raster/raster.js';
import { viewshed, type Observer, type ViewshedOptions } from './viewshed.js';
import { visibleArea, type VisibleArea } from './viewshed-area.js';

export interface CameraViewshedRequest {
  observer: Observer;
  options: ViewshedOptions;
}

export interface CameraViewshedResult extends VisibleArea {
  /** 255 visible, 0 not, on GDAL's grid (the DEM cropped to the range). */
  raster: Raster;
}

/** Viewshed and visible area of one camera. @throws ViewshedError for what `viewshed` refuses */
export function cameraViewshed(dem: Raster, request: CameraViewshedRequest): CameraViewshedResult {
  const raster = viewshed(dem, request.observer, request.options);
  return { raster, ...visibleArea(raster) };
}
