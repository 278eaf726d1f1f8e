// The vehicles' icons for the canvas renderer: each kind's outline drawn once per angle into
// coverage masks, then every frame the icons are composited in script into one image that is
// put on a canvas in one go. Thousands of small fills and strokes cost a software rasteriser
// (SwiftShader) about 27 µs each: in the tracks benchmark 5,000 icons took 133 ms a frame drawn
// as paths, and as long drawn as sprites with drawImage; composited in script they take under
// 20 ms of main thread and one image upload, and the frame 17 ms.
import type { TrackStore, VehicleKind } from './store.js';
import type { FrameParams } from './gl.js';
import { hexOf } from './colors.js';

/** The outline of each kind's icon in a unit square, pointing up (forward = -y on screen). */
export function iconPath(kind: string): Path2D {
  const p = new Path2D();
  if (kind === 'boat') {
    p.moveTo(-0.45, 0.85);
    p.lineTo(0.45, 0.85);
    p.lineTo(0.45, -0.25);
    p.lineTo(0, -0.95);
    p.lineTo(-0.45, -0.25);
    p.closePath();
  } else if (kind === 'vehicle') {
    p.arc(0, 0.15, 0.62, 0, Math.PI * 2);
    p.moveTo(-0.35, -0.3);
    p.lineTo(0, -0.95);
    p.lineTo(0.35, -0.3);
    p.closePath();
  } else {
    p.moveTo(0, -0.95);
    p.lineTo(0.8, 0.8);
    p.lineTo(0, 0.35);
    p.lineTo(-0.8, 0.8);
    p.closePath();
  }
  return p;
}

/** Width of the icons' outline in the unit square. */
const OUTLINE = 0.18;
const STALE_RGB = 0x8c8c8c;

/**
 * One kind at one angle: its non-empty pixels (offsets from the sprite's corner) with the
 * outline's share of the colour, the fill's share and the opacity (white outline over the fill).
 */
interface Mask {
  dx: Int16Array;
  dy: Int16Array;
  white: Float32Array;
  fill: Float32Array;
  alpha: Float32Array;
}

/** The masks of one kind at every angle, for icons `side` pixels square. */
interface MaskSet {
  side: number;
  angles: number;
  masks: Mask[];
}

/** Rasterises `kind` at `angles` rotations: coverage of the fill and of the outline. */
function buildMasks(kind: VehicleKind, half: number): MaskSet {
  const side = 2 * Math.ceil(half * 1.25) + 2;
  // About a pixel of arc at the sprite's edge per step: under half a pixel off at the tip.
  const angles = Math.max(64, Math.ceil((Math.PI * side) / 8) * 8);
  const cols = Math.ceil(Math.sqrt(angles));
  const rows = Math.ceil(angles / cols);
  const canvas = document.createElement('canvas');
  canvas.width = cols * side;
  canvas.height = rows * side;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const path = iconPath(kind);
  const coverage = (draw: () => void): Uint8ClampedArray => {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    for (let j = 0; j < angles; j++) {
      ctx.setTransform(
        1,
        0,
        0,
        1,
        (j % cols) * side + side / 2,
        Math.floor(j / cols) * side + side / 2,
      );
      ctx.rotate((j * 2 * Math.PI) / angles);
      ctx.scale(half, half);
      draw();
    }
    return ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  };
  const fill = coverage(() => {
    ctx.fillStyle = '#000';
    ctx.fill(path);
  });
  const line = coverage(() => {
    ctx.lineWidth = OUTLINE;
    ctx.strokeStyle = '#000';
    ctx.stroke(path);
  });
  const masks: Mask[] = [];
  for (let j = 0; j < angles; j++) {
    const x0 = (j % cols) * side;
    const y0 = Math.floor(j / cols) * side;
    const dx: number[] = [];
    const dy: number[] = [];
    const white: number[] = [];
    const shade: number[] = [];
    const alpha: number[] = [];
    for (let y = 0; y < side; y++)
      for (let x = 0; x < side; x++) {
        const i = ((y0 + y) * canvas.width + x0 + x) * 4 + 3;
        const o = line[i]! / 255;
        const fo = (fill[i]! / 255) * (1 - o); // the fill showing under the outline
        const a = o + fo;
        if (a < 1 / 255) continue;
        dx.push(x);
        dy.push(y);
        white.push((255 * o) / a);
        shade.push(fo / a);
        alpha.push(a);
      }
    masks.push({
      dx: Int16Array.from(dx),
      dy: Int16Array.from(dy),
      white: Float32Array.from(white),
      fill: Float32Array.from(shade),
      alpha: Float32Array.from(alpha),
    });
  }
  canvas.width = canvas.height = 0;
  return { side, angles, masks };
}

