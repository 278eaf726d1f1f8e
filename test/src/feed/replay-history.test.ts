// How the gap fill reads a history: paging by repeated `since` or by `next` links, and what it
// does with answers that break the rules (named in an error, nothing valid lost, no endless loop).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { until, sleep } from '../wait.js';
import {
  assertComplete,
  followFeed,
  publishRange,
  startLiveSource,
  type HistoryHandler,
  type LiveSource,
} from './live-sources.js';

/** Connects, receives 0-99 live, drops, publishes 100-199 while down, waits for the reconnection. */
async function gap(source: LiveSource, follow: ReturnType<typeof followFeed>) {
  await until(() => follow.feed.status === 'open' && source.clients === 1, 'connected');
  publishRange(source, 0, 100);
  await until(() => follow.seen.length === 100, 'the first 100 live');
  source.drop();
  publishRange(source, 100, 200);
  await until(() => source.clients === 1, 'reconnected');
}

const json = (res: ServerResponse, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(200, { 'Content-Type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

/** Runs a gap with a history handler; returns the feed's view and the history's requests. */
async function withHistory(make: (source: LiveSource) => HistoryHandler, { pageSize = 1000 } = {}) {
  const source = await startLiveSource('ws', { pageSize });
  source.onHistory(make(source));
  const urls: string[] = [];
  const follow = followFeed(source, {
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => {
      urls.push(String(input));
      return fetch(input, init);
    }) as typeof fetch,
  });
  await gap(source, follow);
  return { source, follow, urls };
}

/** The history's messages after `since`, parsed. */
const after = (source: LiveSource, since: string | null, count = Infinity) =>
  source.history.texts
    .slice(source.history.after(since))
    .slice(0, count)
    .map((t) => JSON.parse(t) as unknown);

describe('reading a history', () => {
  it('pages by repeated since until a page is shorter than the others', async () => {
    const { source, follow } = await withHistory(() => (_q, _r, _u, serve) => serve(), {
      pageSize: 30,
    });
    await until(() => follow.seen.length === 200, 'the gap in pages of 30');
    await sleep(100);
    follow.feed.close();
    await source.close();
    assertComplete(follow.seen, 200);
    assert.deepEqual(source.historyRequests, ['r99', 'r129', 'r159', 'r189']);
  });

  it('follows next links (body and Link header) within the origin, and stops without one', async () => {
    const { source, follow, urls } = await withHistory((source) => (_req, res, url) => {
      const from = url.searchParams.get('from') ?? url.searchParams.get('since');
      const messages = after(source, from, 40);
      const last = (messages.at(-1) as { id: string } | undefined)?.id;
      const more = source.history.after(last ?? null) < source.history.texts.length;
      if (url.searchParams.has('from')) {
        // Link headers, relative to the page
        json(res, messages, more ? { Link: `<history?from=${last}>; rel="next"` } : {});
      } else json(res, { messages, next: more ? `/history?from=${last}` : null });
    });
    await until(() => follow.seen.length === 200, 'the gap by links');
    await sleep(100);
    follow.feed.close();
    await source.close();
    assertComplete(follow.seen, 200);
    const paths = urls.map((u) => new URL(u).search);
    assert.deepEqual(paths, ['?since=r99', '?from=r139', '?from=r179']);
  });
});

describe('a history that breaks the rules', () => {
  it('an answer that is not an array: named, retried', async () => {
    let n = 0;
    const { source, follow } = await withHistory(() => (_q, res, _u, serve) => {
      if (n++ === 0) json(res, { data: [] });
      else serve();
    });
    await until(() => follow.seen.length === 200, 'the gap after a retry');
    follow.feed.close();
    await source.close();
    assert.ok(
      follow.errors.some((e) =>
        /replay since=r99 failed: answer is neither a JSON array nor \{ "messages": \[\.\.\.\] \}: \{"data":\[\]\}; retrying/.test(
          e,
        ),
      ),
      follow.errors.join('\n'),
    );
  });

  it('messages with bad fields: each named, the valid ones kept', async () => {
    let n = 0;
    const { source, follow } = await withHistory((source) => (_q, res, url, serve) => {
      if (n++ > 0) return serve();
      const page = after(source, url.searchParams.get('since'));
      page.splice(10, 0, { type: 'station.reading', id: 'bad-time', time: 'yesterday', data: {} });
      page.splice(20, 0, { id: 7 }, 'text', null);
      page.splice(30, 0, {
        type: 'station.reading',
        id: 'bad-lon',
        time: '2026-11-25T08:00:00Z',
        data: { stationId: 'x', values: { pm25: 'high' } },
      });
      json(res, page);
    });
    await until(() => follow.seen.length === 200, 'the valid messages');
    follow.feed.close();
    await source.close();
    assertComplete(follow.seen, 200);
    assert.equal(follow.feed.stats.rejected, 5);
    const bad = follow.errors.filter((e) => e.startsWith('replay: '));
    assert.equal(bad.length, 5, follow.errors.join('\n'));
    assert.ok(bad.some((e) => e.includes('time: expected an ISO 8601')));
    assert.ok(bad.some((e) => e.includes('data.values.pm25: expected a finite number')));
    assert.ok(bad.some((e) => e.includes('must be a JSON object')));
  });

  it('a next link to another origin: refused and named, the page kept, read again later', async () => {
    let n = 0;
    const { source, follow, urls } = await withHistory((source) => (_q, res, url, serve) => {
      if (n++ > 0) return serve();
      const messages = after(source, url.searchParams.get('since'), 50);
      json(res, { messages, next: 'http://127.0.0.2:9/history?since=r149' });
    });
    await until(() => follow.seen.length === 150, 'the first page');
    await sleep(300);
    assert.equal(urls.length, 1, 'nothing more asked: no loop');
    assert.ok(
      urls.every((u) => !u.includes('127.0.0.2')),
      'the other origin was not asked',
    );
    assert.ok(
      follow.errors.some((e) =>
        /^replay since=r99 failed: "next" leads to another origin \(http:\/\/127\.0\.0\.2:9\), not followed.*tried again after the next reconnection$/.test(
          e,
        ),
      ),
      follow.errors.join('\n'),
    );
    // The next reconnection reads on from the last message the replay delivered.
    source.drop();
    await until(() => follow.seen.length === 200, 'the rest after a reconnection');
    follow.feed.close();
    await source.close();
    assertComplete(follow.seen, 200);
    assert.equal(source.historyRequests[1], 'r149');
  });

  it('next links that loop: named, every message of the pages kept, no endless loop', async () => {
    const { source, follow } = await withHistory((source) => (_q, res, url) => {
      if (url.searchParams.has('page')) {
        // the second page leads back to the first request
        json(res, { messages: after(source, 'r149'), next: `/history?since=r99` });
      } else json(res, { messages: after(source, 'r99', 50), next: '/history?page=2' });
    });
    await until(() => follow.seen.length === 200, 'both pages');
    await sleep(300);
    follow.feed.close();
    await source.close();
    assertComplete(follow.seen, 200);
    assert.equal(source.historyRequests.length, 2);
    assert.ok(
      follow.errors.some((e) =>
        e.includes('failed: the history leads back to a page already read: http://127.0.0.1:'),
      ),
      follow.errors.join('\n'),
    );
  });

  it('a history that ignores since: named, the messages kept, no endless loop', async () => {
    const { source, follow } = await withHistory(
      (source) => (_q, res) => json(res, after(source, null)),
    );
    await until(() => follow.seen.length === 200, 'the gap');
    await sleep(300);
    follow.feed.close();
    await source.close();
    assertComplete(follow.seen, 200);
    assert.equal(source.historyRequests.length, 1);
    assert.ok(
      follow.errors.some((e) =>
        e.includes('asked for what follows r99, the history answered with messages before it'),
      ),
      follow.errors.join('\n'),
    );
  });

  it('next that is not a URL, and a page without ids: named, not looped on', async () => {
    for (const [body, reason] of [
      [{ messages: [], next: 42 }, '"next" must be a URL or null, got 42'],
      [[{ no: 'id' }], 'no message of the answer has an id to continue from: {"no":"id"}'],
    ] as const) {
      const { source, follow } = await withHistory(() => (_q, res) => json(res, body));
      await until(() => follow.errors.some((e) => e.includes(reason)), reason);
      await sleep(200);
      follow.feed.close();
      await source.close();
      assert.equal(source.historyRequests.length, 1, reason);
    }
  });
});
