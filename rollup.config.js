// Builds dist/: core.js (the src/ floor, no DOM), index.js and define.js (the whole kit as ESM,
// dependencies left to the portal's bundler) and envmap.iife.js (one file for a <script> tag).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, relative, resolve } from 'node:path';
import MagicString from 'magic-string';
import nodeResolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import {
  assetPlugins,
  lazyParts,
  LAZY_PARTS,
  noNodeBuiltins,
  PARTS_INTRO,
} from './scripts/rollup-plugins.mjs';

export {
  cssModule,
  geojsonModule,
  assetPlugins,
  noNodeBuiltins,
  LAZY_PARTS,
} from './scripts/rollup-plugins.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const dependencies = Object.keys(pkg.dependencies);
const coreEntry = resolve(root, 'src/index.ts');
/** How the ESM build's modules name the core until each gets its relative path to core.js. */
const CORE_IMPORT = 'envmap-core';

/** The kit's own source modules (not its dependencies, not the demo's code). */
const ownSource = (id) =>
  ['src', 'layers', 'widgets', 'styles'].some((dir) => id.startsWith(`${root}/${dir}/`));

/** Plugins of a build for the browser with every dependency bundled in, minified. */
const browserPlugins = () => [
  ...assetPlugins(),
  noNodeBuiltins(),
  nodeResolve({ browser: true }),
  commonjs(),
  typescript({ minify: true }),
];

/** Each lazy part as a self-contained ES module (its own chunks beside it). */
const partBuilds = () =>
  Object.entries(LAZY_PARTS).map(([name, part]) => ({
    input: { [name]: part.entry },
    plugins: browserPlugins(),
    // Keep every export of the part's module: the kit's code picks what it needs.
    preserveEntrySignatures: 'strict',
    output: {
      dir: 'dist/envmap-parts',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: `${name}-[name]-[hash].js`,
    },
  }));

const isDependency = (id) =>
  !id.endsWith('?inline') && dependencies.some((d) => id === d || id.startsWith(`${d}/`));

/** Writes `<name>.d.ts` beside each entry, pointing into the declarations tsc writes to dist/types. */
function entryTypes(entries) {
  return {
    name: 'envmap-entry-types',
    generateBundle() {
      for (const [name, source] of Object.entries(entries)) {
        const target = `./types/${source.replace(/\.ts$/, '.js')}`;
        this.emitFile({
          type: 'asset',
          fileName: `${name}.d.ts`,
          source: `export * from '${target}';\n`,
        });
      }
    },
  };
}

const typescript = (options = {}) =>
  esbuild({ tsconfig: resolve(root, 'tsconfig.json'), target: 'es2022', ...options });

/** A build of demo scripts into dist/demo. */
const demoBuild = (input) => ({
  input,
  plugins: browserPlugins(),
  // The kit's modules as the package declares them (package.json sideEffects): what a page does
  // not use is left out, as a portal's bundler leaves it out of the published build. The one
  // module imported for its effect provides proj4 (src/crs/proj4-static.ts).
  treeshake: {
    moduleSideEffects: (id, external) =>
      external || !ownSource(id) || id.endsWith('/src/crs/proj4-static.ts'),
  },
  output: {
    dir: 'dist/demo',
    format: 'es',
    sourcemap: true,
    // The base map's data keeps a fixed name, so that the pages can preload it.
    chunkFileNames: (chunk) => (chunk.name === 'basemap' ? '[name].js' : '[name]-[hash].js'),
  },
});

