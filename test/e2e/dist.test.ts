// The built package: entry points, side effects and the Node-importable core.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));

/** Runs a module snippet in a fresh Node process from the project root and returns its output. */
function node(code: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: root,
    encoding: 'utf8',
  });
}

/** The script tag's budget: envmap.iife.js at most this many bytes gzip (level 9). */
export const SCRIPT_BUDGET_BYTES = 300_000;

describe('dist', () => {
  it(`envmap.iife.js is at most ${SCRIPT_BUDGET_BYTES / 1000} KB gzip; the large parts are files of their own`, () => {
    const script = readFileSync(`${root}/dist/envmap.iife.js`);
    const gzip = gzipSync(script, { level: 9 }).length;
    assert.ok(
      gzip <= SCRIPT_BUDGET_BYTES,
      `envmap.iife.js is ${gzip} bytes gzip, over the budget of ${SCRIPT_BUDGET_BYTES}: load the new large part on first use (LAZY_PARTS in rollup.config.js)`,
    );
    // Each large library is in a part, not in the script: text only it carries says where it is.
    const text = script.toString('utf8');
    const parts = (prefix: string) =>
      readdirSync(`${root}/dist/envmap-parts`)
        .filter((f) => f.startsWith(prefix) && f.endsWith('.js'))
        .map((f) => readFileSync(`${root}/dist/envmap-parts/${f}`, 'utf8'))
        .join('\n');
    for (const [part, marker] of [
      ['mqtt', 'mqtt-packet'],
      ['proj4', 'Lambert_Conformal_Conic_2SP'],
      ['geotiff', 'LERC'],
      ['charts', 'Saturday'], // d3-time-format's locale
    ] as const) {
      assert.ok(parts(part).includes(marker), `part ${part} lacks ${marker}`);
      assert.ok(!text.includes(marker), `${part} (${marker}) is inlined in envmap.iife.js`);
    }
  });

  it('has every file package.json points to', () => {
    for (const entry of Object.values(pkg.exports) as Array<string | Record<string, string>>) {
      for (const file of typeof entry === 'string' ? [entry] : Object.values(entry)) {
        assert.ok(existsSync(`${root}/${file}`), `${file} is missing`);
      }
    }
    assert.ok(existsSync(`${root}/custom-elements.json`));
  });

  it('core.js imports in Node with no DOM and no OpenLayers or Lit', () => {
    const out = node(`
      const core = await import('./dist/core.js');
      console.log(JSON.stringify({ window: typeof window, document: typeof document, gcj: core.wgs84ToGcj02([115.48, 35.23]).map((v) => v.toFixed(4)) }));
    `);
    assert.deepEqual(JSON.parse(out), {
      window: 'undefined',
      document: 'undefined',
      gcj: ['115.4858', '35.2296'],
    });
    const text = readFileSync(`${root}/dist/core.js`, 'utf8');
    assert.doesNotMatch(text, /from ['"](ol|lit|@lit)/);
  });

  it('index.js registers nothing; define.js registers every element', () => {
    const out = node(`
      const kit = await import('./dist/index.js');
      const before = ['env-map', 'env-legend'].map((t) => customElements.get(t) === undefined);
      await import('./dist/define.js');
      const after = Object.keys(kit.ELEMENTS).filter((t) => customElements.get(t) !== kit.ELEMENTS[t]);
      console.log(JSON.stringify({ before, after, tags: Object.keys(kit.ELEMENTS).sort() }));
    `);
    const result = JSON.parse(out);
    assert.deepEqual(result.before, [true, true]);
    assert.deepEqual(result.after, [], 'elements define.js did not register');
    assert.deepEqual(result.tags, [
      'env-alarm-list',
      'env-camera-viewsheds',
      'env-clue-board',
      'env-clue-map',
      'env-clue-stats',
      'env-emergency',
      'env-emergency-panel',
      'env-enterprises',
      'env-feed-status',
      'env-geojson-layer',
      'env-hotspot-list',
      'env-layer-switcher',
      'env-legend',
      'env-map',
      'env-power-chart',
      'env-radar',
      'env-ranking-table',
      'env-river-trace',
      'env-source-trace',
      'env-station-chart',
      'env-station-grid',
      'env-time-slider',
      'env-trace-list',
      'env-track-list',
      'env-tracks',
      'env-zone-ranking',
      'env-zones',
    ]);
  });

  it('the worker modules are self-contained: a worker cannot resolve bare imports', () => {
    for (const name of ['grid-worker', 'viewshed-worker', 'power-worker']) {
      const text = readFileSync(`${root}/dist/${name}.js`, 'utf8');
      assert.equal(
        /\bfrom\s*["'](?![./])/.test(text) || /\bimport\s*["'](?![./])/.test(text),
        false,
        name,
      );
      assert.match(text, /onmessage/);
    }
  });

  it('ships type declarations for each entry', () => {
    for (const name of ['index', 'define', 'core']) {
      const dts = readFileSync(`${root}/dist/${name}.d.ts`, 'utf8');
      const target = /from '(.+)'/.exec(dts)![1].replace(/\.js$/, '.d.ts');
      assert.ok(existsSync(`${root}/dist/${target}`), `${name}.d.ts points to a missing ${target}`);
    }
  });

  it('custom-elements.json documents every element with its events, slots and parts', () => {
    const manifest = JSON.parse(readFileSync(`${root}/custom-elements.json`, 'utf8'));
    const elements = new Map<
      string,
      { attributes?: unknown[]; events?: unknown[]; slots?: unknown[]; cssParts?: unknown[] }
    >();
    for (const m of manifest.modules) {
      for (const d of m.declarations ?? []) if (d.tagName) elements.set(d.tagName, d);
    }
    for (const tag of [
      'env-map',
      'env-geojson-layer',
      'env-layer-switcher',
      'env-legend',
      'env-feed-status',
    ]) {
      assert.ok(elements.has(tag), `${tag} is not in the manifest`);
    }
    const map = elements.get('env-map')!;
    assert.ok((map.attributes ?? []).length >= 7);
    assert.ok((map.events ?? []).length >= 4);
    assert.equal((map.slots ?? []).length, 5);
    assert.ok((map.cssParts ?? []).length >= 1);
  });
});
