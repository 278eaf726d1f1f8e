// The canvas renderer's icons are composited in script from per-angle masks: they must look like
// the same icons drawn as paths (colour, outline, heading, place).
import { expect } from '@esm-bundle/chai';
import { TrackStore } from '../../layers/tracks/store.js';
import { IconPainter, iconPath } from '../../layers/tracks/icons.js';
import type { FrameParams } from '../../layers/tracks/gl.js';

const W = 320;
const H = 120;
const KINDS = ['drone', 'boat', 'vehicle'] as const;
const COLORS = ['#4e79a7', '#e15759', '#59a14f', '#edc948'];

/**
 * A store whose projection is ten times lon/lat, drawn one unit a pixel with y flipped (as map
 * projections are): 30 icons, a row per kind, each turned its own way.
 */
function fleet(): TrackStore {
  const store = new TrackStore({
    trailLength: 10,
    history: 10,
    project: (lon, lat, out) => {
      out[0] = lon * 10;
      out[1] = lat * 10;
    },
  });
  let n = 0;
  for (let row = 0; row < 3; row++)
    for (let col = 0; col < 10; col++) {
      const heading = (n * 37) % 360;
      store.push(
        `v${n}`,
        { time: 0, lon: (16 + col * 30) / 10, lat: -(20 + row * 40) / 10, heading },
        { kind: KINDS[row], color: COLORS[n % COLORS.length] },
      );
      n++;
    }
  return store;
}

function params(store: TrackStore, stale = new Set<number>()): FrameParams {
  // Store coordinates are relative to the first point; y flips to the screen's.
  const ox = store.originX;
  const oy = store.originY;
  return {
    transform: [1, 0, 0, -1, ox, -oy],
    width: W,
    height: H,
    pixelRatio: 1,
    lineWidth: 2,
    iconSize: 20,
    colorBy: 'vehicle',
    stride: 1,
    selected: -1,
    stale,
  };
}

function canvas(): CanvasRenderingContext2D {
  const c = document.createElement('canvas');
  c.width = W;
  c.height = H;
  return c.getContext('2d', { willReadFrequently: true })!;
}

/** The icons as the renderer drew them before, one path fill and stroke each. */
function drawAsPaths(ctx: CanvasRenderingContext2D, store: TrackStore, p: FrameParams): void {
  const [a, b, c, d, e, f] = p.transform;
  for (const v of store.vehicles) {
    const x = v.x - store.originX;
    const y = v.y - store.originY;
    const h = (v.heading * Math.PI) / 180;
    const nx = a! * Math.sin(h) + c! * Math.cos(h);
    const ny = b! * Math.sin(h) + d! * Math.cos(h);
    ctx.save();
    ctx.translate(a! * x + c! * y + e!, b! * x + d! * y + f!);
    ctx.rotate(Math.atan2(ny, nx) + Math.PI / 2);
    ctx.scale(10, 10);
    const path = iconPath(v.info.kind);
    ctx.fillStyle = p.stale.has(v.index) ? '#8c8c8c' : `#${v.rgb.toString(16).padStart(6, '0')}`;
    ctx.fill(path);
    ctx.lineWidth = 0.18;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke(path);
    ctx.restore();
  }
}

describe('TrackLayer canvas icons', () => {
  it('composites the icons as the same icons drawn as paths look', () => {
    const store = fleet();
    const p = params(store);
    const ours = canvas();
    const painter = new IconPainter();
    painter.draw(ours, store, p);
    const paths = canvas();
    drawAsPaths(paths, store, p);
    const A = ours.getImageData(0, 0, W, H).data;
    const B = paths.getImageData(0, 0, W, H).data;
    let inked = 0;
    let differ = 0;
    for (let i = 0; i < A.length; i += 4) {
      if (B[i + 3]! > 0 || A[i + 3]! > 0) inked++;
      // Colours weighted by their opacity: what the icon adds over a background.
      const d = Math.max(
        ...[0, 1, 2].map((c) => Math.abs((A[i + c]! * A[i + 3]! - B[i + c]! * B[i + 3]!) / 255)),
        Math.abs(A[i + 3]! - B[i + 3]!),
      );
      if (d > 64) differ++;
    }
    expect(inked).to.be.greaterThan(30 * 150);
    // Headings are rounded to a few degrees and places to the pixel: the edges differ a little.
    expect(differ, `${differ} of ${inked} pixels`).to.be.lessThan(inked * 0.03);
    // The middle of each icon is its colour, opaque.
    for (const v of store.vehicles) {
      const x = Math.round(v.x);
      const y = Math.round(-v.y);
      const i = (y * W + x) * 4;
      const rgb = (A[i]! << 16) | (A[i + 1]! << 8) | A[i + 2]!;
      expect(A[i + 3], v.id).to.equal(255);
      expect(rgb, v.id).to.equal(v.rgb);
    }
    painter.dispose();
  });

  it('greys stale vehicles and clears icons that moved away', () => {
    const store = fleet();
    const ctx = canvas();
    const painter = new IconPainter();
    painter.draw(ctx, store, params(store, new Set([0])));
    const at = (x: number, y: number) => Array.from(ctx.getImageData(x, y, 1, 1).data);
    expect(at(16, 20)).to.deep.equal([0x8c, 0x8c, 0x8c, 255]);
    // Every vehicle moves 100 px east (the last column leaves the canvas): the next frame's
    // image holds no trace of where they were.
    for (const v of [...store.vehicles])
      store.push(v.id, { time: 1, lon: (v.x + 100) / 10, lat: v.y / 10, heading: v.heading });
    ctx.clearRect(0, 0, W, H);
    painter.draw(ctx, store, params(store));
    expect(at(16, 20)[3]).to.equal(0);
    expect(at(116, 20)[3]).to.equal(255);
    painter.dispose();
  });
});
