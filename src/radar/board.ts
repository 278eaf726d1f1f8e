// Radar hotspots and where they stand: new, pushed (to the grid zone's team), inspected, closed.
// The board keeps them newest first, refuses a step backwards, and tells its listeners of every
// change. A hotspot seen again (same id, a later scan) keeps its state and takes the new fields.
import type { Hotspot } from './types.js';

export type HotspotState = 'new' | 'pushed' | 'inspected' | 'closed';

export const HOTSPOT_STATES: readonly HotspotState[] = ['new', 'pushed', 'inspected', 'closed'];

const NEXT: Record<HotspotState, readonly HotspotState[]> = {
  new: ['pushed', 'closed'],
  pushed: ['inspected', 'closed'],
  inspected: ['closed'],
  closed: [],
};

/** Whether a hotspot in state `from` may move to `to`. */
export const canMoveHotspot = (from: HotspotState, to: HotspotState) => NEXT[from].includes(to);

export interface HotspotRecord extends Hotspot {
  state: HotspotState;
  /** ms of the last state change. */
  changed: number;
  /** What was pushed, once pushed. */
  text?: string;
}

export type HotspotListener = (hotspot: HotspotRecord, previous: HotspotState | undefined) => void;

export class HotspotBoard {
  private readonly items = new Map<string, HotspotRecord>();
  private readonly listeners = new Set<HotspotListener>();

  constructor(private readonly options: { limit?: number; now?: () => number } = {}) {}

  /** Adds or updates hotspots (by id); returns the ones that are new to the board. */
  add(hotspots: Iterable<Hotspot>): HotspotRecord[] {
    const added: HotspotRecord[] = [];
    for (const h of hotspots) {
      if (!h || typeof h.id !== 'string' || !Number.isFinite(h.end)) continue;
      const old = this.items.get(h.id);
      const record: HotspotRecord = old
        ? { ...old, ...h, state: old.state, changed: old.changed, text: old.text }
        : { ...h, state: 'new', changed: this.now() };
      this.items.set(h.id, record);
      if (!old) added.push(record);
      for (const l of this.listeners) l(record, old?.state);
    }
    this.trim();
    return added;
  }

  get(id: string): HotspotRecord | undefined {
    return this.items.get(id);
  }

  /** Newest first (by the end of their window). */
  list(): HotspotRecord[] {
    return [...this.items.values()].sort((a, b) => b.end - a.end || b.peak - a.peak);
  }

  /**
   * Moves a hotspot on. @throws Error for an unknown hotspot or a step the workflow does not
   * allow (it then stays as it was)
   */
  setState(id: string, state: HotspotState, text?: string): HotspotRecord {
    const h = this.items.get(id);
    if (!h) throw new Error(`hotspot ${id} is not on the board`);
    if (!canMoveHotspot(h.state, state))
      throw new Error(`hotspot ${id} cannot go from ${h.state} to ${state}`);
    const previous = h.state;
    const next: HotspotRecord = { ...h, state, changed: this.now() };
    if (text !== undefined) next.text = text;
    this.items.set(id, next);
    for (const l of this.listeners) l(next, previous);
    return next;
  }

  subscribe(listener: HotspotListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.items.size;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Beyond the limit (default 500), the oldest closed ones go first, then the oldest. */
  private trim(): void {
    const limit = this.options.limit ?? 500;
    if (this.items.size <= limit) return;
    const order = this.list().reverse();
    const closed = order.filter((h) => h.state === 'closed');
    for (const h of [...closed, ...order]) {
      if (this.items.size <= limit) break;
      this.items.delete(h.id);
    }
  }
}