/** Composites the icons of every vehicle but the selected one, and draws that one on top. */
export class IconPainter {
  private readonly canvas = document.createElement('canvas');
  private readonly ctx: CanvasRenderingContext2D;
  private image: ImageData | undefined;
  private pixels = new Uint32Array(0);
  private masks = new Map<string, MaskSet>();
  private maskHalf = NaN;
  private readonly paths = new Map<string, Path2D>();
  /** The box of the last frame's icons in the image (x0, y0, x1, y1), empty when x1 <= x0. */
  private box = [0, 0, 0, 0];

  constructor() {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('Canvas 2D is not available');
    this.ctx = ctx;
  }

  /** Draws the icons of the frame onto `out`. */
  draw(out: CanvasRenderingContext2D, store: TrackStore, p: FrameParams): void {
    this.composite(store, p);
    this.drawLast(out);
    this.drawSelected(out, store, p);
  }

  /** Draws the last composited icons again (the data have not changed). */
  drawLast(out: CanvasRenderingContext2D): void {
    const [x0, y0, x1, y1] = this.box;
    if (x1 > x0 && y1 > y0)
      out.drawImage(this.canvas, x0, y0, x1 - x0, y1 - y0, x0, y0, x1 - x0, y1 - y0);
  }

  /** The selected vehicle's icon, larger and outlined in yellow, as a path. */
  drawSelected(out: CanvasRenderingContext2D, store: TrackStore, p: FrameParams): void {
    const v = store.vehicles[p.selected];
    if (!v || v.visible === 0) return;
    const [a, b, c, d, e, f] = p.transform;
    const x = v.x - store.originX;
    const y = v.y - store.originY;
    const size = (p.iconSize * 1.35 * p.pixelRatio) / 2;
    let path = this.paths.get(v.info.kind);
    if (!path) this.paths.set(v.info.kind, (path = iconPath(v.info.kind)));
    out.save();
    out.translate(a * x + c * y + e, b * x + d * y + f);
    out.rotate(screenAngle(v.heading, p.transform));
    out.scale(size, size);
    out.globalAlpha = 1;
    out.fillStyle = p.stale.has(v.index) ? hexOf(STALE_RGB) : hexOf(v.rgb);
    out.fill(path);
    out.lineWidth = OUTLINE;
    out.strokeStyle = '#ffd91a';
    out.stroke(path);
    out.restore();
  }

