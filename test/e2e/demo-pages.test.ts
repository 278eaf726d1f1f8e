// End-to-end: each demo page in Debian's Chromium, served by the demo server with its CSP.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { CONTENT_SECURITY_POLICY, PAGES } from '../../demo/server/server.js';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { chromiumArgs, chromiumPath } from '../chromium.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const AXE = readFileSync(`${root}/node_modules/axe-core/axe.min.js`, 'utf8');

interface AxeGlobal {
  run(
    context: Document,
    options: object,
  ): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }>;
}
const shots = `${root}/test-results/e2e`;

describe('demo pages', () => {
  let demo: RunningDemo;
  let base: string;
  let browser: Browser;

  before(async () => {
    assert.ok(
      existsSync(`${root}/dist/envmap.iife.js`),
      'dist/ is missing: run npm run build first',
    );
    mkdirSync(shots, { recursive: true });
    demo = await startDemo({ root, port: 0, tickMs: 500 });
    base = `http://127.0.0.1:${demo.port}`;
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });

  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  for (const name of PAGES) {
    it(`${name} renders the base map under the strict CSP with no console error`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const problems: string[] = [];
      const foreign: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
      });
      page.on('request', (r) => {
        if (
          !r.url().startsWith(base) &&
          !r.url().startsWith('data:') &&
          !r.url().startsWith('blob:')
        ) {
          foreign.push(r.url());
        }
      });
      await page.addInitScript(() => {
        const w = window as unknown as { cspViolations: string[] };
        w.cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      const response = await page.goto(`${base}/${name}`);
      assert.equal(response?.status(), 200);
      assert.equal(response?.headers()['content-security-policy'], CONTENT_SECURITY_POLICY);

      await page.waitForFunction(
        () =>
          (document.querySelector('env-map') as unknown as { renderComplete?: boolean })
            ?.renderComplete === true,
        undefined,
        { timeout: 30000 },
      );
      const stats = await page.evaluate(() => {
        const map = document.querySelector('env-map')!;
        let painted = 0;
        const colours = new Set<number>();
        let pixels = 0;
        for (const canvas of map.shadowRoot!.querySelectorAll('canvas')) {
          // The base map draws in the canvases of layers without a class of their own (and its
          // labels in the map's shared declutter canvas); the overlays' own, mostly empty,
          // canvases (`env-…-layer`) are not counted. WebGL canvases give no 2D context.
          if (/\benv-[\w-]+-layer\b/.test(canvas.parentElement?.className ?? '')) continue;
          const ctx = canvas.getContext('2d');
          if (!ctx) continue;
          const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          pixels += data.length / 4;
          for (let i = 0; i < data.length; i += 4) {
            if (data[i + 3] > 0) {
              painted++;
              colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
            }
          }
        }
        return { painted, pixels, colours: colours.size };
      });
      await page.screenshot({ path: `${shots}/${name.replace('.html', '')}.png` });
      const violations = await page.evaluate(
        () => (window as unknown as { cspViolations: string[] }).cspViolations,
      );

      // axe (run through the debugger protocol, which the page's CSP does not govern).
      await page.evaluate(AXE);
      const axeViolations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: AxeGlobal }).axe;
        const result = await axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        });
        return result.violations.map(
          (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' > ')).join(' | ')}`,
        );
      });

      // Every element of the kit in the markup is registered by the page's script (the
      // command-centre page's script registers only the elements it uses).
      const undefinedTags = await page.evaluate(() => [
        ...new Set(
          [...document.querySelectorAll(':not(:defined)')]
            .map((el) => el.localName)
            .filter((tag) => tag.startsWith('env-')),
        ),
      ]);

      assert.deepEqual(undefinedTags, [], 'elements of the kit the page never registered');
      assert.deepEqual(axeViolations, [], 'WCAG A/AA violations found by axe');
      assert.deepEqual(violations, [], 'securitypolicyviolation events');
      assert.deepEqual(problems, [], 'console errors');
      assert.deepEqual(foreign, [], 'requests that left the machine');
      assert.ok(stats.pixels > 0, 'the map has a canvas');
      assert.ok(
        stats.painted > stats.pixels * 0.3,
        `base map drew ${stats.painted} of ${stats.pixels} pixels`,
      );
      assert.ok(stats.colours > 3, `base map has ${stats.colours} colours`);
      await page.close();
    });
  }

  it('plain.html exposes the global EnvMap and registers every element', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/plain.html`);
    await page.waitForFunction(() => customElements.get('env-map') !== undefined);
    const result = await page.evaluate(() => ({
      global: typeof (window as unknown as { EnvMap?: { EnvMap?: unknown } }).EnvMap?.EnvMap,
      tags: [
        'env-map',
        'env-geojson-layer',
        'env-layer-switcher',
        'env-legend',
        'env-feed-status',
      ].map((t) => !!customElements.get(t)),
      scripts: [...document.scripts].map((s) => s.src.replace(location.origin, '')),
    }));
    assert.equal(result.global, 'function');
    assert.deepEqual(result.tags, [true, true, true, true, true]);
    assert.deepEqual(result.scripts, ['/dist/envmap.iife.js']);
    // The large parts load on first use from beside the script: the base map's data (drawn
    // here), not the MQTT client, the GeoTIFF reader or the chart code (not used here).
    await page.waitForFunction(
      () =>
        (document.querySelector('env-map') as unknown as { renderComplete?: boolean })
          ?.renderComplete === true,
      undefined,
      { timeout: 30000 },
    );
    const parts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name).pathname)
        .filter((p) => p.startsWith('/dist/envmap-parts/')),
    );
    assert.deepEqual(parts, ['/dist/envmap-parts/basemap-data.js']);
    // proj4 too: a Gauss-Krüger view loads it, and then the map shows that projection and the
    // global's synchronous transforms work.
    const zone = await page.evaluate(async () => {
      const kit = (window as unknown as { EnvMap: Record<string, (...a: unknown[]) => unknown> })
        .EnvMap;
      const before = kit.proj4Loaded!();
      let early = '';
      try {
        kit.lonLatTransform!('EPSG:4547');
      } catch (e) {
        early = (e as Error).message;
      }
      const map = document.querySelector('env-map') as unknown as HTMLElement & {
        projection: string;
        viewProjection: string;
      };
      map.projection = 'EPSG:4547';
      const start = Date.now();
      while (map.viewProjection !== 'EPSG:4547' && Date.now() - start < 15000)
        await new Promise((r) => setTimeout(r, 50));
      const t = kit.lonLatTransform!('EPSG:4547') as {
        fromLonLat(p: [number, number]): [number, number];
      };
      return {
        before,
        early,
        view: map.viewProjection,
        x: t.fromLonLat([114, 30])[0],
        parts: performance
          .getEntriesByType('resource')
          .map((e) => new URL(e.name).pathname)
          .filter((p) => p.startsWith('/dist/envmap-parts/')),
      };
    });
    assert.equal(zone.before, false, 'proj4 was loaded before anything needed it');
    assert.match(zone.early, /proj4 is not loaded yet/);
    assert.equal(zone.view, 'EPSG:4547');
    assert.ok(Math.abs(zone.x - 500000) < 1e-6, `central meridian 114° at x 500000, got ${zone.x}`);
    assert.deepEqual(zone.parts, [
      '/dist/envmap-parts/basemap-data.js',
      '/dist/envmap-parts/proj4.js',
    ]);
    await page.close();
  });

  it('handan.html: the simulated incident listed around, its spill traced downstream; a click on the real NHDPlus network traces upstream', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`${base}/handan.html`);
    // The retained incident reaches the page: people per ring, and the spill traced downstream.
    const panel = await page.waitForFunction(
      () => {
        const el = document.querySelector('#emergency') as unknown as {
          summary?: { people: Array<{ population: number }> } | null;
          downstream?: { arrivals: unknown[] } | null;
        } | null;
        const rows = document
          .querySelector('env-emergency-panel')
          ?.shadowRoot?.querySelectorAll('tr');
        return el?.summary && el.downstream && rows?.length === 2
          ? {
              arrivals: el.downstream.arrivals.length,
              text: document.querySelector('env-emergency-panel')!.shadowRoot!.textContent,
            }
          : null;
      },
      undefined,
      { timeout: 20000 },
    );
    const { arrivals, text } = (await panel.jsonValue()) as { arrivals: number; text: string };
    assert.ok(arrivals > 0, 'the spill reaches sections or intakes');
    assert.match(text, /危化品泄漏（模拟）/);
    // The real network: a click on a reach traces upstream and the list says so.
    const map = page.locator('env-map#newhope');
    await page.waitForFunction(
      () =>
        (document.querySelector('#newhope-river') as unknown as { network?: { size: number } })
          .network?.size === 746,
      undefined,
      { timeout: 20000 },
    );
    // A click on the middle of the outlet reach (COMID 8897784).
    const at = await page.evaluate(async () => {
      const fc = (await (await fetch('/data/new-hope-nhdplus.geojson')).json()) as {
        features: Array<{ properties: { COMID: number }; geometry: { coordinates: number[][][] } }>;
      };
      // A MultiLineString of one line.
      const line = fc.features.find((f) => f.properties.COMID === 8897784)!.geometry
        .coordinates[0]!;
      const [lon, lat] = line[Math.floor(line.length / 2)]!;
      const R = 6378137;
      const x = (lon! * Math.PI * R) / 180;
      const y = R * Math.log(Math.tan(Math.PI / 4 + (lat! * Math.PI) / 360));
      const el = document.querySelector('env-map#newhope') as unknown as HTMLElement & {
        map: { getPixelFromCoordinate(c: number[]): number[]; renderSync(): void };
      };
      el.scrollIntoView();
      el.map.renderSync();
      const [px, py] = el.map.getPixelFromCoordinate([x, y]);
      const rect = el.getBoundingClientRect();
      return [rect.left + px!, rect.top + py!];
    });
    await page.mouse.click(at[0]!, at[1]!);
    const reaches = await page.waitForFunction(
      () =>
        (
          document.querySelector('#newhope-river') as unknown as {
            result: { reaches: number } | null;
          }
        ).result?.reaches ?? null,
      undefined,
      { timeout: 10000 },
    );
    assert.ok(((await reaches.jsonValue()) as number) > 1);
    await page.waitForFunction(
      () =>
        /个河段/.test(
          document.querySelector('env-trace-list[for="newhope"]')?.shadowRoot?.textContent ?? '',
        ),
      undefined,
      { timeout: 10000 },
    );
    assert.ok(await map.isVisible());
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('hunan.html: a week of simulated meter readings judged in the worker, every anomaly kind on the map, the chart of an enterprise', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`${base}/hunan.html`);
    const judged = await page.waitForFunction(
      () => {
        const el = document.querySelector('#enterprises') as unknown as {
          anomalies: Array<{ kind: string; enterpriseId: string }>;
          states: Map<string, string>;
          stats?: { used: number };
        } | null;
        if (!el?.stats || el.anomalies.length === 0) return null;
        return {
          kinds: [...new Set(el.anomalies.map((a) => a.kind))].sort(),
          states: [...el.states.values()],
          used: el.stats.used,
          first: el.anomalies.find((a) => a.kind === 'treatment-off')?.enterpriseId,
        };
      },
      undefined,
      { timeout: 30000 },
    );
    const { kinds, states, used, first } = (await judged.jsonValue()) as {
      kinds: string[];
      states: string[];
      used: number;
      first: string;
    };
    assert.deepEqual(kinds, [
      'no-data',
      'restricted-production',
      'treatment-off',
      'unmetered-load',
    ]);
    assert.ok(used > 100_000, `${used} readings used`);
    assert.equal(states.length, 48);
    assert.ok(states.filter((s) => s === 'normal').length > 24, 'most enterprises are normal');
    // Choosing an enterprise in the chart's list draws its production and treatment power.
    await page.evaluate((id) => {
      const chart = document.querySelector('env-power-chart')!;
      const select = chart.shadowRoot!.querySelector('select')!;
      select.value = id;
      select.dispatchEvent(new Event('change'));
    }, first);
    await page.waitForFunction(
      () =>
        document
          .querySelector('env-power-chart')
          ?.shadowRoot?.querySelector('path.series.treatment')
          ?.getAttribute('d')
          ?.startsWith('M'),
      undefined,
      { timeout: 10000 },
    );
    // Zones hold their counts of anomalous enterprises.
    const counted = await page.evaluate(() => {
      const zones = document.querySelector('#zones') as unknown as {
        valueFor(id: string): number | undefined;
      };
      return zones.valueFor('371700');
    });
    assert.ok((counted ?? 0) >= 1, `city count ${counted}`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('xuzhou.html: six weeks of simulated cases reach a late page; a step asked for on the board comes back on the feed', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`${base}/xuzhou.html`);
    const loaded = await page.waitForFunction(
      () => {
        const el = document.querySelector('#clues') as unknown as {
          board: { size: number; list(f?: object): Array<{ id: string; status: string }> };
          refused: unknown[];
        } | null;
        if (!el || el.board.size < 600) return null;
        const discovered = el.board.list({ status: ['discovered'] })[0];
        return { size: el.board.size, refused: el.refused.length, id: discovered?.id };
      },
      undefined,
      { timeout: 30000 },
    );
    const { size, refused, id } = (await loaded.jsonValue()) as {
      size: number;
      refused: number;
      id: string;
    };
    assert.ok(size >= 600, `${size} cases`);
    assert.equal(refused, 0);
    assert.ok(id, 'a case still to dispatch');
    // Dispatch it with the board's button: posted to the server, back on the feed, applied.
    await page.evaluate((caseId) => {
      const el = document.querySelector('#clues') as unknown as HTMLElement & {
        select(id: string): boolean;
        updateComplete: Promise<unknown>;
      };
      el.select(caseId);
      return el.updateComplete;
    }, id);
    await page.evaluate(() =>
      (
        document
          .querySelector('#clues')!
          .shadowRoot!.querySelector('.steps button[data-to=dispatched]') as HTMLButtonElement
      ).click(),
    );
    await page.waitForFunction(
      (caseId) =>
        (
          document.querySelector('#clues') as unknown as {
            board: { get(id: string): { status: string } | undefined };
          }
        ).board.get(caseId)?.status === 'dispatched',
      id,
      { timeout: 10000 },
    );
    // The map and the figures follow the board.
    const figures = await page.evaluate(() => {
      const stats = document.querySelector('env-clue-stats')!.shadowRoot!;
      return stats.querySelectorAll('tbody tr').length;
    });
    assert.ok(figures >= 6, `${figures} rows of figures`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('jian.html: the simulated fleet live with its patrol areas, real flight logs replayed on their own slider', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`${base}/jian.html`);
    const live = page.locator('env-track-list#live-list');
    const rows = live.locator('tbody tr');
    await page.waitForFunction(
      () =>
        document
          .querySelector('env-track-list#live-list')
          ?.shadowRoot?.querySelectorAll('tbody tr[data-id^="JA-"]').length === 5,
      undefined,
      { timeout: 20000 },
    );
    const text = await rows.allTextContents();
    assert.equal(text.filter((t) => t.includes('模拟无人机')).length >= 3, true, text.join('\n'));
    assert.equal(text.filter((t) => t.includes('模拟无人船')).length, 2, text.join('\n'));
    assert.ok(
      text.every((t) => t.includes('模拟')),
      'every live vehicle says it is simulated',
    );
    // The patrol areas and the river route are drawn (retained missions reach a late page).
    const missions = await page.waitForFunction(
      () => {
        const el = document.querySelector('#map env-tracks') as unknown as {
          patrols?: {
            layer: { getSource(): { getFeatures(): Array<{ get(k: string): string }> } };
          };
        };
        const kinds = el?.patrols?.layer
          .getSource()
          .getFeatures()
          .map((f) => f.get('kind'));
        return kinds && kinds.filter((k) => k === 'area').length >= 3 ? kinds : null;
      },
      undefined,
      { timeout: 20000 },
    );
    const kinds = (await missions.jsonValue()) as string[];
    assert.ok(kinds.includes('route'), 'the boats’ river route');
    // The live slider spans what the fleet has sent (replay of the live tracks).
    await page.waitForFunction(
      () =>
        (document.querySelector('env-time-slider[for="map"]') as unknown as { time: number | null })
          ?.time !== null,
      undefined,
      { timeout: 10000 },
    );

    // Replay: six files listed; choosing another recording moves the slider to its span.
    const replayList = page.locator('env-track-list[for="replay"]');
    await page.waitForFunction(
      () =>
        document
          .querySelector('env-track-list[for="replay"]')
          ?.shadowRoot?.querySelectorAll('tbody tr').length === 6,
      undefined,
      { timeout: 20000 },
    );
    await page.waitForFunction(
      () =>
        (
          document.querySelector('env-time-slider[for="replay"]') as unknown as {
            time: number | null;
          }
        )?.time === Date.parse('2011-04-19T17:07:53Z'),
      undefined,
      { timeout: 10000 },
    );
    await replayList.locator('tr[data-id="mavic_pro.SRT"] button').click();
    await page.waitForFunction(
      () =>
        (
          document.querySelector('env-time-slider[for="replay"]') as unknown as {
            time: number | null;
          }
        )?.time === Date.parse('2017-08-05T06:19:39Z'),
      undefined,
      { timeout: 10000 },
    );
    assert.equal(
      await page.locator('#records').getAttribute('follow'),
      'mavic_pro.SRT',
      'the map follows the chosen recording',
    );
    assert.match((await page.locator('#track-selection').textContent())!, /mavic_pro\.SRT/);
    await page.screenshot({ path: `${shots}/jian-replay.png` });
    assert.notEqual(
      await page.evaluate(
        () =>
          (
            document.querySelector('env-time-slider[for="map"]') as unknown as {
              time: number | null;
            }
          ).time,
      ),
      null,
      'the live slider keeps its span while a recording is replayed',
    );
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('command-center.html shows the stations layer and slotted widgets, keyboard included', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/command-center.html`);
    await page.waitForFunction(
      () =>
        (document.querySelector('env-map') as unknown as { renderComplete?: boolean })
          ?.renderComplete === true,
    );
    const legend = page.locator('env-legend');
    await legend.getByText('国控空气站').waitFor();
    await page
      .locator('env-map')
      .evaluate((el) => (el.shadowRoot!.querySelector('.map') as HTMLElement).focus());
    const before = await page
      .locator('env-map')
      .evaluate(
        (el) => (el as unknown as { getViewState(): { zoom: number } }).getViewState().zoom,
      );
    await page.keyboard.press('+');
    await page.waitForFunction(
      (z) =>
        (
          document.querySelector('env-map') as unknown as { getViewState(): { zoom: number } }
        ).getViewState().zoom >
        z + 0.5,
      before,
    );
    await page.close();
  });

  it('command-center.html: camera viewsheds over the simulated DEM in a worker, alarms listed, a cross-bearing fix', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${base}/command-center.html`);
    const state = () =>
      page.evaluate(() => {
        const el = document.querySelector('env-camera-viewsheds') as unknown as {
          layer?: {
            getCameras(): Array<{ id: string }>;
            getViewshed(id: string): { km2: number } | undefined;
            getFixes(): unknown[];
          };
        };
        const layer = el?.layer;
        const list = document.querySelector('env-alarm-list')!.shadowRoot!;
        return {
          areas: (layer?.getCameras() ?? []).map((c) => layer!.getViewshed(c.id)?.km2 ?? 0),
          fixes: layer?.getFixes().length ?? 0,
          items: list.querySelectorAll('li').length,
          links: [...list.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        };
      });
    await page.waitForFunction(
      () => {
        const el = document.querySelector('env-camera-viewsheds') as unknown as {
          layer?: {
            getCameras(): Array<{ id: string }>;
            getViewshed(id: string): unknown;
            getFixes(): unknown[];
          };
        };
        const layer = el?.layer;
        const cams = layer?.getCameras() ?? [];
        // Random single alarms of the two facing towers can cross too: wait for the simulator's
        // fire seen by both, the alarms that carry snapshots.
        const links = document.querySelector('env-alarm-list')?.shadowRoot?.querySelectorAll('a');
        return (
          cams.length === 3 &&
          cams.every((c) => layer!.getViewshed(c.id)) &&
          layer!.getFixes().length > 0 &&
          (links?.length ?? 0) > 0
        );
      },
      undefined,
      { timeout: 30000 },
    );
    const s = await state();
    for (const km2 of s.areas) assert.ok(km2 > 0.5 && km2 <= (Math.PI * 9) / 6, `${s.areas}`);
    assert.ok(s.items > 1, `${s.items} alarms listed`);
    assert.ok(
      s.links.length > 0 && s.links.every((h) => h!.includes('/data/snapshots/')),
      `${s.links}`,
    );
    assert.deepEqual(problems, []);
    await page.close();
  });

  for (const transport of ['sse', 'ws', 'mqtt', 'poll', 'sensorthings']) {
    it(`command-center.html receives the simulated feed over ${transport} in the browser`, async () => {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`${base}/command-center.html?transport=${transport}`);
      await page.waitForFunction(
        (t) => {
          const map = document.querySelector('env-map') as unknown as {
            feed?: { status: string; stats: { applied: number }; options: { transport: string } };
          };
          return (
            map?.feed?.options.transport === t &&
            map.feed.status === 'open' &&
            map.feed.stats.applied > 50
          );
        },
        transport,
        { timeout: 20000 },
      );
      const result = await page.evaluate(() => {
        const map = document.querySelector('env-map') as unknown as {
          feed: { stats: { rejected: number } };
        };
        const widget = document.querySelector('env-feed-status')!.shadowRoot!;
        return {
          rejected: map.feed.stats.rejected,
          status: widget.querySelector('[part="status"]')!.textContent!.trim(),
        };
      });
      assert.equal(result.rejected, 0);
      assert.equal(result.status, '已连接');
      // The AQI grid is drawn from the feed's stations, clipped to the city.
      const grid = await page.waitForFunction(
        () => {
          const el = document.querySelector('env-station-grid') as unknown as {
            layer?: { getResult(): { inside: number; values: Float32Array } | null };
            history: { stations(): unknown[] };
          };
          const result = el?.layer?.getResult();
          return result
            ? {
                stations: el.history.stations().length,
                inside: result.inside,
                cells: result.values.length,
              }
            : null;
        },
        undefined,
        { timeout: 20000 },
      );
      const { stations, inside, cells } = (await grid.jsonValue())!;
      assert.ok(stations >= 20, `${stations} stations`);
      assert.ok(inside > cells * 0.3 && inside < cells, `${inside} of ${cells} cells in the city`);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});
