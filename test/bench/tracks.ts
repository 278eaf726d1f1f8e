// Tracks: 5,000 vehicles with 600-point trails around Ji'an, then 5,000 position messages a
// second, drawn in Chromium at 1920 x 1080 by (a) a plain OpenLayers VectorLayer, (b) deck.gl's
// TripsLayer and (c) the kit's TrackLayer, one after the other, each in a fresh browser. Reports
// frame times (requestAnimationFrame deltas), the renderers' own per-frame work and the p95
// ratios, and checks from a screenshot of each that it drew something.
// TRACKS_BENCH_SECONDS (default 60) sets the timed part; TRACKS_BENCH_RENDERER (auto, webgl,
// canvas) the renderer TrackLayer is asked for; TRACKS_BENCH_PREFILL (push, setTrack) how
// TrackLayer gets the pre-filled trails; TRACKS_BENCH_ONLY (e.g. "ol,ours") runs only those
// contestants; TRACKS_BENCH_GL=llvmpipe uses Mesa's llvmpipe instead of SwiftShader for WebGL.
// Needs Debian's chromium.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.js';
import type { RunResult, TracksPage } from './tracks/harness.js';
import { bundle, page, serveFiles } from './tracks/server.js';

const SECONDS = Number(process.env.TRACKS_BENCH_SECONDS ?? 60);
const WARMUP_SECONDS = 2;
const RENDERER = process.env.TRACKS_BENCH_RENDERER ?? 'auto';
/** `push` (default: point by point, as a live feed) or `setTrack` (each trail whole, as a file). */
const PREFILL = process.env.TRACKS_BENCH_PREFILL === 'setTrack' ? 'setTrack' : 'push';
/**
 * WebGL in the headless browser: SwiftShader with the tests' flags (the default), or Mesa's
 * llvmpipe through ANGLE's GL backend ("llvmpipe", needs Debian's libegl-mesa0), another
 * software rasteriser that is faster on few cores.
 */
const GL = process.env.TRACKS_BENCH_GL ?? 'swiftshader';
const launchArgs =
  GL === 'llvmpipe'
    ? [
        ...chromiumArgs.filter((a) => a !== '--disable-gpu' && a !== '--enable-unsafe-swiftshader'),
        '--use-gl=angle',
        '--use-angle=gl-egl',
        '--ignore-gpu-blocklist',
      ]
    : chromiumArgs;
const launch = () => chromium.launch({ executablePath: chromiumPath(), args: launchArgs });
/** Comma-separated names (ol, deck, ours) to run only some contestants. */
const ONLY = process.env.TRACKS_BENCH_ONLY?.split(',');
const VIEWPORT = { width: 1920, height: 1080 };
/** How long one step (loading, setup, one frame, the screenshot) may take before giving up. */
const LONG_MS = 900_000;
/** A screenshot with fewer non-background pixels than this share counts as blank. */
const BLANK_SHARE = 0.001;
/** Goals of the issue: TrackLayer's p95 frame time at most these times the others'. */
const GOALS = { ol: 0.5, deck: 1.0 };

interface Entry {
  name: string;
  label: string;
  module: string;
  olCss: boolean;
  query?: string;
}

const CONTESTANTS: Entry[] = [
  { name: 'ol', label: '(a) OpenLayers VectorLayer', module: './ol-page.ts', olCss: true },
  { name: 'deck', label: '(b) deck.gl TripsLayer', module: './deck-page.ts', olCss: false },
  {
    name: 'ours',
    label: '(c) envmap TrackLayer',
    module: './ours-page.ts',
    olCss: true,
    query: `?renderer=${RENDERER}&prefill=${PREFILL}`,
  },
];

type Outcome =
  | { ok: true; result: RunResult; inked: number; shot: string; errors: string[] }
  | { ok: false; reason: string };

/** The version of the Chromium that ran the contestants. */
let chromiumVersion = '';

/** Rejects after `ms` with `what` timed out. */
function timeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Pixels of a PNG that are not the white page background, counted in a blank page. */
async function inkedPixels(browser: Browser, png: Buffer): Promise<number> {
  const blank = await browser.newPage();
  try {
    return await blank.evaluate(async (b64) => {
      const bitmap = await createImageBitmap(
        await (await fetch(`data:image/png;base64,${b64}`)).blob(),
      );
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const rgba = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
      let n = 0;
      for (let i = 0; i < rgba.length; i += 4) {
        if (rgba[i]! < 240 || rgba[i + 1]! < 240 || rgba[i + 2]! < 240) n++;
      }
      return n;
    }, png.toString('base64'));
  } finally {
    await blank.close();
  }
}

