import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, normalize, resolve, sep } from 'node:path';
import { hunanFile } from './simulator/hunan.js';

/**
 * The Content-Security-Policy sent with every response: no inline script or style, no eval, no
 * CDN; workers may come from blob: URLs, feeds from WebSockets, and WebAssembly may be compiled
 * ('wasm-unsafe-eval' allows that and nothing else: the IDW kernel).
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
  "worker-src 'self' blob:; connect-src 'self' ws: wss:";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.gz': 'application/gzip',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.tif': 'image/tiff',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

/** URL prefixes and the folders (relative to the project root) they serve. */
const MOUNTS: Array<[string, string]> = [
  ['/dist/', 'dist'],
  ['/data/', 'demo/data'],
  ['/', 'demo/pages'],
];

export interface DemoServerOptions {
  /** Project root (the folder holding dist/ and demo/). */
  root: string;
  /** Dynamic routes tried before the static files; returns true when it answered. */
  routes?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;
  /** Routes for POST requests; returns true when it answered (other POSTs are refused with 405). */
  post?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'text/plain; charset=utf-8',
) {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
  res.end(body);
}

/** Resolves a URL path to a file inside one of the mounts, or undefined (never outside them). */
export function resolveStatic(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  if (path.endsWith('/')) path += 'index.html';
  for (const [prefix, folder] of MOUNTS) {
    if (!path.startsWith(prefix)) continue;
    const base = resolve(root, folder);
    const file = resolve(base, normalize(path.slice(prefix.length)).replace(/^([/\\])+/, ''));
    if (file !== base && !file.startsWith(base + sep)) return undefined;
    return file;
  }
  return undefined;
}

async function handle(
  options: DemoServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const root = options.root;
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  if (req.method === 'POST' && options.post?.(req, res, url)) return;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'method not allowed');
    return;
  }
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  if (options.routes?.(req, res, url)) return;
  // Simulated Hunan-style power data, computed on request (see simulator/hunan.ts).
  const computed = url.pathname.startsWith('/data/hunan/')
    ? hunanFile(url.pathname.slice('/data/hunan/'.length))
    : undefined;
  if (computed !== undefined) {
    send(res, 200, req.method === 'HEAD' ? '' : computed, TYPES['.json']);
    return;
  }
  const file = resolveStatic(root, url.pathname);
  if (!file) {
    send(res, 404, 'not found');
    return;
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    const body = await readFile(file);
    send(
      res,
      200,
      req.method === 'HEAD' ? '' : body,
      TYPES[extname(file)] ?? 'application/octet-stream',
    );
  } catch {
    send(res, 404, 'not found');
  }
}

/** Sends a JSON answer with the demo's headers. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), TYPES['.json']);
}

/**
 * A request's body as text, or undefined when it is longer than `maxBytes` (what follows the
 * limit is read and dropped, so that the answer reaches the client).
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(size <= maxBytes ? Buffer.concat(chunks).toString('utf8') : undefined),
    );
    req.on('error', reject);
  });
}

/** The demo's HTTP server: static pages, the built kit and demo data, all with a strict CSP. */
export function createDemoServer(options: DemoServerOptions): Server {
  return createServer((req, res) => {
    handle(options, req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error');
    });
  });
}

/** The demo pages. */
export const PAGES = [
  'command-center.html',
  'public.html',
  'plain.html',
  'beijing.html',
  'jian.html',
  'radar.html',
  'handan.html',
  'hunan.html',
  'xuzhou.html',
  'react.html',
  'vue.html',
  'api.html',
] as const;
