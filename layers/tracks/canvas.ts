// Canvas 2D drawing of the tracks, for browsers without WebGL 2 and for software rasterisers:
// the same picture as the WebGL renderer (trails fading towards their tail, icons turned to their
// heading), points closer than the stride skipped the same way. A small fleet is drawn in full
// every frame; a large one keeps its trails in a TrailCache (see there for how stale a trail may
// be) and strokes only what was pushed since the last frame. Icons are composited in script
// (IconPainter).
import type { TrackStore } from './store.js';
import type { FrameParams } from './gl.js';
import { TrailFrame, strokeWindows } from './trails.js';
import { SLICE_VERTICES, TrailCache } from './trail-cache.js';
import { IconPainter } from './icons.js';

export class TrackCanvasRenderer {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly icons = new IconPainter();
  private cache: TrailCache | undefined;
  /** The last frame, for finishing a rebuild while the map does not render. */
  private last: { store: TrackStore; params: FrameParams; revision: number } | undefined;
  private frames = 0;
  private idleRequest = 0;

  constructor() {
    this.canvas = document.createElement('canvas');
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('Canvas 2D is not available');
    this.ctx = ctx;
  }

  /** Whether the trails come from the cache (a fleet too large to stroke in full each frame). */
  get cached(): boolean {
    return this.cache !== undefined;
  }

  render(store: TrackStore, p: FrameParams): void {
    const ctx = this.ctx;
    if (this.canvas.width !== p.width || this.canvas.height !== p.height) {
      this.canvas.width = p.width;
      this.canvas.height = p.height;
    } else ctx.clearRect(0, 0, p.width, p.height);
    this.frames++;
    const f = new TrailFrame(store, p);
    let total = 0;
    for (const v of store.vehicles) total += f.vertices(v);
    if (total <= SLICE_VERTICES) {
      this.cache?.dispose();
      this.cache = undefined;
      strokeWindows(ctx, f, store.vehicles);
    } else {
      this.cache ??= new TrailCache();
      this.cache.update(f, total);
      ctx.drawImage(this.cache.canvas, 0, 0);
    }
    this.icons.draw(ctx, store, p);
    this.last = { store, params: p, revision: store.revision };
    if (this.cache?.behind(store)) this.whenIdle();
  }

  /**
   * Runs the rebuild in the next animation frames in which the map does not render (no new
   * data), recomposing the canvas when the trails change, until the cache has caught up.
   */
  private whenIdle(): void {
    if (this.idleRequest) return;
    const frames = this.frames;
    this.idleRequest = requestAnimationFrame(() => {
      this.idleRequest = 0;
      const last = this.last;
      const cache = this.cache;
      if (!last || !cache) return;
      const { store, params } = last;
      // New data since: the map renders next, and asks again.
      if (frames === this.frames && store.revision !== last.revision) return;
      if (frames === this.frames) {
        const f = new TrailFrame(store, params);
        let total = 0;
        for (const v of store.vehicles) total += f.vertices(v);
        if (cache.idle(f, total)) {
          this.ctx.clearRect(0, 0, params.width, params.height);
          this.ctx.drawImage(cache.canvas, 0, 0);
          this.icons.drawLast(this.ctx);
          this.icons.drawSelected(this.ctx, store, params);
        }
      }
      if (cache.behind(store)) this.whenIdle();
    });
  }

  dispose(): void {
    if (this.idleRequest) cancelAnimationFrame(this.idleRequest);
    this.idleRequest = 0;
    this.cache?.dispose();
    this.cache = undefined;
    this.icons.dispose();
    this.last = undefined;
    this.canvas.width = this.canvas.height = 0;
  }
}
