import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import {
  CONTENT_SECURITY_POLICY,
  createDemoServer,
  resolveStatic,
} from '../../demo/server/server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('demo server', () => {
  let server: Server;
  let base: string;
  before(async () => {
    server = createDemoServer({ root });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  it('serves pages with the strict CSP', async () => {
    const res = await fetch(`${base}/command-center.html`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.match(res.headers.get('content-type')!, /text\/html/);
    assert.match(await res.text(), /<env-map/);
  });

  it('sends the CSP on errors too and refuses other methods', async () => {
    const missing = await fetch(`${base}/nope.html`);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    const post = await fetch(`${base}/command-center.html`, { method: 'POST' });
    assert.equal(post.status, 405);
  });

  it('never serves files outside its folders', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/data/..%2f..%2fpackage.json',
      '/dist/../../package.json',
      '/%00',
      '/%E0%A4%A',
    ]) {
      assert.equal(resolveStatic(root, path)?.endsWith('package.json') ?? false, false, path);
    }
    const res = await fetch(`${base}/data/..%2f..%2fpackage.json`);
    assert.equal(res.status, 404);
  });
});
