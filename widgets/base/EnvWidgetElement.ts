import { ContextConsumer } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import { getLocale, type Locale } from '../../src/index.js';
import { DEFAULT_THEME, themeTokens, type ThemeName } from '../../styles/index.js';
import { EnvElement } from './EnvElement.js';
import { isMapHandle, mapContext, type MapHandle } from './context.js';

/**
 * Base of the UI widgets. A widget finds its map in one of two ways: inside `<env-map>` (in a
 * named slot) through context, or anywhere on the page through `for="<map id>"`. Outside a map
 * it marks itself `standalone` and copies the map's theme, since it cannot inherit the tokens.
 *
 * Subclasses override {@link mapChanged} to (un)register their listeners.
 */
export abstract class EnvWidgetElement extends EnvElement {
  static tokenStyles = themeTokens('[standalone]');

  /** Id of the `<env-map>` to use when the widget is not inside one. */
  @property({ attribute: 'for', reflect: true }) for: string | null = null;

  /** The map this widget works with, once found. */
  @state() protected handle: MapHandle | undefined;

  private contextHandle: MapHandle | undefined;
  private unsubscribe: (() => void) | undefined;
  private observer: MutationObserver | undefined;

  constructor() {
    super();
    new ContextConsumer(this, {
      context: mapContext,
      subscribe: true,
      callback: (handle) => {
        this.contextHandle = handle;
        this.resolve();
      },
    });
  }

  /** The locale of the map, or zh-CN until one is found. */
  protected get locale(): Locale {
    return this.handle?.locale ?? getLocale();
  }

  /** The theme of the map. */
  protected get theme(): ThemeName {
    return this.handle?.activeTheme ?? DEFAULT_THEME;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resolve();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = undefined;
    this.use(undefined);
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (changed.has('for') && changed.get('for') !== undefined) this.resolve();
  }

  /** Called when the widget gains, loses or changes its map. */
  protected mapChanged(_handle: MapHandle | undefined, _previous: MapHandle | undefined): void {}

  private resolve(): void {
    if (!this.isConnected) return;
    if (this.contextHandle && !this.for) {
      this.use(this.contextHandle);
      return;
    }
    if (!this.for) {
      this.use(undefined);
      return;
    }
    const found =
      (this.getRootNode() as Document | ShadowRoot).getElementById?.(this.for) ??
      document.getElementById(this.for);
    if (isMapHandle(found)) {
      this.observer?.disconnect();
      this.observer = undefined;
      this.use(found);
      return;
    }
    this.use(undefined);
    if (!this.observer) {
      // The map may be added or upgraded later; look again when the document changes.
      this.observer = new MutationObserver(() => this.resolve());
      this.observer.observe(document, { childList: true, subtree: true });
      customElements.whenDefined('env-map').then(
        () => this.resolve(),
        () => {},
      );
    }
  }

  private use(handle: MapHandle | undefined): void {
    if (handle === this.handle) return;
    const previous = this.handle;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.handle = handle;
    const standalone = handle !== undefined && handle !== this.contextHandle;
    this.toggleAttribute('standalone', standalone);
    if (handle) {
      const sync = () => {
        if (this.hasAttribute('standalone')) this.setAttribute('theme', handle.activeTheme);
        this.requestUpdate();
      };
      this.unsubscribe = handle.subscribe(sync);
      sync();
    }
    this.mapChanged(handle, previous);
  }
}
