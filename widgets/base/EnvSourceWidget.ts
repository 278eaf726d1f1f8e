import { property } from 'lit/decorators.js';
import { EnvWidgetElement } from './EnvWidgetElement.js';
import type { MapHandle } from './context.js';
import { SourceWatch, type Watchable } from './source-watch.js';

/**
 * Base of the widgets that show what a layer element holds (a trace, an incident): they follow
 * the element with id `source`, else the first of its tag in the map, and render again when it
 * changes. Subclasses give the tag and override {@link sourceChanged}.
 */
export abstract class EnvSourceWidget<T extends Watchable> extends EnvWidgetElement {
  /** Id of the element shown; default the first of its kind in the map. */
  @property() source: string | null = null;

  protected readonly watch: SourceWatch<T>;

  constructor(tag: string) {
    super();
    this.watch = new SourceWatch<T>(
      tag,
      () => this.source,
      () => this.handle?.element,
      () => this.sourceChanged(),
    );
  }

  /** Called when the source is found, replaced or changes. */
  protected abstract sourceChanged(): void;

  protected override mapChanged(handle: MapHandle | undefined): void {
    if (handle) this.watch.start();
    else this.watch.stop();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.watch.stop();
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('source')) this.watch.check();
  }
}
