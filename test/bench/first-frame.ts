// First full frame: the command-centre page (demo/pages/command-center.html, served by the demo
// server from dist/ after `npm run build`) against a bare OpenLayers page drawing the same
// offline base map (test/bench/first-frame/bare-page.ts), in one Chromium, 1920 x 1080, same
// centre and zoom, the map of the bare page as large as <env-map> is on the command-centre page.
// The two pages alternate (the first of each pair swaps every time), each load in a fresh
// browser context (cold cache), after one warm-up load of each that is not counted.
// "First full frame": the first `env-render-complete` of <env-map>, and the first
// `rendercomplete` of the bare page's map; `performance.now()` there, milliseconds since
// navigation start. FIRST_FRAME_RUNS (default 7) sets the runs of each page.
// Needs Debian's chromium and a build (dist/demo/command-center.js, the page's script).
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { startDemo } from '../../demo/server/demo.js';
import { chromiumArgs, chromiumPath } from '../chromium.js';
import type { BareFirstFrame } from './first-frame/bare-page.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const RUNS = Number(process.env.FIRST_FRAME_RUNS ?? 7);
const VIEWPORT = { width: 1920, height: 1080 };
/** Goal: the command-centre page's first full frame at most this many times the bare page's. */
const GOAL = 1.3;
/** Longest wait for one page's first frame. */
const WAIT_MS = 60_000;

/** What one load measured: the first frame and what the page had fetched by then. */
interface Frame {
  ms: number;
  features: number;
  layers: number;
  width: number;
  height: number;
  requests: number;
  kb: number;
  /** The response that ended last before the frame: path and milliseconds. */
  last: [string, number];
  /** Main-thread long tasks (over 50 ms) begun before the frame: their total, milliseconds. */
  busy: number;
}

/** The bare page's module, bundled as the tracks benchmark bundles its pages. */
async function barePage(): Promise<Map<string, string>> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./first-frame/bare-page.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
    // OfflineBaseLayer (imported for its palette only) loads the data on first use: not here.
    loader: { '.geojson': 'empty' },
  });
  const olCss = readFileSync(require.resolve('ol/ol.css'), 'utf8');
  const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>bare OpenLayers: offline base map</title>
