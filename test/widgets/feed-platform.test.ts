import { expect } from '@esm-bundle/chai';
import { createFeed } from '../../src/index.js';
import { until } from './helpers.js';

/** A fetch that always fails, counting its calls. */
function failingFetch(): { fetch: typeof fetch; calls: () => number } {
  let calls = 0;
  const f = (async () => {
    calls++;
    throw new TypeError('Failed to fetch');
  }) as typeof fetch;
  return { fetch: f, calls: () => calls };
}

describe('feed client in a browser', () => {
  afterEach(() => {
    delete (navigator as unknown as { onLine?: boolean }).onLine;
  });

  it('waits while offline and retries at once when the browser is back online', async () => {
    const { fetch: failing, calls } = failingFetch();
    const feed = createFeed({
      url: '/feed',
      transport: 'sse',
      fetch: failing,
      backoff: { initial: 50, max: 50, jitter: 0 },
    });
    await until(() => calls() === 1 && feed.status === 'reconnecting', 'first failure');
    // offline: the timer runs out but no attempt is made
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    await new Promise((r) => setTimeout(r, 300));
    const whileOffline = calls();
    expect(whileOffline).to.be.at.most(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(calls()).to.equal(whileOffline);
    delete (navigator as unknown as { onLine?: boolean }).onLine;
    window.dispatchEvent(new Event('online'));
    await until(() => calls() > whileOffline, 'attempt after online');
    feed.dispose();
  });

  it('does not wait out a long backoff once the browser is back online', async () => {
    const { fetch: failing, calls } = failingFetch();
    const feed = createFeed({
      url: '/feed',
      transport: 'poll',
      fetch: failing,
      backoff: { initial: 60_000, max: 60_000, jitter: 0 },
    });
    await until(() => calls() === 1 && feed.status === 'reconnecting', 'first failure');
    const started = performance.now();
    window.dispatchEvent(new Event('online'));
    await until(() => calls() === 2, 'second attempt');
    expect(performance.now() - started).to.be.below(1000);
    feed.dispose();
  });
});
