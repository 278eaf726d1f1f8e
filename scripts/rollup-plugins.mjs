// Rollup plugins of the kit's builds: asset imports, Node built-ins left out of browser bundles,
// and the script-tag build's parts loaded on first use (rollup.config.js uses them; the browser
// tests use cssModule and geojsonModule).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The module text for a stylesheet imported with `?inline`: its text as the default export. */
export const cssModule = (text) => `export default ${JSON.stringify(text)};`;

/** The module text for a `.geojson` import: the parsed object as the default export. */
export function geojsonModule(text) {
  JSON.parse(text); // fail on broken data
  return `export default JSON.parse(${JSON.stringify(text)});`;
}

/**
 * Asset imports (the browser tests do the same with cssModule and geojsonModule):
 * - `x.css?inline` becomes a module whose default export is the stylesheet text (OpenLayers'
 *   CSS goes into shadow roots that way, never through a <link>);
 * - `x.geojson` becomes a module whose default export is the parsed object.
 */
export function assetPlugins() {
  const INLINE = '?inline';
  return [
    {
      name: 'envmap-inline-css',
      resolveId(source, importer) {
        if (!source.endsWith('.css' + INLINE)) return null;
        const bare = source.slice(0, -INLINE.length);
        const from = createRequire(importer ?? resolve(root, 'package.json'));
        return from.resolve(bare) + INLINE;
      },
      load(id) {
        if (!id.endsWith('.css' + INLINE)) return null;
        const file = id.slice(0, -INLINE.length);
        this.addWatchFile(file);
        return cssModule(readFileSync(file, 'utf8'));
      },
    },
    {
      name: 'envmap-geojson',
      transform(code, id) {
        if (!id.endsWith('.geojson')) return null;
        return { code: geojsonModule(code), map: { mappings: '' } };
      },
    },
  ];
}

/**
 * For bundles that run in browsers: the Node built-ins that `geotiff` imports for its Node-only
 * HTTP and file sources become empty modules (browsers use its fetch and Blob sources).
 */
export function noNodeBuiltins() {
  const builtins = new Set(['http', 'https', 'url', 'fs']);
  const prefix = '\0envmap-empty:';
  return {
    name: 'envmap-no-node-builtins',
    resolveId: (source) => (builtins.has(source) ? prefix + source : null),
    load: (id) =>
      id.startsWith(prefix) ? { code: 'export default {};', syntheticNamedExports: true } : null,
  };
}

/**
 * The large parts the script-tag build loads on first use, each an ES module file in
 * dist/envmap-parts/ beside envmap.iife.js: the module a part stands for (as the kit's code
 * imports it dynamically) and the file's entry.
 */
export const LAZY_PARTS = {
  mqtt: { match: (source) => source === 'mqtt', entry: 'mqtt' },
  proj4: { match: (source) => source === 'proj4', entry: 'proj4' },
  geotiff: { match: (source) => source === 'geotiff', entry: 'geotiff' },
  charts: {
    match: (source, importer) =>
      source === './charts.js' && importer?.endsWith('/widgets/base/chart-loader.ts'),
    entry: resolve(root, 'widgets/base/charts.ts'),
  },
  'basemap-data': {
    match: (source) => source.endsWith('/basemap.geojson'),
    entry: resolve(root, 'layers/basemap/data/basemap.geojson'),
  },
};
const PART_PREFIX = 'envmap-part:';
const PROJ4_STATIC = '\0envmap-no-static-proj4';

/**
 * For the script-tag build: the dynamic imports of the lazy parts stay dynamic imports, of the
 * part's file resolved against the script's own URL (a classic script can `import()` a module),
 * so that a page downloads a part only when it uses it.
 */
export function lazyParts() {
  return {
    name: 'envmap-lazy-parts',
    resolveId(source, importer) {
      // The core's own copy of proj4 stays out: src/crs loads it on first use instead.
      if (source === './proj4-static.js' && importer?.includes('/src/crs/')) return PROJ4_STATIC;
      for (const [name, part] of Object.entries(LAZY_PARTS))
        if (part.match(source, importer)) return { id: PART_PREFIX + name, external: true };
      return null;
    },
    load: (id) => (id === PROJ4_STATIC ? 'export {};' : null),
    renderDynamicImport({ targetModuleId }) {
      if (!targetModuleId?.startsWith(PART_PREFIX)) return null;
      return { left: 'import(__envmapPart(', right: '))' };
    },
  };
}

/** Set once, while envmap.iife.js runs: where its parts are. */
export const PARTS_INTRO = `var __envmapBase = typeof document !== 'undefined' && document.currentScript && document.currentScript.src || (typeof location !== 'undefined' ? location.href : '');
function __envmapPart(id) { return new URL('./envmap-parts/' + id.slice(${PART_PREFIX.length}) + '.js', __envmapBase).href; }`;
