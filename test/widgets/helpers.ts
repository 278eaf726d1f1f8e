import type { EnvMap } from '../../widgets/index.js';
import { defineElements } from '../../widgets/index.js';

defineElements();

/** Creates an element from markup inside a sized container attached to the document. */
export async function fixture<T extends HTMLElement>(markup: string): Promise<T> {
  const container = document.createElement('div');
  container.className = 'fixture';
  container.innerHTML = markup;
  document.body.append(container);
  const el = container.firstElementChild as T;
  await (el as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  return el;
}

/** Removes every fixture. */
export function cleanup(): void {
  document.querySelectorAll('.fixture').forEach((f) => f.remove());
}

/** Waits until the map has drawn everything, failing after `ms`. */
export async function rendered(map: EnvMap, ms = 15000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    map.whenRendered(),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('map did not finish rendering')), ms);
    }),
  ]);
  clearTimeout(timer);
}

/** Counts the non-transparent pixels in the map's canvases and how many distinct colours they have. */
export function canvasStats(map: EnvMap): { painted: number; colours: number } {
  const canvases = map.shadowRoot!.querySelectorAll('canvas');
  let painted = 0;
  const colours = new Set<number>();
  canvases.forEach((canvas) => {
    const ctx = canvas.getContext('2d');
    if (!ctx || canvas.width === 0) return;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0) {
        painted++;
        colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      }
    }
  });
  return { painted, colours: colours.size };
}

/** Total number of listeners registered on an OpenLayers observable (all event types). */
export function listenerCount(target: object): number {
  const listeners = (target as { listeners_?: Record<string, unknown[]> }).listeners_ ?? {};
  return Object.values(listeners).reduce((n, list) => n + list.length, 0);
}

/** Resolves on the next `type` event on `target`, or rejects after `ms`. */
export function nextEvent<T extends Event>(
  target: EventTarget,
  type: string,
  ms = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within ${ms} ms`)), ms);
    target.addEventListener(
      type,
      (e) => {
        clearTimeout(timer);
        resolve(e as T);
      },
      { once: true },
    );
  });
}

/** Waits for `predicate` to hold, polling every frame, failing after `ms`. */
export async function until(predicate: () => boolean, what: string, ms = 5000): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}
