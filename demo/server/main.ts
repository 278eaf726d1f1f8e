// `npm start`: serves the demo on PORT (default 8080) after the build. No network needed.
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { createDemoServer, PAGES } from './server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
if (!existsSync(`${root}/dist/envmap.iife.js`)) {
  console.error('dist/ is missing: run "npm run build" first (npm start does it for you).');
  process.exit(1);
}
const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}"`);
  process.exit(2);
}
const host = process.env.HOST ?? '127.0.0.1';
const server = createDemoServer({ root });
server.on('error', (e: NodeJS.ErrnoException) => {
  console.error(
    e.code === 'EADDRINUSE' ? `port ${port} is in use: set PORT to another one` : e.message,
  );
  process.exit(1);
});
server.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  const base = `http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}/`;
  console.log(`envmap demo: ${base}`);
  for (const page of PAGES) console.log(`  ${base}${page}`);
});
