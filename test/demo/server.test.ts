import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CONTENT_SECURITY_POLICY, resolveStatic } from '../../demo/server/server.js';
import { root, servedDemo } from './serve.js';

describe('demo server', () => {
  const served = servedDemo();

  it('serves pages with the strict CSP', async () => {
    const res = await fetch(`${served.base()}/command-center.html`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.match(res.headers.get('content-type')!, /text\/html/);
    assert.match(await res.text(), /<env-map/);
  });

  it('sends the CSP on errors too and refuses other methods', async () => {
    const missing = await fetch(`${served.base()}/nope.html`);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    const post = await fetch(`${served.base()}/command-center.html`, { method: 'POST' });
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
    const res = await fetch(`${served.base()}/data/..%2f..%2fpackage.json`);
    assert.equal(res.status, 404);
  });
});
