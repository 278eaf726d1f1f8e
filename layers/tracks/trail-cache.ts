// The trails of a large fleet kept in canvas pixels between frames, so that a frame strokes only
// what was pushed since the last one instead of every trail again.
//
// Decision (staleness of the cached trails): the front buffer holds every trail in screen pixels
// for the current view. Each frame strokes onto it only the pieces pushed since the last frame;
// meanwhile a back buffer is redrawn from the store a slice of vehicles per frame (at least
// SLICE_VERTICES points, and at least 1 / CYCLE_FRAMES of all of them, so a cycle takes at most
// CYCLE_FRAMES frames), new pieces going to both buffers for the vehicles the back buffer has
// already drawn, and the two swap when the back buffer is complete. So a trail's oldest points
// (dropped from the last trailLength) and its fade towards the tail are at most one rebuild cycle
// behind; its newest points never are, except for fewer than `stride` of them (under two pixels,
// beneath the icon). A late fix inside an already drawn trail waits for the next cycle too.
// Anything else that changes pixels already drawn (the view: centre, zoom, rotation, size, pixel
// ratio; selection, colorBy and the colour scale, setTrack, remove, clear, a new trail colour,
// the replay time, and any change while replaying) redraws the front buffer in full at once.
// When the map stops rendering (no new data) the renderer finishes the cycle in its own animation
// frames, so a still picture ends exact.
import type { TrackStore, VehicleRecord } from './store.js';
import type { FrameParams } from './gl.js';
import { PieceBatch, TrailFrame, addPieces, strokeWindows } from './trails.js';

/**
 * Points stroked per frame by the rebuild, at least (a fleet with fewer is drawn in full each
 * frame, without the cache). In the tracks benchmark (SwiftShader) the 5,000 trails alone,
 * about 355,000 points at its zoom, drew at 450 ms a frame: 10,000 are a thirty-fifth of that.
 */
export const SLICE_VERTICES = 10_000;
/** The rebuild cycle takes at most this many frames, whatever the fleet's size. */
export const CYCLE_FRAMES = 32;

function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Canvas 2D is not available');
  return ctx;
}

export class TrailCache {
  private front = document.createElement('canvas');
  private back = document.createElement('canvas');
  private frontCtx = context(this.front);
  private backCtx = context(this.back);
  /** What the front buffer's pixels depend on besides appended points; see keyOf. */
  private key: unknown[] = [];
  /** Per vehicle index: its `pushes` when its last drawn point was pushed, -1 for none. */
  private drawn = new Float64Array(0);
  /** The next vehicle the back buffer draws, -1 when no rebuild runs. */
  private cursor = -1;
  /** The store's revision when the current cycle (or the last full redraw) began. */
  private cycleRevision = -1;

  /** The buffer that holds the trails for the current frame. */
  get canvas(): HTMLCanvasElement {
    return this.front;
  }

  /** Whether the front buffer may be behind the store (a rebuild to run or finish). */
  behind(store: TrackStore): boolean {
    return this.cursor >= 0 || store.revision !== this.cycleRevision;
  }

  /** Forgets the pixels: the next update redraws in full. */
  reset(): void {
    this.key = [];
    this.cursor = -1;
  }

  /**
   * Brings the front buffer up to this frame: in full when its pixels are invalid, else the
   * pieces pushed since the last frame and one slice of the rebuild. `total` is the points of
   * every trail (TrailFrame.vertices), which sets the slice.
   */
  update(f: TrailFrame, total: number): void {
    const { store, p } = f;
    const key = keyOf(store, p);
    if (!sameKey(key, this.key)) {
      this.key = key;
      this.redraw(f);
      return;
    }
    if (store.time === undefined) this.append(f);
    this.rebuild(f, total);
  }

  /** One rebuild slice with nothing new pushed (the map did not render); true when it swapped. */
  idle(f: TrailFrame, total: number): boolean {
    if (!sameKey(keyOf(f.store, f.p), this.key)) return false;
    return this.rebuild(f, total);
  }

