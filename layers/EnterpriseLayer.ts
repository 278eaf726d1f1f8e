import type { Pixel } from 'ol/pixel.js';
import type { Extent } from 'ol/extent.js';
import { ANOMALY_ORDER, type EnterpriseState } from '../src/index.js';
import { StateClusterLayer } from './cluster/state-cluster.js';

/** The colour of each state (anomalies warm, offline grey, normal green). */
export const ENTERPRISE_COLORS: Readonly<Record<EnterpriseState, string>> = Object.freeze({
  'treatment-off': '#d32f2f',
  'restricted-production': '#7b1fa2',
  'unmetered-load': '#ef6c00',
  'no-data': '#8d6e63',
  offline: '#78909c',
  normal: '#2e7d32',
});

/** Every state from the most serious down, as the map and legend order them. */
export const ENTERPRISE_STATES: readonly EnterpriseState[] = [
  ...ANOMALY_ORDER,
  'offline',
  'normal',
];

const DEFAULT_LABELS: Record<EnterpriseState, string> = {
  'treatment-off': '治污设施停运',
  'restricted-production': '限产期间超限生产',
  'unmetered-load': '未计量负荷',
  'no-data': '电表数据中断',
  offline: '离线',
  normal: '正常',
};

export interface EnterpriseLayerOptions {
  title?: string;
  /** Names of the states in the legend. */
  labels?: Partial<Record<EnterpriseState, string>>;
  /** Enterprises closer than this (px) are drawn as one cluster with their count. Default 36; 0: never. */
  distance?: number;
  viewProjection?: string;
  className?: string;
}

/** An enterprise as the layer draws it. */
export interface EnterpriseMark {
  id: string;
  name: string;
  lon: number;
  lat: number;
}

/** What is under a pixel: one enterprise, or a cluster of several with their extent. */
export type EnterprisePick =
  { kind: 'enterprise'; id: string } | { kind: 'cluster'; ids: string[]; extent: Extent };

/**
 * Enterprises on the map in the colour of their state (normal, each anomaly kind, offline),
 * clustered where they are dense: a cluster takes the colour of its most serious member and
 * shows how many it holds, and how many of them are anomalous. `setStates()` recolours without
 * rebuilding; the selected enterprise is ringed.
 */
export default class EnterpriseLayer extends StateClusterLayer<EnterpriseState> {
  constructor(options: EnterpriseLayerOptions = {}) {
    super({
      states: ENTERPRISE_STATES,
      colors: ENTERPRISE_COLORS,
      labels: { ...DEFAULT_LABELS, ...options.labels },
      fallback: 'offline',
      flagged: (s) => s !== 'normal' && s !== 'offline',
      title: options.title ?? '企业用电监控',
      distance: options.distance,
      viewProjection: options.viewProjection,
      className: options.className ?? 'ol-layer env-enterprise-layer',
      marker: 'diamond',
    });
  }

  /** Draws these enterprises (replacing those drawn). */
  setEnterprises(enterprises: readonly EnterpriseMark[]): void {
    this.setPoints(enterprises);
  }

  /** The enterprise or cluster under a pixel. */
  pick(pixel: Pixel): EnterprisePick | undefined {
    const found = this.pickPoint(pixel);
    return found?.kind === 'point' ? { kind: 'enterprise', id: found.id } : found;
  }
}
