import type { FeedStats, FeedStatus } from '../../src/index.js';

/** Details of the `env-*` events the elements dispatch. All bubble and cross shadow roots. */

/** `env-error`: something the element was given could not be used. */
export interface EnvErrorDetail {
  /** Tag name of the element that reports. */
  source: string;
  /** Machine-readable kind: `attribute`, `data`, `map-not-found`, ... */
  code: string;
  /** Human-readable message naming what was wrong. */
  message: string;
  /** The attribute at fault, for `code: 'attribute'`. */
  attribute?: string;
  /** The offending value (shortened). */
  value?: string;
}

/** `env-view-change`: the map stopped moving. */
export interface EnvViewChangeDetail {
  /** Centre as [lon, lat] in WGS84. */
  center: [number, number];
  zoom: number;
}

/** `env-basemap-change`: the base map was replaced. */
export interface EnvBasemapChangeDetail {
  basemap: string;
}

/** `env-render-complete`: every layer finished loading and the frame is drawn. */
export type EnvRenderCompleteDetail = Record<string, never>;

/** `env-feed-status`: the map's feed client changed state. */
export interface EnvFeedStatusDetail {
  status: FeedStatus;
  stats: Readonly<FeedStats>;
}

export interface EnvEventMap {
  'env-feed-status': EnvFeedStatusDetail;
  'env-error': EnvErrorDetail;
  'env-view-change': EnvViewChangeDetail;
  'env-basemap-change': EnvBasemapChangeDetail;
  'env-render-complete': EnvRenderCompleteDetail;
}

declare global {
  interface HTMLElementEventMap {
    'env-error': CustomEvent<EnvErrorDetail>;
    'env-feed-status': CustomEvent<EnvFeedStatusDetail>;
    'env-view-change': CustomEvent<EnvViewChangeDetail>;
    'env-basemap-change': CustomEvent<EnvBasemapChangeDetail>;
    'env-render-complete': CustomEvent<EnvRenderCompleteDetail>;
  }
}