<style>${olCss}
html, body { margin: 0; padding: 0; background: #060d17; overflow: hidden; }
#map { position: relative; overflow: hidden; }
</style></head>
<body><div id="map"></div><script type="module" src="/bare.js"></script></body></html>`;
  return new Map([
    ['bare.html', html],
    ['bare.js', result.outputFiles[0]!.text],
    ['basemap.geojson', readFileSync(`${root}/layers/basemap/data/basemap.geojson`, 'utf8')],
  ]);
}

const TYPES: Record<string, string> = {
  html: 'text/html',
  js: 'text/javascript',
  geojson: 'application/geo+json',
};

/** Serves `files` on a random loopback port, uncached, as the demo server serves its files. */
async function serve(files: Map<string, string>) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
    const body = files.get(path);
    if (body === undefined) return void res.writeHead(404).end();
    const type = TYPES[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-cache' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Runs in both pages before their scripts: keeps the main thread's long tasks. */
function watchLongTasks() {
  const w = window as unknown as { longTasks: Array<[number, number]> };
  w.longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
}

/**
 * Runs in the command-centre page before its scripts: notes the first `env-render-complete`
 * (bubbling and composed, so the document sees it) with the map's state at that moment.
 */
function watchKit() {
  const w = window as unknown as { firstFrame?: object };
  document.addEventListener(
    'env-render-complete',
    (event) => {
      if (w.firstFrame) return;
      const ms = performance.now();
      const el = event.target as HTMLElement & {
        map: {
          getAllLayers(): Array<{
            get(key: string): unknown;
            getSource(): { getFeatures?(): unknown[] } | null;
          }>;
        };
      };
      const layers = el.map.getAllLayers();
      const base = layers.find((l) => l.get('envBasemap') !== undefined);
      w.firstFrame = {
        ms,
        features: base?.getSource()?.getFeatures?.().length ?? 0,
        layers: layers.length,
        width: el.clientWidth,
        height: el.clientHeight,
      };
    },
    true,
  );
}

/** Loads `url` in a fresh context and returns its first frame. */
async function load(browser: Browser, url: string, kit: boolean): Promise<Frame> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(watchLongTasks);
    if (kit) await page.addInitScript(watchKit);
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page
      .waitForFunction(() => (window as unknown as { firstFrame?: object }).firstFrame, undefined, {
        timeout: WAIT_MS,
        polling: 50,
      })
      .catch((e: Error) => {
        throw new Error(`${url}: no first frame (${errors[0] ?? e.message.split('\n')[0]})`);
      });
    // The bare page's report (BareFirstFrame), or the kit's with its layer count.
    const frame = (await handle.jsonValue()) as BareFirstFrame & { layers?: number };
    // What the page had fetched by its first frame (the document included).
    const fetched = await page.evaluate(async (at) => {
      // Long tasks are reported a little after they end.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const tasks = (window as unknown as { longTasks: Array<[number, number]> }).longTasks;
      const entries = [
        ...performance.getEntriesByType('navigation'),
        ...performance.getEntriesByType('resource'),
      ] as PerformanceResourceTiming[];
      // Responses still open (the feed's event stream) have no end yet.
      const before = entries.filter((e) => e.responseEnd > 0 && e.responseEnd <= at);
      const last = before.reduce((a, b) => (b.responseEnd > a.responseEnd ? b : a));
      return {
        requests: before.length,
        bytes: before.reduce((n, e) => n + (e.encodedBodySize || 0), 0),
        last: [new URL(last.name).pathname, last.responseEnd] as [string, number],
        busy: tasks.filter(([start]) => start < at).reduce((n, [, d]) => n + d, 0),
      };
    }, frame.ms);
    if (errors.length) throw new Error(`${url}: page error: ${errors[0]}`);
    return {
      ms: frame.ms,
      features: frame.features,
      layers: frame.layers ?? 1,
      width: frame.width,
      height: frame.height,
      requests: fetched.requests,
      kb: fetched.bytes / 1024,
      last: fetched.last,
      busy: fetched.busy,
    };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (x: number) => `${Math.round(x)} ms`;
const load1 = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');

/** Runs the benchmark; returns the report as Markdown. */
export async function firstFrameReport(): Promise<string> {
  if (!existsSync(`${root}/dist/demo/command-center.js`)) {
    return 'not run: dist/demo/command-center.js is missing (run `npm run build` first)';
  }
  const loadBefore = load1();
  const files = await barePage();
  const bare = await serve(files);
  const demo = await startDemo({ root, port: 0, tickMs: 0 });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  const kitUrl = `http://127.0.0.1:${demo.port}/command-center.html`;
  const kitRuns: Frame[] = [];
  const bareRuns: Frame[] = [];
  try {
    // Warm-up (not counted): the operating system's file cache, and <env-map>'s size.
    const warm = await load(browser, kitUrl, true);
    const bareUrl = `${bare.url}/bare.html?w=${warm.width}&h=${warm.height}`;
    await load(browser, bareUrl, false);
    for (let i = 0; i < RUNS; i++) {
      const pair = [
        async () => kitRuns.push(await load(browser, kitUrl, true)),
        async () => bareRuns.push(await load(browser, bareUrl, false)),
      ];
      if (i % 2) pair.reverse();
      for (const run of pair) await run();
    }
  } finally {
    await browser.close().catch(() => {});
    await demo.close();
    await bare.close();
  }
  const version = await chromium
    .launch({ executablePath: chromiumPath(), args: chromiumArgs })
    .then(async (b) => {
      const v = b.version();
      await b.close();
      return v;
    });
  const kitMs = median(kitRuns.map((r) => r.ms));
  const bareMs = median(bareRuns.map((r) => r.ms));
  const ratio = kitMs / bareMs;
  /** The run at the median (the lower one of an even count), for its details. */
  const atMedian = (runs: Frame[]) =>
    [...runs].sort((a, b) => a.ms - b.ms)[(runs.length - 1) >> 1]!;
  const lastOf = (runs: Frame[]) => {
    const [path, end] = atMedian(runs).last;
    return `the last response before it (median run) ${path}, ended at ${fmt(end)}`;
  };
  const row = (label: string, runs: Frame[]) => {
    const ms = runs.map((r) => r.ms);
    const r = runs[0]!;
    return (
      `| ${label} | ${fmt(median(ms))} | ${fmt(Math.min(...ms))} | ${fmt(Math.max(...ms))} | ` +
      `${r.width} x ${r.height} | ${r.layers} | ${r.features} | ` +
      `${median(runs.map((x) => x.requests))} / ${Math.round(median(runs.map((x) => x.kb)))} KB | ` +
      `${fmt(median(runs.map((x) => x.busy)))} |`
    );
  };
  return [
    `Chromium ${version} headless, viewport ${VIEWPORT.width} x ${VIEWPORT.height}; ` +
      `${availableParallelism()} CPUs; load average (1, 5, 15 min) ${loadBefore} before, ` +
      `${load1()} after.`,
    `${RUNS} loads of each page, alternating, each in a fresh browser context (cold cache), ` +
      `after one warm-up load of each; milliseconds from navigation start (performance.now()) ` +
      `to the first full frame; both served from 127.0.0.1. Requests, bytes and long tasks ` +
      `(main-thread tasks over 50 ms, summed) before the frame: medians.`,
    '',
    '| page | first full frame, median | min | max | map size | layers | base-map features | requests / bytes by then | long tasks by then |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('(a) bare OpenLayers: VectorLayer + GeoJSON', bareRuns),
    row('(b) envmap command-centre page', kitRuns),
    '',
    `First full frame, command-centre / bare OpenLayers: ${ratio.toFixed(2)}x ` +
      `(goal at most ${GOAL.toFixed(1)}x: ${ratio <= GOAL ? 'met' : 'MISSED'}).`,
    '',
    `- (a): ${bareRuns.map((r) => Math.round(r.ms)).join(', ')} ms; its map's first ` +
      '`rendercomplete`; the base map fetched as basemap.geojson, styled like OfflineBaseLayer; ' +
      `${lastOf(bareRuns)}.`,
    `- (b): ${kitRuns.map((r) => Math.round(r.ms)).join(', ')} ms; <env-map>'s first ` +
      '`env-render-complete` with every layer of the page (station grid, stations, camera ' +
      'viewsheds) and its widgets, the feed connected (demo server, clock stopped after one step); ' +
      `${lastOf(kitRuns)}.`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(await firstFrameReport());
}