export default [
  {
    input: { core: 'src/index.ts' },
    external: isDependency,
    plugins: [typescript(), entryTypes({ core: 'src/index.ts' })],
    output: { dir: 'dist', format: 'es', sourcemap: true },
  },
  // The modules the core's GridWorker, ViewshedWorker and PowerWorker start, found beside
  // core.js (and beside envmap.iife.js, which resolves them from its own script URL):
  // self-contained, as workers cannot resolve bare imports.
  ...['grid', 'viewshed', 'power'].map((name) => ({
    input: `src/workers/${name}-worker.ts`,
    plugins: [nodeResolve(), typescript({ minify: true })],
    output: { file: `dist/${name}-worker.js`, format: 'es', sourcemap: true },
  })),
  {
    // One file per module (dist/esm/), so that a portal's bundler drops the elements a page does
    // not import: package.json's sideEffects names only define.js and the script, and Lit's
    // decorator calls would otherwise keep every class of a shared chunk.
    input: { index: 'widgets/entry/index.ts', define: 'widgets/entry/define.ts' },
    external: isDependency,
    plugins: [
      {
        // The core is its own file, so that `envmap` and `envmap/core` share one copy of it;
        // rollup writes the import relative to each module's file.
        name: 'envmap-core-external',
        async resolveId(source, importer) {
          if (!importer || !source.startsWith('.')) return null;
          const target = resolve(dirname(importer), source).replace(/\.js$/, '.ts');
          return target === coreEntry ? { id: CORE_IMPORT, external: true } : null;
        },
        // Each module imports core.js by its path from where the module's file is.
        renderChunk(code, chunk) {
          if (!code.includes(CORE_IMPORT)) return null;
          let path = relative(dirname(resolve('/', chunk.fileName)), '/core.js');
          if (!path.startsWith('.')) path = `./${path}`;
          const text = new MagicString(code);
          for (const m of code.matchAll(new RegExp(`(['"])${CORE_IMPORT}\\1`, 'g')))
            text.overwrite(m.index + 1, m.index + m[0].length - 1, path);
          return { code: text.toString(), map: text.generateMap({ hires: true }) };
        },
      },
      ...assetPlugins(),
      typescript(),
      entryTypes({ index: 'widgets/entry/index.ts', define: 'widgets/entry/define.ts' }),
    ],
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      preserveModules: true,
      preserveModulesRoot: root,
      // A folder named node_modules inside dist would capture bare imports of its neighbours
      // (Node walks up to it): the modules taken from packages (ol's CSS) go to vendor/.
      entryFileNames: (chunk) =>
        chunk.isEntry && (chunk.name === 'index' || chunk.name === 'define')
          ? '[name].js'
          : `esm/${chunk.name.replace(/(^|\/)node_modules\//g, '$1vendor/')}.js`,
      // Keep index.js free of bare dependency imports: importing it must have no side effects.
      hoistTransitiveImports: false,
    },
  },
  {
    input: 'widgets/entry/define.ts',
    plugins: [
      lazyParts(),
      ...assetPlugins(),
      noNodeBuiltins(),
      nodeResolve({ browser: true }),
      commonjs(),
      typescript({ minify: true }),
      // terser after esbuild: about 10 KB less gzip than esbuild alone, for the script's budget.
      terser({ ecma: 2020, compress: { passes: 2 } }),
    ],
    output: {
      file: 'dist/envmap.iife.js',
      format: 'iife',
      name: 'EnvMap',
      inlineDynamicImports: true,
      intro: PARTS_INTRO,
      sourcemap: true,
    },
  },
  ...partBuilds(),
  // The demo pages' script, bundled with its dependencies as a portal's build would, with the
  // workers it starts; the command-centre page's own script (only the elements it uses) is a
  // build of its own, so that the page loads one file, not an entry and then a shared chunk.
  demoBuild({
    main: 'demo/app/main.ts',
    'grid-worker': 'src/workers/grid-worker.ts',
    'viewshed-worker': 'src/workers/viewshed-worker.ts',
    'power-worker': 'src/workers/power-worker.ts',
  }),
  demoBuild({ 'command-center': 'demo/app/command-center.ts' }),
  {
    // envmap/react: the wrappers of react/ (generated by scripts/build-react.mjs) over the kit's
    // index.js, so that both use one copy of each element class; React and @lit/react are the
    // portal's. Their declarations are read off the generated sources' explicit types.
    input: { react: 'react/index.ts' },
    external: (id, importer) =>
      /^(react|@lit\/react)(\/|$)/.test(id) ||
      isDependency(id) ||
      (importer !== undefined &&
        resolve(dirname(importer), id) === resolve(root, 'widgets/index.js')),
    plugins: [
      typescript(),
      entryTypes({ react: 'react/index.ts' }),
      {
        name: 'envmap-react-types',
        async generateBundle() {
          const { declarations } = await import('./scripts/build-react.mjs');
          for (const [fileName, source] of Object.entries(await declarations()))
            this.emitFile({ type: 'asset', fileName, source });
        },
      },
    ],
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      paths: (id) => (id.startsWith('/') ? './index.js' : id),
    },
  },
  {
    // The React, Vue and API-reference demo pages' scripts, React and Vue bundled in as a portal's
    // build would (their production builds: no eval, nothing for the strict CSP to refuse).
    input: { react: 'demo/app/react.ts', vue: 'demo/app/vue.ts', api: 'demo/app/api.ts' },
    plugins: [
      {
        name: 'envmap-production',
        transform(code) {
          if (!/process\.env\.NODE_ENV|__VUE_/.test(code)) return null;
          return {
            code: code
              .replaceAll('process.env.NODE_ENV', '"production"')
              .replace(
                /\b__VUE_(OPTIONS_API|PROD_DEVTOOLS|PROD_HYDRATION_MISMATCH_DETAILS)__\b/g,
                'false',
              ),
            map: null,
          };
        },
      },
      {
        // The API page reads the manifest beside its script (`npm run build` runs cem analyze first).
        name: 'envmap-api-manifest',
        generateBundle() {
          const file = resolve(root, 'custom-elements.json');
          this.emitFile({
            type: 'asset',
            fileName: 'custom-elements.json',
            source: readFileSync(file, 'utf8'),
          });
        },
      },
      ...assetPlugins(),
      noNodeBuiltins(),
      nodeResolve({ browser: true }),
      commonjs(),
      typescript({ minify: true }),
    ],
    output: { dir: 'dist/demo', format: 'es', sourcemap: true, chunkFileNames: '[name]-[hash].js' },
  },
];
