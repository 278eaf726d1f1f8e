import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { all } from 'ol/loadingstrategy.js';
import { Fill, Stroke, Style, Text } from 'ol/style.js';
import type { FeatureLike } from 'ol/Feature.js';

/** Colours of the offline base map; the themes set them from `--env-basemap-*` tokens. */
export interface BasemapPalette {
  land: string;
  provinceStroke: string;
  cityFill: string;
  cityStroke: string;
  river: string;
  label: string;
  labelHalo: string;
}

/** The command-centre palette, used until a theme supplies one. */
export const DEFAULT_BASEMAP_PALETTE: Readonly<BasemapPalette> = Object.freeze({
  land: '#14233a',
  provinceStroke: '#3d5a80',
  cityFill: 'rgba(64, 120, 192, 0.12)',
  cityStroke: '#5c8ac2',
  river: '#2f7fc1',
  label: '#cfe3ff',
  labelHalo: '#0b1626',
});

export interface OfflineBaseLayerOptions {
  /** Colours; defaults to {@link DEFAULT_BASEMAP_PALETTE}. */
  palette?: Partial<BasemapPalette>;
  /** Attribution shown on the map (say where the data come from). */
  attributions?: string;
  /** Label city names below this resolution (map units per pixel of the view). Default 2000 m. */
  labelMaxResolution?: number;
}

/** The base map's GeoJSON once its module has loaded. */
let basemapData: unknown;
let basemapLoad: Promise<unknown> | undefined;

/** Loads the data module once (a rejected load may be tried again). */
function loadBasemapData(): Promise<unknown> {
  basemapLoad ??= import('./data/basemap.geojson').then(
    ({ default: data }) => (basemapData = data),
    (e: unknown) => {
      basemapLoad = undefined;
      throw e;
    },
  );
  return basemapLoad;
}

/**
 * The offline base map: provinces, Shandong's prefecture cities and China's major rivers,
 * from data shipped inside the package (no network). The data module is loaded when the first
 * layer is made, so bundles that never show it never fetch it; when it has arrived by the
 * map's first render, that render reads and draws it (no frame without the base map).
 */
export default class OfflineBaseLayer extends VectorLayer<VectorSource> {
  private palette: BasemapPalette;
  private styles = new Map<string, Style>();
  private readonly labelMaxResolution: number;

  constructor(options: OfflineBaseLayerOptions = {}) {
    const format = new GeoJSON();
    const source: VectorSource = new VectorSource({
      strategy: all,
      attributions: options.attributions,
      loader: (_extent, _resolution, projection, success, failure) => {
        const read = (data: unknown) => {
          const features = format.readFeatures(data, {
            dataProjection: 'EPSG:4326',
            featureProjection: projection,
          });
          source.addFeatures(features);
          success?.(features);
        };
        if (basemapData !== undefined) {
          read(basemapData);
          return;
        }
        loadBasemapData()
          .then(read)
          .catch(() => {
            source.removeLoadedExtent([-Infinity, -Infinity, Infinity, Infinity]);
            failure?.();
          });
      },
    });
    void loadBasemapData().catch(() => {});
    super({ source, declutter: true, updateWhileAnimating: false, zIndex: -100 });
    this.palette = { ...DEFAULT_BASEMAP_PALETTE, ...options.palette };
    this.labelMaxResolution = options.labelMaxResolution ?? 2000;
    this.setStyle((feature, resolution) => this.styleFor(feature, resolution));
  }

  /** The current colours. */
  getPalette(): Readonly<BasemapPalette> {
    return this.palette;
  }

  /** Changes colours (for a theme switch) and redraws. */
  setPalette(palette: Partial<BasemapPalette>): void {
    this.palette = { ...this.palette, ...palette };
    this.styles.clear();
    this.changed();
  }

  private styleFor(feature: FeatureLike, resolution: number): Style | Style[] {
    const kind = feature.get('kind') as string;
    const p = this.palette;
    let style = this.styles.get(kind);
    if (!style) {
      if (kind === 'province') {
        style = new Style({
          fill: new Fill({ color: p.land }),
          stroke: new Stroke({ color: p.provinceStroke, width: 1 }),
          zIndex: 0,
        });
      } else if (kind === 'city') {
        style = new Style({
          fill: new Fill({ color: p.cityFill }),
          stroke: new Stroke({ color: p.cityStroke, width: 1, lineDash: [4, 3] }),
          zIndex: 1,
        });
      } else {
        style = new Style({ stroke: new Stroke({ color: p.river, width: 1.25 }), zIndex: 2 });
      }
      this.styles.set(kind, style);
    }
    if (kind !== 'city' || resolution > this.labelMaxResolution) return style;
    const name = String(feature.get('name') ?? '');
    let label = this.styles.get(`label:${name}`);
    if (!label) {
      label = new Style({
        text: new Text({
          text: name,
          font: '12px sans-serif',
          fill: new Fill({ color: p.label }),
          stroke: new Stroke({ color: p.labelHalo, width: 3 }),
          overflow: true,
        }),
        zIndex: 3,
      });
      this.styles.set(`label:${name}`, label);
    }
    return [style, label];
  }
}
