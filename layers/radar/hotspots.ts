// Hotspot outlines over the radar scans, labelled with their time window (Beijing time).
import { getTransform } from 'ol/proj.js';
import { formatBeijing, type Hotspot } from '../../src/index.js';

export const HOTSPOT_COLOR = '#ff2d55';

/** Draws the outlines on `canvas` (sized to the frame) with the frame's view → css px transform. */
export function drawHotspotOutlines(
  canvas: HTMLCanvasElement,
  hotspots: readonly Hotspot[],
  size: { width: number; height: number; pixelRatio: number },
  c2p: readonly number[],
  viewProjection: string,
): void {
  if (canvas.width !== size.width || canvas.height !== size.height) {
    canvas.width = size.width;
    canvas.height = size.height;
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (hotspots.length === 0) return;
  const toView = getTransform('EPSG:4326', viewProjection)!;
  const [c0, c1, c2, c3, c4, c5] = c2p as [number, number, number, number, number, number];
  ctx.setTransform(size.pixelRatio, 0, 0, size.pixelRatio, 0, 0);
  ctx.lineJoin = 'round';
  ctx.font = '600 12px system-ui, "Noto Sans CJK SC", sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  for (const h of hotspots) {
    if (h.polygon.length < 2) continue;
    ctx.beginPath();
    let top = Infinity;
    let cx = 0;
    h.polygon.forEach(([lon, lat], i) => {
      const [x, y] = toView([lon, lat]) as [number, number];
      const px = c0 * x + c2 * y + c4;
      const py = c1 * x + c3 * y + c5;
      if (i === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
      cx += px;
      top = Math.min(top, py);
    });
    ctx.closePath();
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
    ctx.lineWidth = 4;
    ctx.stroke();
    ctx.strokeStyle = HOTSPOT_COLOR;
    ctx.lineWidth = 2;
    ctx.stroke();
    cx /= h.polygon.length;
    const label = `${formatBeijing(h.start, 'time')}–${formatBeijing(h.end, 'time')}`;
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.75)';
    ctx.strokeText(label, cx, top - 3);
    ctx.fillStyle = '#ffffff';
    ctx.fillText(label, cx, top - 3);
  }
}
