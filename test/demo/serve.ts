import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createDemoServer } from '../../demo/server/server.js';

/** The project's root, which the demo server serves. */
export const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Starts the demo's static server on a free port before the tests of the enclosing suite and
 * closes it after them; `base()` is its URL once started.
 */
export function servedDemo(): { base: () => string } {
  let server: Server;
  let url = '';
  before(async () => {
    server = createDemoServer({ root });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));
  return { base: () => url };
}
