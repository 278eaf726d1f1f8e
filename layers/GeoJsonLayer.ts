import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { Circle, Fill, Stroke, Style } from 'ol/style.js';
import type Feature from 'ol/Feature.js';
import { excerpt } from '../src/index.js';
import { setLegend, TITLE_PROPERTY } from './legend.js';

export interface GeoJsonLayerOptions {
  /** A GeoJSON object or its text. */
  data?: unknown;
  /** URL to fetch GeoJSON from (same-origin or http(s)). */
  url?: string;
  /** Title in the layer switcher and legend. */
  title?: string;
  /** CSS colour of lines, outlines and points. Default `#00c2ff`. */
  color?: string;
  /** CRS of the data; GeoJSON is EPSG:4326 unless it says otherwise. */
  dataProjection?: string;
  /** The view projection that `data` is read into. Default EPSG:3857. */
  featureProjection?: string;
}

/** Raised for GeoJSON that cannot be read; the message says what was wrong. */
export class GeoJsonError extends Error {
  override name = 'GeoJsonError';
}

const GEOJSON_TYPES = new Set([
  'FeatureCollection',
  'Feature',
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

/**
 * Reads GeoJSON into features in `featureProjection`.
 * @throws GeoJsonError naming what is wrong with the input
 */
export function readGeoJson(
  input: unknown,
  featureProjection: string,
  dataProjection = 'EPSG:4326',
): Feature[] {
  let object = input;
  if (typeof input === 'string') {
    try {
      object = JSON.parse(input);
    } catch (e) {
      throw new GeoJsonError(
        `GeoJSON is not valid JSON (${(e as Error).message}): ${excerpt(input)}`,
      );
    }
  }
  const type = (object as { type?: unknown } | null)?.type;
  if (
    typeof object !== 'object' ||
    object === null ||
    typeof type !== 'string' ||
    !GEOJSON_TYPES.has(type)
  ) {
    throw new GeoJsonError(`GeoJSON must be an object with a GeoJSON "type": ${excerpt(object)}`);
  }
  try {
    return new GeoJSON().readFeatures(object, { dataProjection, featureProjection }) as Feature[];
  } catch (e) {
    throw new GeoJsonError(
      `GeoJSON could not be read (${(e as Error).message}): ${excerpt(object)}`,
    );
  }
}

/** A vector layer of GeoJSON features with one colour, a title and a legend entry. */
export default class GeoJsonLayer extends VectorLayer<VectorSource> {
  private color = '';
  private readonly dataProjection: string;

  constructor(options: GeoJsonLayerOptions = {}) {
    super({
      source: new VectorSource<Feature>({
        url: options.url,
        format: options.url
          ? new GeoJSON<Feature>({ dataProjection: options.dataProjection })
          : undefined,
      }),
    });
    this.dataProjection = options.dataProjection ?? 'EPSG:4326';
    this.setAppearance({ title: options.title, color: options.color ?? '#00c2ff' });
    if (options.data !== undefined)
      this.setData(options.data, options.featureProjection ?? 'EPSG:3857');
  }

  /** Sets the colour and title; the style and the legend entry follow. */
  setAppearance({ title, color }: { title?: string; color: string }): void {
    this.color = color;
    const style = new Style({
      stroke: new Stroke({ color, width: 2 }),
      fill: new Fill({ color: 'rgba(0, 0, 0, 0.08)' }),
      image: new Circle({
        radius: 5,
        fill: new Fill({ color }),
        stroke: new Stroke({ color: '#fff', width: 1 }),
      }),
    });
    this.setStyle(style);
    this.set(TITLE_PROPERTY, title);
    setLegend(this, title ? [{ label: title, color, shape: 'line' }] : []);
  }

  /**
   * Replaces the features with `data` (GeoJSON object or text) read into `viewProjection`.
   * @throws GeoJsonError when the data cannot be read; the old features are kept
   */
  setData(data: unknown, viewProjection: string): void {
    const features = readGeoJson(data, viewProjection, this.dataProjection);
    const source = this.getSource()!;
    source.clear(true);
    source.addFeatures(features);
  }

  /** The layer's colour. */
  getColor(): string {
    return this.color;
  }
}
