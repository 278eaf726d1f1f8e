// Rasters: the grid type, GeoTIFF reading (blocks, byte sources) and raster-to-polygon tracing.
export * from './raster.js';
export * from './geotiff.js';
export { isByteSource, type ByteSource } from './byte-source.js';
export * from './polygonize.js';