async function runOne(entry: Entry, base: string): Promise<Outcome> {
  const browser = await launch();
  chromiumVersion ||= browser.version();
  try {
    const tab = await browser.newPage({ viewport: VIEWPORT });
    const errors: string[] = [];
    // Rejects on the page's first uncaught error, so that a page that fails to load or set up
    // is reported at once rather than after LONG_MS.
    let failed: (e: Error) => void = () => {};
    const pageFailed = new Promise<never>((_, reject) => (failed = reject));
    pageFailed.catch(() => {});
    tab.on('pageerror', (e) => {
      errors.push(e.message);
      failed(e);
    });
    tab.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await tab.goto(`${base}/${entry.name}.html${entry.query ?? ''}`);
    // A page whose first frames keep the GPU busy can block its main thread for minutes.
    await timeout(
      Promise.race([
        tab.waitForFunction(() => 'tracksBench' in window, undefined, {
          polling: 100,
          timeout: 0,
        }),
        pageFailed,
      ]),
      LONG_MS,
      'loading the page',
    ).catch((e: Error) => {
      throw new Error(`loading failed: ${errors[0] ?? e.message}`);
    });
    try {
      await timeout(
        Promise.race([
          tab.evaluate(() => (window as unknown as { tracksBench: TracksPage }).tracksBench.ready),
          pageFailed,
        ]),
        LONG_MS,
        'setup',
      );
    } catch (e) {
      return { ok: false, reason: `setup failed: ${(e as Error).message.split('\n')[0]}` };
    }
    const result = await timeout(
      tab.evaluate(
        ([s, w]) => (window as unknown as { tracksBench: TracksPage }).tracksBench.run(s, w),
        [SECONDS, WARMUP_SECONDS] as const,
      ),
      (SECONDS + WARMUP_SECONDS) * 1000 + 2 * LONG_MS,
      'the timed run',
    );
    await tab.waitForTimeout(500); // let the last frame's data reach the screen
    const shot = join(tmpdir(), `envmap-tracks-${entry.name}.png`);
    const png = await tab.screenshot({ timeout: LONG_MS });
    writeFileSync(shot, png);
    return { ok: true, result, inked: await inkedPixels(browser, png), shot, errors };
  } finally {
    await browser.close();
  }
}

/** The commit the pages were bundled from, and whether layers/ differed from it. */
function revision(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    const dirty = git('status', '--porcelain', '--', 'layers').length > 0;
    return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes in layers/' : ''}`;
  } catch {
    return 'commit unknown';
  }
}

const sorted = (xs: number[]) => Float64Array.from(xs).sort();
/** Nearest-rank percentile of ascending `xs`. */
const pct = (xs: Float64Array, p: number) =>
  xs.length ? xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]! : NaN;
