// The in-page side of the tracks benchmark: builds the scenario, hands it to one contestant and
// runs the timed loop. Each requestAnimationFrame callback applies elapsed * RATE messages to
// random vehicles; the frame times are the deltas between the callbacks' timestamps.
import { seededRandom } from '../../../demo/server/simulator/random.js';
import { Fleet, RATE, T0, VEHICLES, prefill, type Prefill } from './scenario.js';

/** One way of drawing the tracks. */
export interface Contestant {
  /** Builds the map (or deck) in `target` with the pre-filled trails and renders it once. */
  setup(target: HTMLElement, data: Prefill): Promise<void>;
  /** One position message: vehicle `vehicle` is at lon/lat at `time` (ms). */
  push(vehicle: number, time: number, lon: number, lat: number): void;
  /** After a frame's messages, at data time `time`. */
  endFrame(time: number): void;
  /** Durations (ms) of the renderer's own per-frame work; the harness empties it when timing starts. */
  readonly renderTimes: number[];
  /** What drew the frames (renderer type, WebGL renderer string). */
  describe(): string;
}

export interface RunResult {
  /** Deltas between consecutive animation frames, ms. */
  frames: number[];
  /** Time the page spent applying each frame's messages through the contestant's API, ms. */
  updates: number[];
  /** The renderer's own work per rendered frame, ms. */
  renders: number[];
  messages: number;
  seconds: number;
  setupMs: number;
  renderer: string;
  webgl: string;
  heapMB: number;
}

export interface TracksPage {
  ready: Promise<void>;
  run(seconds: number, warmupSeconds: number): Promise<RunResult>;
}

/** The UNMASKED_RENDERER_WEBGL string of a fresh WebGL2 context. */
export function webglRenderer(): string {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return 'no WebGL2';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

/** Sets up `contestant` in the page's #map and exposes the run as `window.tracksBench`. */
export function serve(contestant: Contestant): void {
  const fleet = new Fleet(20261125);
  const target = document.getElementById('map')!;
  let setupMs = 0;
  const ready = (async () => {
    const t = performance.now();
    await contestant.setup(target, prefill(fleet));
    setupMs = performance.now() - t;
  })();
  // A failed setup is reported through tracksBench.ready, not as an unhandled rejection.
  ready.catch(() => {});
  const pick = seededRandom(7);

  const run = (seconds: number, warmupSeconds: number) =>
    new Promise<RunResult>((resolve) => {
      const frames: number[] = [];
      const updates: number[] = [];
      let messages = 0;
      let first = -1;
      let last = -1;
      let timedFrom = -1;
      let carry = 0;
      const frame = (now: number) => {
        if (first < 0) first = now;
        if (last >= 0) {
          const dt = now - last;
          carry += (dt * RATE) / 1000;
          const n = Math.floor(carry);
          carry -= n;
          const before = T0 + (last - first);
          const t = performance.now();
          for (let k = 1; k <= n; k++) {
            const v = Math.floor(pick() * VEHICLES);
            fleet.step(v);
            contestant.push(v, before + (k * dt) / n, fleet.lon[v]!, fleet.lat[v]!);
          }
          contestant.endFrame(T0 + (now - first));
          const took = performance.now() - t;
          if (timedFrom >= 0) {
            frames.push(dt);
            updates.push(took);
            messages += n;
          }
        }
        last = now;
        if (timedFrom < 0 && now - first >= warmupSeconds * 1000) {
          timedFrom = now;
          contestant.renderTimes.length = 0;
        }
        if (timedFrom >= 0 && now - timedFrom >= seconds * 1000) {
          const memory = (performance as { memory?: { usedJSHeapSize: number } }).memory;
          resolve({
            frames,
            updates,
            renders: contestant.renderTimes.slice(),
            messages,
            seconds: (now - timedFrom) / 1000,
            setupMs,
            renderer: contestant.describe(),
            webgl: webglRenderer(),
            heapMB: memory ? memory.usedJSHeapSize / 2 ** 20 : NaN,
          });
          return;
        }
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });

  (window as unknown as { tracksBench: TracksPage }).tracksBench = { ready, run };
}
