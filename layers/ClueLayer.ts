import type { Pixel } from 'ol/pixel.js';
import type { Extent } from 'ol/extent.js';
import type { ClueState } from '../src/index.js';
import { StateClusterLayer } from './cluster/state-cluster.js';

/** The colour of each state: on time green, due soon amber, overdue red, closed greys. */
export const CLUE_COLORS: Readonly<Record<ClueState, string>> = Object.freeze({
  overdue: '#d32f2f',
  'due-soon': '#ff8f00',
  'on-time': '#2e7d32',
  'closed-late': '#616161',
  'closed-on-time': '#9e9e9e',
});

/** Every state from the most urgent down, as the map and legend order them. */
export const CLUE_STATES: readonly ClueState[] = Object.freeze([
  'overdue',
  'due-soon',
  'on-time',
  'closed-late',
  'closed-on-time',
]);

const CLOSED: readonly ClueState[] = ['closed-late', 'closed-on-time'];

const DEFAULT_LABELS: Record<ClueState, string> = {
  overdue: '已超期',
  'due-soon': '即将到期',
  'on-time': '按期办理中',
  'closed-late': '超期办结',
  'closed-on-time': '按期办结',
};

export interface ClueLayerOptions {
  title?: string;
  /** Names of the states in the legend. */
  labels?: Partial<Record<ClueState, string>>;
  /** Draw closed cases too (default: open cases only). */
  showClosed?: boolean;
  /** Cases closer than this (px) are drawn as one cluster with their count. Default 36; 0: never. */
  distance?: number;
  viewProjection?: string;
  className?: string;
}

/** A case as the layer draws it: its id, title (written under it), position and state. */
export interface ClueMark {
  id: string;
  title: string;
  lon: number;
  lat: number;
  /** Default on time. */
  state?: ClueState;
}

/** What is under a pixel: one case, or a cluster of several with their extent. */
export type CluePick =
  { kind: 'clue'; id: string } | { kind: 'cluster'; ids: string[]; extent: Extent };

/**
 * The cases of a clue chain on the map in the colour of where they stand against their
 * deadlines (on time, due soon, overdue; closed on time or late, hidden unless `showClosed`),
 * clustered where they are dense: a cluster takes the colour of its most urgent case and shows
 * how many it holds and how many of them are overdue. The selected case is ringed.
 */
export default class ClueLayer extends StateClusterLayer<ClueState> {
  constructor(options: ClueLayerOptions = {}) {
    super({
      states: CLUE_STATES,
      colors: CLUE_COLORS,
      labels: { ...DEFAULT_LABELS, ...options.labels },
      fallback: 'on-time',
      flagged: (s) => s === 'overdue',
      hidden: options.showClosed ? [] : CLOSED,
      title: options.title ?? '线索办理',
      distance: options.distance,
      viewProjection: options.viewProjection,
      className: options.className ?? 'ol-layer env-clue-layer',
    });
  }

  /** Draws these cases in their states (replacing those drawn). */
  setClues(clues: readonly ClueMark[]): void {
    this.setStates(new Map(clues.map((c) => [c.id, c.state ?? 'on-time'])));
    this.setPoints(clues.map((c) => ({ id: c.id, name: c.title, lon: c.lon, lat: c.lat })));
  }

  /** Shows the closed cases too, or hides them. */
  setShowClosed(show: boolean): void {
    this.setHidden(show ? [] : CLOSED);
  }

  /** The case or cluster under a pixel. */
  pick(pixel: Pixel): CluePick | undefined {
    const found = this.pickPoint(pixel);
    return found?.kind === 'point' ? { kind: 'clue', id: found.id } : found;
  }
}
