/** An element other widgets follow: it says when what it shows changes. */
export interface Watchable extends HTMLElement {
  subscribe(listener: () => void): () => void;
}

/** The element with id `id` if it is a `tag`, else (no id) the first `tag` inside `scope`. */
export function findSource<T extends HTMLElement>(
  tag: string,
  id: string | null,
  scope: ParentNode | undefined,
): T | null {
  const el = id ? document.getElementById(id) : (scope?.querySelector(tag) ?? null);
  return el?.localName === tag ? (el as T) : null;
}

/**
 * Follows a source element of a widget (the one with id `id()`, else the first `tag` inside the
 * map): calls `changed` when it is found, replaced or changes. A source added later is found
 * within a second. `stop()` lets go.
 */
export class SourceWatch<T extends Watchable> {
  private watched: T | null = null;
  private unsubscribe: (() => void) | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly tag: string,
    private readonly id: () => string | null,
    private readonly scope: () => ParentNode | undefined,
    private readonly changed: () => void,
  ) {}

  get current(): T | null {
    return this.watched;
  }

  start(): void {
    this.stop();
    this.timer = setInterval(() => this.check(), 1000);
    this.check();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.set(null);
  }

  /** Looks for the source again (its id changed, say). */
  check(): void {
    this.set(findSource<T>(this.tag, this.id(), this.scope()));
  }

  private set(el: T | null): void {
    if (el === this.watched) return;
    this.unsubscribe?.();
    this.watched = el;
    this.unsubscribe = el?.subscribe(() => this.changed());
    this.changed();
  }
}
