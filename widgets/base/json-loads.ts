import { fetchText } from './fetch-text.js';

/**
 * Fetches of an element's named inputs (one per attribute): a new fetch of a name aborts the
 * one before it, and all stop when the element disconnects. Text goes to `read`; a failure to
 * `failed` with the URL and the reason (never thrown).
 */
export class TextLoads {
  private readonly controllers = new Map<string, AbortController>();

  load(
    name: string,
    url: URL,
    read: (text: string) => void,
    failed: (message: string) => void,
  ): void {
    this.controllers.get(name)?.abort();
    const controller = new AbortController();
    this.controllers.set(name, controller);
    fetchText(url, controller.signal)
      .then((text) => {
        if (controller.signal.aborted) return;
        this.controllers.delete(name);
        read(text);
      })
      .catch((e: Error) => {
        if (controller.signal.aborted) return;
        this.controllers.delete(name);
        failed(`${name} could not be loaded from ${url.href}: ${e.message}`);
      });
  }

  /** Whether a fetch of `name` is under way. */
  pending(name: string): boolean {
    return this.controllers.has(name);
  }

  abortAll(): void {
    for (const c of this.controllers.values()) c.abort();
    this.controllers.clear();
  }
}
