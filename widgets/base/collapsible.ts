import { html, type ReactiveController, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { EnvElement } from './EnvElement.js';

/** The class of an envmap element, abstract or not. */
// A mixin's base constructor must take `any[]` (TypeScript's rule for mixins).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ElementClass<T = EnvElement> = abstract new (...args: any[]) => T;

/** What a panel that folds to its title offers to `<env-map>` and to portal code. */
export declare class CollapsiblePanel {
  /** Only the title bar shows. Reflected as the `collapsed` attribute. */
  collapsed: boolean;
  /**
   * When the map runs short of room, panels with a lower priority fold first (0 to 100;
   * default 50). Attribute `collapse-priority`.
   */
  collapsePriority: number;
  /** True while the panel shows its toggle, so that it has a title bar to fold to. */
  get collapsible(): boolean;
  /**
   * True while the state was chosen by a person (the toggle) or set by portal code, not by
   * the map's layout. The map leaves such a panel as it is until the map is resized.
   */
  get collapseChosen(): boolean;
  /** Folds or unfolds the panel for the map's layout; does nothing while a choice stands. */
  autoCollapse(collapsed: boolean): void;
  /** Forgets the choice, so that the map's layout decides again. */
  forgetCollapseChoice(): void;
  /**
   * Unfolds the panel as a person's choice (kept until the map is resized): for a panel that
   * has just received what a person asked for, a trace from a click say, which the layout must
   * not fold away.
   */
  protected unfoldByRequest(): void;
  /**
   * The title as the button that folds and unfolds the panel (a disclosure button with
   * `aria-expanded`). Put it inside the panel's heading.
   */
  protected collapseToggle(title: unknown): TemplateResult;
}

/** Whether an element is a panel that `<env-map>` can fold now. */
export function isCollapsible(el: Element): el is HTMLElement & CollapsiblePanel {
  const panel = el as Partial<CollapsiblePanel>;
  return typeof panel.autoCollapse === 'function' && panel.collapsible === true;
}

/**
 * Who changed the state, followed before and after each update (a controller, so that it works
 * whether or not a widget's own `willUpdate()` and `updated()` call their super).
 */
class CollapseState implements ReactiveController {
  /** A person or portal code set the state; the map's layout leaves it alone. */
  chosen = false;
  /** The next change comes from the map's layout. */
  byLayout = false;
  private shown: boolean | undefined;
  private auto = false;

  constructor(private readonly host: EnvElement & { collapsed: boolean }) {
    host.addController(this);
  }

  hostUpdate(): void {
    const collapsed = this.host.collapsed;
    if (collapsed !== this.shown) {
      this.auto = this.byLayout;
      // Set in the markup or by portal code: a choice, as much as a click on the toggle.
      if (!this.auto && (this.shown !== undefined || collapsed)) this.chosen = true;
    }
    this.byLayout = false;
  }

  hostUpdated(): void {
    const before = this.shown;
    const collapsed = this.host.collapsed;
    this.shown = collapsed;
    if (before !== undefined && before !== collapsed)
      this.host.emit('env-collapse', { collapsed, auto: this.auto });
  }
}

/**
 * Gives a panel widget a collapsed state: its title becomes a button (`collapseToggle()`)
 * that hides and shows everything else in the panel (a native button, so Enter and Space work;
 * the state is its `aria-expanded`, which screen readers announce), and `<env-map>` folds it
 * when its column runs short of room. The look is in `panelStyles`: while `collapsed`, a
 * `.panel` that has the toggle shows only its heading (`h2` or `.head`) and its live regions
 * (`[role=status]`, so that they still announce).
 *
 * @fires {CustomEvent<EnvCollapseDetail>} env-collapse - The panel folded or unfolded (`auto` when the map did it).
 * @csspart toggle - The title button that folds and unfolds the panel.
 */
export function Collapsible<T extends ElementClass>(Base: T) {
  abstract class CollapsibleElement extends Base {
    @property({ type: Boolean, reflect: true }) collapsed = false;
    @property({ type: Number, attribute: 'collapse-priority' }) collapsePriority = 50;

    private readonly collapseState = new CollapseState(this);

    get collapsible(): boolean {
      return this.renderRoot?.querySelector('.collapse-toggle') != null;
    }

    get collapseChosen(): boolean {
      return this.collapseState.chosen;
    }

    autoCollapse(collapsed: boolean): void {
      if (this.collapseState.chosen || collapsed === this.collapsed) return;
      this.collapseState.byLayout = true;
      this.collapsed = collapsed;
    }

    forgetCollapseChoice(): void {
      this.collapseState.chosen = false;
    }

    protected unfoldByRequest(): void {
      this.collapseState.chosen = true;
      this.collapsed = false;
    }

    protected collapseToggle(title: unknown): TemplateResult {
      const expanded = this.collapsed ? 'false' : 'true';
      // No white space around the title: the heading's text stays the title's.
      // prettier-ignore
      return html`<button type="button" class="collapse-toggle" part="toggle" aria-expanded=${expanded} @click=${this.onCollapseToggle}>${title}</button>`;
    }

    private onCollapseToggle(): void {
      this.collapseState.chosen = true;
      this.collapsed = !this.collapsed;
    }
  }
  return CollapsibleElement as unknown as ElementClass<CollapsiblePanel> & T;
}
