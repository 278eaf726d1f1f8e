// Browser tests of layers/ and widgets/ in Debian's Chromium (never a downloaded browser).
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { cssModule, geojsonModule } from './rollup.config.js';
import { chromiumPath, chromiumArgs } from './test/chromium.js';

const require = createRequire(import.meta.url);

/** Serves `x.css?inline` and `.geojson` imports (not fetches) as modules, as the rollup build does. */
const assets = {
  name: 'envmap-assets',
  resolveImport({ source }) {
    if (!source.endsWith('.css?inline')) return undefined;
    const file = require.resolve(source.slice(0, -'?inline'.length));
    return `/${relative(process.cwd(), file)}?inline`;
  },
  transform(context) {
    if (context.path.endsWith('.css') && context.URL.searchParams.has('inline')) {
      return { body: cssModule(context.body) };
    }
    // Imported `.geojson` becomes a module, as the build makes it; fetched, it stays GeoJSON.
    if (context.path.endsWith('.geojson') && context.get('sec-fetch-dest') === 'script')
      return { body: geojsonModule(context.body) };
    return undefined;
  },
};

/**
 * geotiff imports Node's http, https, url and fs for its Node-only sources; in the browser they
 * are empty modules (as the rollup builds make them), since browsers use its fetch and Blob sources.
 */
const NODE_BUILTINS = new Set(['http', 'https', 'url', 'fs']);
const noNodeBuiltins = {
  name: 'envmap-no-node-builtins',
  resolveImport: ({ source }) =>
    NODE_BUILTINS.has(source) ? `/__envmap-empty__/${source}.js` : undefined,
  serve: (context) =>
    context.path.startsWith('/__envmap-empty__/')
      ? { body: 'export default {};', type: 'js' }
      : undefined,
};

/**
 * A module requested as `.js` that exists only as `.ts` is served from the `.ts` source, as the
 * build would emit it: the worker URLs the core builds with `new URL('./x.js', import.meta.url)`.
 */
function sourceForJs(context, next) {
  const path = context.path;
  if (path.endsWith('.js') && !existsSync(join(process.cwd(), path))) {
    const ts = path.replace(/\.js$/, '.ts');
    if (existsSync(join(process.cwd(), ts))) context.url = ts + context.search;
  }
  return next();
}

export default {
  middleware: [sourceForJs],
  files: ['test/layers/**/*.test.ts', 'test/widgets/**/*.test.ts'],
  nodeResolve: { browser: true },
  mimeTypes: { '**/*.css': 'js', '**/*.geojson': 'js' },
  plugins: [
    noNodeBuiltins,
    assets,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 300000,
};