  private rebuild(f: TrailFrame, total: number): boolean {
    const store = f.store;
    if (this.cursor < 0) {
      if (store.revision === this.cycleRevision) return false;
      this.cursor = 0;
      this.cycleRevision = store.revision;
      size(this.back, f.p);
      this.backCtx.clearRect(0, 0, this.back.width, this.back.height);
    }
    const budget = Math.max(SLICE_VERTICES, Math.ceil(total / CYCLE_FRAMES));
    const vehicles = store.vehicles;
    const slice: VehicleRecord[] = [];
    let points = 0;
    while (this.cursor < vehicles.length && points < budget) {
      const v = vehicles[this.cursor++]!;
      if (v.visible === 0 || this.drawnAt(v) < 0) continue;
      slice.push(v);
      points += f.vertices(v);
    }
    // Each trail up to the point the front buffer has it to; later pieces come by append.
    strokeWindows(this.backCtx, f, slice, (v) => v.count - 1 - (v.pushes - this.drawnAt(v)));
    if (this.cursor < vehicles.length) return false;
    [this.front, this.back] = [this.back, this.front];
    [this.frontCtx, this.backCtx] = [this.backCtx, this.frontCtx];
    this.cursor = -1;
    return true;
  }

  private drawnAt(v: VehicleRecord): number {
    return v.index < this.drawn.length ? this.drawn[v.index]! : -1;
  }

  /** Every trail again on a clear front buffer; no rebuild running. */
  private redraw(f: TrailFrame): void {
    const store = f.store;
    size(this.front, f.p);
    this.frontCtx.clearRect(0, 0, this.front.width, this.front.height);
    strokeWindows(this.frontCtx, f, store.vehicles);
    this.drawn = new Float64Array(Math.max(64, Math.ceil(store.vehicles.length * 1.25)));
    this.drawn.fill(-1);
    for (const v of store.vehicles) this.drawn[v.index] = v.pushes;
    this.cursor = -1;
    this.cycleRevision = store.revision;
  }

  /** Strokes onto the front buffer (and the back one, for vehicles it has drawn) what is new. */
  private append(f: TrailFrame): void {
    const { store, stride } = f;
    const vehicles = store.vehicles;
    if (this.drawn.length < vehicles.length) {
      const drawn = new Float64Array(Math.ceil(vehicles.length * 1.5)).fill(-1);
      drawn.set(this.drawn);
      this.drawn = drawn;
    }
    const both = new PieceBatch();
    const frontOnly = new PieceBatch();
    const wholeBoth: VehicleRecord[] = [];
    const wholeFront: VehicleRecord[] = [];
    for (let i = 0; i < vehicles.length; i++) {
      const v = vehicles[i]!;
      if (v.visible === 0) continue;
      const drawn = this.drawn[i]!;
      const fresh = v.pushes - drawn; // points pushed since the last drawn one
      if (drawn >= 0 && fresh < stride) continue;
      const toBack = i < this.cursor;
      const last = v.count - 1;
      if (drawn < 0 || fresh > v.visible - 1) {
        // New, or its last drawn point has left the trail: the whole window, on top.
        (toBack ? wholeBoth : wholeFront).push(v);
        this.drawn[i] = v.pushes;
        continue;
      }
      const steps = Math.floor(fresh / stride);
      addPieces(f, v, last - fresh, last - fresh + steps * stride, [toBack ? both : frontOnly]);
      this.drawn[i] = drawn + steps * stride;
    }
    both.stroke(this.frontCtx);
    frontOnly.stroke(this.frontCtx);
    if (wholeBoth.length || wholeFront.length)
      strokeWindows(this.frontCtx, f, [...wholeBoth, ...wholeFront]);
    if (this.cursor < 0) return;
    both.stroke(this.backCtx);
    if (wholeBoth.length) strokeWindows(this.backCtx, f, wholeBoth);
  }

  dispose(): void {
    this.front.width = this.front.height = 0;
    this.back.width = this.back.height = 0;
    this.reset();
  }
}

/** Sizes a buffer for the frame (which clears it). */
function size(canvas: HTMLCanvasElement, p: FrameParams): void {
  if (canvas.width !== p.width) canvas.width = p.width;
  if (canvas.height !== p.height) canvas.height = p.height;
}

/**
 * What the cached pixels depend on, apart from points pushed onto live tracks: the view, the
 * style, the selection, the store's redraw revision, and while replaying any change at all.
 */
function keyOf(store: TrackStore, p: FrameParams): unknown[] {
  const key: unknown[] = [
    p.width,
    p.height,
    p.pixelRatio,
    p.lineWidth,
    p.colorBy,
    p.selected,
    ...p.transform,
    store.redrawRevision,
    store.time,
  ];
  if (p.colorBy === 'altitude') key.push(...store.altRange);
  if (p.colorBy === 'speed') key.push(store.speedMax);
  if (store.time !== undefined) key.push(store.revision);
  return key;
}

function sameKey(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
