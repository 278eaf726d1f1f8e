// Radar drawing: a new scan of 360 rays x 1,000 gates added to a RadarLayer and the map drawn at
// once, in Chromium at 1920 x 1080, with WebGL 2 and with canvas 2D, one after the other in one
// run. Prints per scan the main thread's time to add the scan and to draw the frame (median,
// p95), and the time of frames that only pan; a frame's budget at 60 Hz is 16.7 ms.
// RADAR_BENCH_STEPS (default 30) sets the number of scans. Needs Debian's chromium.
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, chromiumPath } from '../chromium.js';
import { bundle, page, serveFiles } from './tracks/server.js';

const STEPS = Number(process.env.RADAR_BENCH_STEPS ?? 30);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const ms = (v: number) => `${v.toFixed(1)} ms`;

export async function radarRenderReport(): Promise<string> {
  const script = await bundle('../radar/page.ts');
  const files = new Map([
    ['radar.js', script],
    ['index.html', page('radar', true)],
  ]);
  const server = await serveFiles(files);
  const rows: string[] = [];
  try {
    for (const renderer of ['webgl', 'canvas'] as const) {
      const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
      try {
        const tab = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
        await tab.goto(`${server.url}/index.html?renderer=${renderer}&steps=${STEPS}`);
        const r = (await tab.evaluate(
          () => (window as unknown as { benchResult: Promise<object> }).benchResult,
        )) as { renderer: string; add: number[]; draw: number[]; pan: number[] };
        const total = r.add.map((a, i) => a + r.draw[i]!);
        rows.push(
          `| ${r.renderer} | ${r.add.length} | ${ms(quantile(r.add, 0.5))} / ${ms(quantile(r.add, 0.95))} | ${ms(quantile(r.draw, 0.5))} / ${ms(quantile(r.draw, 0.95))} | ${ms(quantile(total, 0.5))} / ${ms(quantile(total, 0.95))} | ${total.filter((t) => t > 1000 / 60).length} | ${ms(quantile(r.pan, 0.5))} / ${ms(quantile(r.pan, 0.95))} |`,
        );
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
  return [
    `360 x 1,000 gates per scan, ${STEPS} scans, 1920 x 1080, main-thread times (p50 / p95)`,
    '',
    '| renderer | scans | addScan | draw | add + draw | over 16.7 ms | pan frame |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await radarRenderReport());
