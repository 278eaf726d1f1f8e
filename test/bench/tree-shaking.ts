// ESM users keep tree-shaking: a page that registers only <env-map> and <env-station-grid>,
// bundled with rollup (node-resolve, commonjs, terser) from the package's ESM build as a portal's
// bundler would, against the same page registering every element. Reports what the page loads
// before it runs (the entry and its static imports) and what it may load later (dynamic
// imports). Run `npm run build` first.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rollup, type OutputChunk, type OutputAsset } from 'rollup';
import nodeResolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface BundleSize {
  page: string;
  /** gzip bytes of the entry and every chunk it imports statically. */
  initialGzip: number;
  /** gzip bytes of the chunks only dynamic imports reach. */
  lazyGzip: number;
  chunks: number;
  modules: number;
}

/** Bundles one page (a file in tree-shaking/) and measures it. */
async function bundlePage(page: string): Promise<BundleSize> {
  const bundle = await rollup({
    input: fileURLToPath(new URL(`./tree-shaking/${page}`, import.meta.url)),
    plugins: [
      // `envmap` resolves to this package (its package.json exports), as for a portal.
      {
        name: 'self',
        resolveId(id) {
          if (id === 'envmap') return join(root, 'dist/index.js');
          if (id === 'envmap/define') return join(root, 'dist/define.js');
          return null;
        },
      },
      nodeResolve({ browser: true, rootDir: root }),
      commonjs(),
      terser(),
    ],
    onwarn: () => {},
  });
  const dir = mkdtempSync(join(tmpdir(), 'envmap-shake-'));
  try {
    const { output } = await bundle.generate({ format: 'es', dir });
    await bundle.close();
    const chunks = output.filter((o): o is OutputChunk => o.type === 'chunk');
    const byName = new Map(chunks.map((c) => [c.fileName, c]));
    const initial = new Set<string>();
    const visit = (name: string) => {
      if (initial.has(name)) return;
      initial.add(name);
      for (const dep of byName.get(name)?.imports ?? []) visit(dep);
    };
    for (const c of chunks) if (c.isEntry) visit(c.fileName);
    const gz = (c: OutputChunk | OutputAsset) =>
      gzipSync(c.type === 'chunk' ? c.code : c.source, { level: 9 }).length;
    let initialGzip = 0;
    let lazyGzip = 0;
    const modules = new Set<string>();
    for (const c of chunks) {
      for (const m of Object.keys(c.modules)) modules.add(m);
      if (initial.has(c.fileName)) initialGzip += gz(c);
      else lazyGzip += gz(c);
    }
    return { page, initialGzip, lazyGzip, chunks: chunks.length, modules: modules.size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function treeShakingReport(): Promise<string> {
  if (!existsSync(join(root, 'dist/index.js')))
    throw new Error('dist/index.js is missing: run "npm run build" first');
  const two = await bundlePage('two-elements.js');
  const all = await bundlePage('all-elements.js');
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const lines = [
    '| page (rollup + terser, gzip level 9) | loaded at start | loaded on first use | chunks | modules |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const [label, r] of [
    ['<env-map> + <env-station-grid>', two],
    ['every element (envmap/define)', all],
  ] as const)
    lines.push(
      `| ${label} | ${kb(r.initialGzip)} | ${kb(r.lazyGzip)} | ${r.chunks} | ${r.modules} |`,
    );
  lines.push(
    '',
    `two elements / every element, loaded at start: ${(two.initialGzip / all.initialGzip).toFixed(2)}x`,
  );
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await treeShakingReport());
