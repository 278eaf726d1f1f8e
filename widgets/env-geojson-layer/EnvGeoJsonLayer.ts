import { property } from 'lit/decorators.js';
import type { PropertyValues } from 'lit';
import { GeoJsonLayer } from '../../layers/index.js';
import { EnvLayerElement } from '../base/EnvLayerElement.js';
import type { MapHandle } from '../base/context.js';
import { fetchText } from '../base/fetch-text.js';

/**
 * GeoJSON features drawn in one colour, from a URL (`src`) or a `data` property.
 * Unreadable data are reported with `env-error` (code `data`) and the features already shown
 * are kept.
 *
 * @tag env-geojson-layer
 * @summary A GeoJSON overlay with a title and a legend entry.
 *
 * @fires {CustomEvent<EnvErrorDetail>} env-error - The GeoJSON could not be fetched or read.
 */
export class EnvGeoJsonLayer extends EnvLayerElement<GeoJsonLayer> {
  /** URL of a GeoJSON file (http(s) or same-origin relative). */
  @property() src: string | null = null;
  /** Title in the layer switcher and legend. */
  @property() name = '';
  /** CSS colour of lines, outlines and points. */
  @property() color = '#00c2ff';
  /** GeoJSON object or text; takes precedence over `src`. */
  @property({ attribute: false }) data: unknown = undefined;

  private fetchController: AbortController | undefined;

  protected override createLayer(handle: MapHandle): GeoJsonLayer {
    const layer = new GeoJsonLayer({
      title: this.name || handle.locale.t('layer.geojson'),
      color: this.color,
      featureProjection: handle.viewProjection,
    });
    return layer;
  }

  protected override layerAttached(): void {
    this.load();
    this.onDetach(() => this.fetchController?.abort());
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.handle || !this.layer) return;
    if (changed.has('name') || changed.has('color')) {
      this.layer.setAppearance({
        title: this.name || this.handle.locale.t('layer.geojson'),
        color: this.color,
      });
    }
    if (changed.has('src') || changed.has('data')) this.load();
  }

  private load(): void {
    const layer = this.layer;
    const handle = this.handle;
    if (!layer || !handle || !this.inputsChanged('src', [this.src, this.data])) return;
    this.fetchController?.abort();
    if (this.data !== undefined) {
      this.apply(this.data);
      return;
    }
    if (!this.src) return;
    const url = this.urlAttribute('src', this.src);
    if (!url) return;
    const controller = new AbortController();
    this.fetchController = controller;
    fetchText(url, controller.signal)
      .then((text) => this.apply(text))
      .catch((e: Error) => {
        if (controller.signal.aborted) return;
        this.reportError({
          code: 'data',
          message: `GeoJSON from ${url.href} could not be loaded: ${e.message}`,
        });
      });
  }

  private apply(data: unknown): void {
    if (!this.layer || !this.handle) return;
    try {
      this.layer.setData(data, this.handle.viewProjection);
    } catch (e) {
      this.reportError({ code: 'data', message: (e as Error).message });
    }
  }
}
