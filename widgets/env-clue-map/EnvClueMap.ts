import { property } from 'lit/decorators.js';
import type { PropertyValues } from 'lit';
import { CLUE_STATES, ClueLayer, type ClueMark } from '../../layers/index.js';
import type { ClueState } from '../../src/index.js';
import { EnvStatePointsElement } from '../base/EnvStatePointsElement.js';
import type { MapHandle } from '../base/context.js';
import type { EnvClueSelectDetail } from '../base/events.js';
import { SourceWatch } from '../base/source-watch.js';
import type { EnvClueBoard } from '../env-clue-board/EnvClueBoard.js';

/** Counts of one zone's cases (those with a position). */
export interface ClueZoneCount {
  total: number;
  open: number;
  overdue: number;
}

/** A case as placed on the map, in its state at the board's time. */
export interface PlacedClue extends ClueMark {
  state: ClueState;
}

/**
 * The cases of a `<env-clue-board>` (the one named by `board`, else the first in the map) that
 * have a position, on the map in the colour of where they stand against their deadlines: on time
 * green, due soon amber, overdue red; closed on time grey and closed late dark grey, shown only
 * with `show-closed`. Dense cases cluster: a cluster shows how many it holds and how many are
 * overdue, in the colour of its most urgent case. With `<env-zones>` in the map (or `zones`),
 * the number of open cases of each zone (every level of its path) becomes its value (overdue
 * ones with `zone-value="overdue"`; none with `no-zone-values`). Follows the board's changes,
 * and its clock every minute.
 *
 * A click on a case selects it: the board's `select(id)` opens it, and `env-clue-select` is
 * fired (once: by the board when its `select` fires it, else by this element). A click on a
 * cluster zooms to it. A case chosen on the board is ringed.
 *
 * @tag env-clue-map
 * @summary Clue-chain cases on the map by deadline state, clustered, counted per zone.
 *
 * @fires {CustomEvent<EnvClueSelectDetail>} env-clue-select - A case was clicked (or chosen with `select()`).
 */
export class EnvClueMap extends EnvStatePointsElement<ClueState, ClueLayer> {
  /** Id of the `<env-clue-board>` whose cases are drawn; default the first in the map. */
  @property() board: string | null = null;
  /** What a zone's value counts: `open` cases (default) or `overdue` ones. */
  @property({ attribute: 'zone-value' }) zoneValue: 'open' | 'overdue' = 'open';
  /** Draw closed cases too (closed on time, closed late). */
  @property({ type: Boolean, attribute: 'show-closed' }) showClosed = false;

  private placed: PlacedClue[] = [];
  private byId = new Map<string, PlacedClue>();
  private selectedId: string | null = null;
  private watched: EnvClueBoard | null = null;
  private readonly source = new SourceWatch<EnvClueBoard>(
    'env-clue-board',
    () => this.board,
    () => this.handle?.element,
    () => this.restate(),
  );

  /** The cases drawn (those with a position, closed ones too), in their states. */
  get clues(): readonly PlacedClue[] {
    return this.placed;
  }

  /** Counts by zone (every level of a zone path), when a zones element with an index is found. */
  countsByZone(): Map<string, ClueZoneCount> {
    return this.countByZone(
      this.placed,
      () => ({ total: 0, open: 0, overdue: 0 }),
      (c, clue) => {
        c.total++;
        if (clue.state === 'closed-on-time' || clue.state === 'closed-late') return;
        c.open++;
        if (clue.state === 'overdue') c.overdue++;
      },
    );
  }

  /**
   * Selects a case (as a click would): rings it, opens it on the board and fires
   * `env-clue-select`. False for a case not on the map.
   */
  select(id: string | null): boolean {
    const clue = id === null ? undefined : this.byId.get(id);
    if (id !== null && !clue) return false;
    this.selectedId = id;
    this.layer?.setSelected(id);
    if (!clue) return true;
    // The board opens the case, and fires env-clue-select itself when its select does.
    const board: HTMLElement | null = this.source.current;
    const open = (board as { select?: unknown } | null)?.select;
    let heard = false;
    if (board && typeof open === 'function') {
      const hear = () => (heard = true);
      board.addEventListener('env-clue-select', hear);
      try {
        open.call(board, clue.id);
      } finally {
        board.removeEventListener('env-clue-select', hear);
      }
    }
    if (!heard) {
      const detail: EnvClueSelectDetail = {
        id: clue.id,
        lon: clue.lon,
        lat: clue.lat,
        state: clue.state,
      };
      this.emit('env-clue-select', detail);
    }
    return true;
  }

  protected override createLayer(handle: MapHandle): ClueLayer {
    const t = handle.locale.t.bind(handle.locale);
    return new ClueLayer({
      title: this.name || t('layer.clues'),
      viewProjection: handle.viewProjection,
      distance: this.clusterDistance,
      showClosed: this.showClosed,
      labels: Object.fromEntries(CLUE_STATES.map((s) => [s, t(`clue.state.${s}`)])),
    });
  }

  protected override layerAttached(handle: MapHandle, layer: ClueLayer): void {
    layer.setClues(this.placed);
    layer.setSelected(this.selectedId);
    super.layerAttached(handle, layer);
    // The states move with the board's clock.
    const timer = setInterval(() => this.restate(), 60_000);
    this.onDetach(() => clearInterval(timer));
    this.source.start();
    this.onDetach(() => {
      this.source.stop();
      this.watch(null);
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('showClosed')) this.layer?.setShowClosed(this.showClosed);
    if (this.changedAgain(changed, ['board'])) this.source.check();
    if (this.changedAgain(changed, ['zoneValue'])) this.restate();
  }

  /** Places the board's cases again in their states now. */
  restate(): void {
    const el = this.source.current;
    this.watch(el);
    const placed: PlacedClue[] = [];
    if (el) {
      const now = el.now();
      for (const c of el.board.list()) {
        if (c.lon === undefined || c.lat === undefined) continue;
        const state = el.board.stateOf(c, now);
        placed.push({ id: c.id, title: c.title, lon: c.lon, lat: c.lat, state });
      }
    }
    this.placed = placed;
    this.byId = new Map(placed.map((c) => [c.id, c]));
    this.layer?.setClues(placed);
    this.restated(
      () => this.countsByZone(),
      (c) => (this.zoneValue === 'overdue' ? c.overdue : c.open),
    );
  }

  /** Rings the case chosen on the board. */
  private watch(board: EnvClueBoard | null): void {
    if (board === this.watched) return;
    this.watched?.removeEventListener('env-clue-select', this.onBoardSelect);
    this.watched = board;
    board?.addEventListener('env-clue-select', this.onBoardSelect);
  }

  private readonly onBoardSelect = (e: Event) => {
    const id = (e as CustomEvent<EnvClueSelectDetail>).detail?.id;
    if (typeof id !== 'string' || !this.byId.has(id)) return;
    this.selectedId = id;
    this.layer?.setSelected(id);
  };
}
