// Node side of the tracks benchmark: bundles each contestant's page module with esbuild and
// serves it, with its HTML page, from a small HTTP server on 127.0.0.1.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const require = createRequire(import.meta.url);

/**
 * geotiff (reached through layers/index.ts) imports Node's http, https, url and fs for its
 * Node-only sources: empty modules in the browser, as in the kit's own builds.
 */
const noNodeBuiltins: Plugin = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?(http|https|url|fs)$/ }, (a) => ({
      path: a.path,
      namespace: 'empty',
    }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export default {};' }));
  },
};

/** The page module `file` (beside this one) bundled into one ES module. */
export async function bundle(file: string): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(file, import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
    loader: { '.geojson': 'json' },
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [noNodeBuiltins],
  });
  return result.outputFiles[0]!.text;
}

/** The HTML page of a contestant: a 1920 x 1080 #map and its module. */
export function page(name: string, withOlCss: boolean): string {
  const olCss = withOlCss ? readFileSync(require.resolve('ol/ol.css'), 'utf8') : '';
  return `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>tracks: ${name}</title>
<style>${olCss}
html, body { margin: 0; padding: 0; background: #fff; overflow: hidden; }
#map { position: relative; width: 1920px; height: 1080px; overflow: hidden; }
</style></head>
<body><div id="map"></div><script type="module" src="/${name}.js"></script></body></html>`;
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves `files` (path without the leading slash -> body) on a random loopback port. */
export async function serveFiles(files: Map<string, string>): Promise<Served> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
    const body = files.get(path);
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    const type = path.endsWith('.js') ? 'text/javascript' : 'text/html';
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