const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 1 : 0)} ms` : 'n/a');
const int = (x: number) => Math.round(x).toLocaleString('en');
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');

/** Runs the three contestants one after the other; returns the report as markdown. */
export async function tracksReport(): Promise<string> {
  const started = performance.now();
  const loadBefore = load();
  const bundled = revision();
  const files = new Map<string, string>();
  const unbuilt = new Map<string, string>();
  for (const entry of CONTESTANTS) {
    try {
      files.set(`${entry.name}.js`, await bundle(entry.module));
      files.set(`${entry.name}.html`, page(entry.name, entry.olCss));
    } catch (e) {
      const errors = (e as { errors?: { text: string }[] }).errors;
      unbuilt.set(entry.name, `bundling failed: ${errors?.[0]?.text ?? (e as Error).message}`);
    }
  }
  const server = await serveFiles(files);
  const outcomes = new Map<string, Outcome>();
  try {
    for (const entry of CONTESTANTS) {
      if (ONLY && !ONLY.includes(entry.name)) {
        outcomes.set(entry.name, { ok: false, reason: 'not in TRACKS_BENCH_ONLY' });
        continue;
      }
      const why = unbuilt.get(entry.name);
      if (why) {
        outcomes.set(entry.name, { ok: false, reason: why });
        continue;
      }
      try {
        outcomes.set(entry.name, await runOne(entry, server.url));
      } catch (e) {
        outcomes.set(entry.name, { ok: false, reason: (e as Error).message.split('\n')[0]! });
      }
    }
  } finally {
    await server.close();
  }
  if (!chromiumVersion) {
    const browser = await launch();
    chromiumVersion = browser.version();
    await browser.close();
  }

  const rows: string[] = [];
  const notes: string[] = [];
  const p95 = new Map<string, number>();
  const blank = new Set<string>();
  let webgl = '';
  for (const entry of CONTESTANTS) {
    const o = outcomes.get(entry.name)!;
    if (!o.ok) {
      rows.push(`| ${entry.label} | not run: ${o.reason.replaceAll('|', '\\|')} |||||||||`);
      continue;
    }
    const r = o.result;
    webgl ||= r.webgl;
    const frames = sorted(r.frames);
    const renders = sorted(r.renders);
    const updates = sorted(r.updates);
    p95.set(entry.name, pct(frames, 95));
    const share = o.inked / (VIEWPORT.width * VIEWPORT.height);
    if (share < BLANK_SHARE) blank.add(entry.name);
    rows.push(
      `| ${entry.label} | ${int(r.frames.length)} (${(r.frames.length / r.seconds).toFixed(1)}/s) | ` +
        `${ms(pct(frames, 50))} | ${ms(pct(frames, 95))} | ${ms(pct(frames, 99))} | ` +
        `${ms(frames[frames.length - 1] ?? NaN)} | ` +
        `${ms(pct(renders, 50))} / ${ms(pct(renders, 95))} | ` +
        `${ms(pct(updates, 50))} / ${ms(pct(updates, 95))} | ` +
        `${(r.setupMs / 1000).toFixed(1)} s | ${(100 * share).toFixed(1)} %` +
        `${blank.has(entry.name) ? ' BLANK' : ''} |`,
    );
    notes.push(
      `- ${entry.label}: ${r.renderer}; ${int(r.messages)} messages in ${r.seconds.toFixed(1)} s ` +
        `(${int(r.messages / r.seconds)}/s); ${int(r.renders.length)} renders timed; ` +
        `JS heap ${r.heapMB.toFixed(0)} MB at the end; screenshot ${basename(o.shot)}` +
        (o.errors.length ? `; page errors: ${o.errors.slice(0, 3).join(' / ')}` : ''),
    );
  }
  const ratio = (name: 'ol' | 'deck') => {
    const ours = p95.get('ours');
    const theirs = p95.get(name);
    if (ours === undefined || theirs === undefined) return 'n/a (not measured)';
    if (blank.has('ours') || blank.has(name)) return 'n/a (a screenshot was blank)';
    const x = ours / theirs;
    return `${x.toFixed(2)}x (goal at most ${GOALS[name].toFixed(1)}x: ${x <= GOALS[name] ? 'met' : 'MISSED'})`;
  };
  const minutes = (performance.now() - started) / 60_000;
  return [
    `Chromium ${chromiumVersion} headless, ${VIEWPORT.width} x ${VIEWPORT.height}, ` +
      `WebGL renderer: ${webgl || 'n/a'}; ${availableParallelism()} CPUs; ` +
      `load average (1, 5, 15 min) ${loadBefore} before, ${load()} after.`,
    `5,000 vehicles x 600 pre-filled points, then 5,000 messages/s for ${SECONDS} s ` +
      `(after ${WARMUP_SECONDS} s of warm-up), each contestant in a fresh browser; ` +
      `TrackLayer renderer option: ${RENDERER}, pre-filled by ${PREFILL}; pages bundled from ${bundled}.`,
    '',
    '| contestant | frames | p50 | p95 | p99 | max | own render work p50 / p95 | message handling per frame p50 / p95 | setup | non-background pixels |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `p95 frame time, TrackLayer / OpenLayers: ${ratio('ol')}; TrackLayer / deck.gl: ${ratio('deck')}.`,
    '',
    ...notes,
    '',
    `Frame times: deltas between requestAnimationFrame callbacks. Own render work: OpenLayers maps ` +
      `from precompose to postcompose; deck.gl its animation-frame callback (layer updates, ` +
      `attribute uploads, draw calls); main thread only, the GPU process's work is not in it. ` +
      `Message handling: the contestant's API calls for the frame's messages (for deck.gl ` +
      `including setProps). Screenshots: envmap-tracks-*.png in the OS temp folder. ` +
      `Whole run: ${minutes.toFixed(1)} min.`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(await tracksReport());
}
