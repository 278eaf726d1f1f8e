import { isCollapsible, type CollapsiblePanel } from '../base/collapsible.js';

/** Set on a panel while it is measured open or folded; panelStyles shows it so. */
const MEASURE = 'data-env-measure';

/** The slotted elements that take room: assigned to a corner's slot and not hidden. */
function shown(corner: Element): HTMLElement[] {
  const slot = corner.querySelector('slot');
  return (slot?.assignedElements() ?? []).filter(
    (el): el is HTMLElement => el instanceof HTMLElement && el.getClientRects().length > 0,
  );
}

/** One column's panels and the height they may fill (its own, less padding and gaps). */
interface ColumnPlan {
  room: number;
  items: HTMLElement[];
  /**
   * The panels the layout may fold: those with a toggle, no choice made by hand and no focus
   * inside (folding would drop a keyboard user's place).
   */
  folding: Array<HTMLElement & CollapsiblePanel>;
  used: number;
}

function plan(column: HTMLElement): ColumnPlan {
  let room = column.clientHeight;
  const items: HTMLElement[] = [];
  for (const corner of column.querySelectorAll('.corner')) {
    const style = getComputedStyle(corner);
    const inCorner = shown(corner);
    room -= Number.parseFloat(style.paddingTop) + Number.parseFloat(style.paddingBottom);
    room -= Math.max(0, inCorner.length - 1) * (Number.parseFloat(style.rowGap) || 0);
    items.push(...inCorner);
  }
  const folding = items
    .filter(isCollapsible)
    .filter((el) => !el.collapseChosen && !el.matches(':focus-within'));
  return { room, items, folding, used: 0 };
}

/** Heights of `items` with the panels in `folding` shown open or folded. */
function measure(
  items: HTMLElement[],
  folding: HTMLElement[],
  as: 'open' | 'closed',
): Map<HTMLElement, number> {
  for (const el of folding) el.setAttribute(MEASURE, as);
  return new Map(items.map((el) => [el, el.getBoundingClientRect().height]));
}

/**
 * Fits the widgets in the corner slots of `<env-map>` into its two columns (left: top-left and
 * bottom-left; right: top-right and bottom-right). Every panel that can fold is measured open
 * and folded; then, all folded, from the highest `collapsePriority` down (ties: left column,
 * top first), a panel opens when it fits in its column and the open panels of both columns
 * stay within `--panel-share` of the columns' height (all of it, or half on a narrow map).
 * Panels someone opened or closed by hand keep their state, and their room, until the map is
 * resized.
 *
 * Runs when the map is resized (at once, before the frame is painted) and, one frame later,
 * when a slotted element changes size or the slots change.
 */
export class SlotLayout {
  private readonly observer = new ResizeObserver((entries) => this.resized(entries));
  private readonly watched = new Set<Element>();
  /** Each watched panel's height when last reported: only a change of height asks for a layout. */
  private readonly heights = new WeakMap<Element, number>();
  private size: string | undefined;
  private frame = 0;
  private readonly onSlotChange = () => {
    this.watchSlotted();
    this.schedule();
  };

  constructor(
    private readonly host: HTMLElement,
    private readonly root: ShadowRoot,
  ) {}

  connect(): void {
    this.observer.observe(this.host);
    this.root.addEventListener('slotchange', this.onSlotChange);
    this.watchSlotted();
  }

  disconnect(): void {
    this.observer.disconnect();
    this.watched.clear();
    this.root.removeEventListener('slotchange', this.onSlotChange);
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** Lays the columns out now. */
  layout(): void {
    const columns = [...this.root.querySelectorAll<HTMLElement>('.column')];
    if (columns.some((c) => c.clientHeight === 0)) return;
    const plans = columns.map(plan);
    const folding = plans.flatMap((p) => p.folding);
    if (folding.length === 0) return;
    const open = measure(
      plans.flatMap((p) => p.items),
      folding,
      'open',
    );
    const closed = measure(folding, folding, 'closed');
    for (const el of folding) el.removeAttribute(MEASURE);

    // Everything folded first; then, from the highest priority down, a panel opens when it
    // fits in its column and in the part of both columns the panels may fill.
    const share = Number.parseFloat(
      getComputedStyle(columns[0]!).getPropertyValue('--panel-share'),
    );
    let room = (share > 0 ? share : 1) * plans.reduce((sum, p) => sum + p.room, 0);
    for (const p of plans) {
      p.used = p.items.reduce((sum, el) => sum + (closed.get(el) ?? open.get(el)!), 0);
      room -= p.used;
    }
    const keep = new Set<HTMLElement>();
    const candidates = plans.flatMap((p) => p.folding.map((el) => ({ el, p })));
    candidates.sort((a, b) => b.el.collapsePriority - a.el.collapsePriority);
    for (const { el, p } of candidates) {
      const extra = open.get(el)! - closed.get(el)!;
      if (p.used + extra <= p.room + 0.5 && extra <= room + 0.5) {
        p.used += extra;
        room -= extra;
        keep.add(el);
      }
    }
    for (const el of folding) el.autoCollapse(!keep.has(el));
  }

  private watchSlotted(): void {
    const now = new Set<Element>();
    for (const corner of this.root.querySelectorAll('.corner')) {
      const assigned = corner.querySelector('slot')!.assignedElements();
      // An empty corner takes no room (its padding would).
      corner.classList.toggle('filled', assigned.length > 0);
      for (const el of assigned) now.add(el);
    }
    for (const el of this.watched) if (!now.has(el)) this.observer.unobserve(el);
    for (const el of now) if (!this.watched.has(el)) this.observer.observe(el);
    this.watched.clear();
    for (const el of now) this.watched.add(el);
  }

  private resized(entries: ResizeObserverEntry[]): void {
    // The columns stack panels: a panel only wider or narrower (a counter's digits) changes
    // nothing; one taller or shorter (text that wraps differently included) does.
    let taller = false;
    for (const { target, borderBoxSize, contentRect } of entries) {
      if (target === this.host) continue;
      const height = borderBoxSize?.[0]?.blockSize ?? contentRect.height;
      if (this.heights.get(target) !== height) taller = true;
      this.heights.set(target, height);
    }
    const own = entries.find((e) => e.target === this.host);
    if (!own) {
      // Refitting now would resize panels again within this notification, which
      // ResizeObserver reports as a loop; the next frame is soon enough.
      if (taller) this.schedule();
      return;
    }
    const { width, height } = own.contentRect;
    if (width === 0 || height === 0) return;
    const size = `${width}x${height}`;
    if (this.size !== undefined && size !== this.size) {
      for (const el of this.watched) (el as Partial<CollapsiblePanel>).forgetCollapseChoice?.();
    }
    this.size = size;
    this.layout();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.layout();
    });
  }
}
