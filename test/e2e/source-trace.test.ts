// End-to-end: the Heze radar page's source trace in Debian's Chromium, served by the demo server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { HezeSimulator } from '../../demo/server/simulator/heze.js';
import type { StationReading } from '../../src/index.js';
import { chromiumArgs, chromiumPath } from '../chromium.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** What the page's `<env-source-trace>` offers to the test. */
interface TraceElement extends HTMLElement {
  stations: Array<{ id: string; lon: number; lat: number }>;
  sourceRecords: unknown[];
  windObservations(): unknown[];
  result: { stationId: string | null; candidates: Array<{ id: string; rank: number }> } | null;
}

describe('source trace on the Heze radar page', () => {
  let demo: RunningDemo;
  let base: string;
  let browser: Browser;

  before(async () => {
    assert.ok(
      existsSync(`${root}/dist/envmap.iife.js`),
      'dist/ is missing: run npm run build first',
    );
    demo = await startDemo({ root, port: 0, tickMs: 500 });
    base = `http://127.0.0.1:${demo.port}`;
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });

  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('the simulator sends wind with every reading and a stretch where 市政协 exceeds the others', () => {
    const sim = new HezeSimulator();
    let surge = 0;
    for (let k = 0; k < 200; k++) {
      const readings = sim
        .tick(new Date(Date.UTC(2026, 11, 3, 6, 0, 3 * k)))
        .filter((e) => e.type === 'station.reading')
        .map((e) => e.data as StationReading);
      for (const r of readings) {
        assert.ok(r.windDirDeg! >= 80 && r.windDirDeg! <= 190, `wind from ${r.windDirDeg}°`);
        assert.ok(r.windSpeedMs! >= 1.5 && r.windSpeedMs! <= 3.5, `wind ${r.windSpeedMs} m/s`);
      }
      const pm = readings.map((r) => r.values['pm25']!).sort((a, b) => a - b);
      const median = pm[Math.floor(pm.length / 2)]!;
      const at = readings.find((r) => r.stationId === '1719A')!.values['pm25']!;
      if (at > 2.5 * median) surge++;
    }
    assert.ok(surge > 60 && surge < 180, `${surge} of 200 steps above the others`);
  });

  it('a click on a station traces back along the wind and lists the simulated source upwind', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`${base}/radar.html`);
    await page.waitForFunction(
      () => {
        const el = document.querySelector('env-source-trace') as unknown as TraceElement | null;
        return (
          !!el &&
          el.stations.some((s) => s.id === '1719A') &&
          el.sourceRecords.length >= 30 &&
          el.windObservations().length > 0
        );
      },
      undefined,
      { timeout: 30000 },
    );
    await page.waitForFunction(
      () =>
        (document.querySelector('env-map') as unknown as { renderComplete?: boolean })
          ?.renderComplete === true,
      undefined,
      { timeout: 30000 },
    );
    const at = await page.evaluate(() => {
      const el = document.querySelector('env-source-trace') as unknown as TraceElement;
      const s = el.stations.find((x) => x.id === '1719A')!;
      const R = 6378137;
      const x = (s.lon * Math.PI * R) / 180;
      const y = R * Math.log(Math.tan(Math.PI / 4 + (s.lat * Math.PI) / 360));
      const map = document.querySelector('env-map') as unknown as HTMLElement & {
        map: { getPixelFromCoordinate(c: number[]): number[] };
      };
      const [px, py] = map.map.getPixelFromCoordinate([x, y]);
      const rect = map.getBoundingClientRect();
      return [rect.left + px!, rect.top + py!];
    });
    await page.mouse.click(at[0]!, at[1]!);
    const traced = await page.waitForFunction(
      () => (document.querySelector('env-source-trace') as unknown as TraceElement).result,
      undefined,
      { timeout: 10000 },
    );
    const result = (await traced.jsonValue()) as NonNullable<TraceElement['result']>;
    assert.equal(result.stationId, '1719A');
    assert.ok(
      result.candidates.some((c) => c.id === 'SIM-ENT-01'),
      `candidates: ${result.candidates.map((c) => c.id).join(', ')}`,
    );
    // The panel lists them by rank, each with its dispatch button.
    const rows = page.locator('env-source-trace li');
    assert.equal(await rows.count(), result.candidates.length);
    assert.match((await rows.first().textContent()) ?? '', /^\s*1\. 模拟/);
    const dispatch = rows.first().locator('button[data-action="dispatch"]');
    await dispatch.click();
    assert.equal(await rows.first().getAttribute('data-state'), 'dispatched');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