  private composite(store: TrackStore, p: FrameParams): void {
    const width = p.width;
    const height = p.height;
    if (!this.image || this.image.width !== width || this.image.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
      this.image = width > 0 && height > 0 ? new ImageData(width, height) : undefined;
      this.pixels = this.image ? new Uint32Array(this.image.data.buffer) : new Uint32Array(0);
      this.box = [0, 0, 0, 0];
    }
    const px = this.pixels;
    // The image is clear outside the last box: clear that box.
    const [bx0, by0, bx1, by1] = this.box;
    for (let y = by0; y < by1; y++) px.fill(0, y * width + bx0, y * width + bx1);
    const half = (p.iconSize * p.pixelRatio) / 2;
    if (half !== this.maskHalf) {
      this.masks.clear();
      this.maskHalf = half;
    }
    const [a, b, c, d, e, f] = p.transform;
    let x0 = width;
    let y0 = height;
    let x1 = 0;
    let y1 = 0;
    for (const v of store.vehicles) {
      if (v.visible === 0 || v.index === p.selected || !this.image) continue;
      let set = this.masks.get(v.info.kind);
      if (!set) this.masks.set(v.info.kind, (set = buildMasks(v.info.kind, half)));
      const { side, angles } = set;
      const x = v.x - store.originX;
      const y = v.y - store.originY;
      const left = Math.round(a * x + c * y + e) - side / 2;
      const top = Math.round(b * x + d * y + f) - side / 2;
      if (left >= width || top >= height || left + side <= 0 || top + side <= 0) continue;
      const turn = screenAngle(v.heading, p.transform) / (2 * Math.PI);
      const j = (((Math.round(turn * angles) % angles) + angles) % angles) | 0;
      const rgb = p.stale.has(v.index) ? STALE_RGB : v.rgb;
      paint(px, width, height, set.masks[j]!, left, top, side, rgb);
      if (left < x0) x0 = left;
      if (top < y0) y0 = top;
      if (left + side > x1) x1 = left + side;
      if (top + side > y1) y1 = top + side;
    }
    this.box = [Math.max(0, x0), Math.max(0, y0), Math.min(width, x1), Math.min(height, y1)];
    const [nx0, ny0, nx1, ny1] = this.box;
    if (this.image && nx1 > nx0 && ny1 > ny0)
      this.ctx.putImageData(this.image, 0, 0, nx0, ny0, nx1 - nx0, ny1 - ny0);
  }

  dispose(): void {
    this.canvas.width = this.canvas.height = 0;
    this.image = undefined;
    this.pixels = new Uint32Array(0);
    this.masks.clear();
  }
}

/** The canvas rotation of an icon heading `heading` degrees from north (NaN: north). */
function screenAngle(heading: number, [a, b, c, d]: number[]): number {
  const h = ((Number.isNaN(heading) ? 0 : heading) * Math.PI) / 180;
  const nx = a! * Math.sin(h) + c! * Math.cos(h);
  const ny = b! * Math.sin(h) + d! * Math.cos(h);
  return Math.atan2(ny, nx) + Math.PI / 2;
}

/**
 * Composites one icon over the image (straight, not premultiplied, alpha as ImageData holds it;
 * pixels as little-endian RGBA words).
 */
function paint(
  px: Uint32Array,
  width: number,
  height: number,
  m: Mask,
  left: number,
  top: number,
  side: number,
  rgb: number,
): void {
  const cr = (rgb >> 16) & 255;
  const cg = (rgb >> 8) & 255;
  const cb = rgb & 255;
  const inside = left >= 0 && top >= 0 && left + side <= width && top + side <= height;
  const { dx, dy, white, fill, alpha } = m;
  const base = top * width + left;
  for (let k = 0; k < dx.length; k++) {
    if (!inside) {
      const x = left + dx[k]!;
      const y = top + dy[k]!;
      if (x < 0 || y < 0 || x >= width || y >= height) continue;
    }
    const o = base + dy[k]! * width + dx[k]!;
    const w = white[k]!;
    const s = fill[k]!;
    const r = w + cr * s;
    const g = w + cg * s;
    const bl = w + cb * s;
    const sa = alpha[k]!;
    const dst = px[o]!;
    if (sa >= 0.999 || dst === 0) {
      px[o] = (((sa * 255 + 0.5) << 24) | ((bl + 0.5) << 16) | ((g + 0.5) << 8) | (r + 0.5)) >>> 0;
      continue;
    }
    // Source over a straight-alpha destination.
    const da = (dst >>> 24) / 255;
    const under = da * (1 - sa);
    const oa = sa + under;
    const rr = (r * sa + (dst & 255) * under) / oa;
    const gg = (g * sa + ((dst >>> 8) & 255) * under) / oa;
    const bb = (bl * sa + ((dst >>> 16) & 255) * under) / oa;
    px[o] = (((oa * 255 + 0.5) << 24) | ((bb + 0.5) << 16) | ((gg + 0.5) << 8) | (rr + 0.5)) >>> 0;
  }
}
