import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFeed } from '../../../src/index.js';
import { until, sleep } from '../wait.js';
import {
  assertComplete,
  followFeed,
  publishRange,
  startLiveSource,
  type HistoryHandler,
  type LiveSource,
} from './live-sources.js';

/**
 * 100 messages live, the connection dropped, 100 published while it is down (only the history
 * has them), then the reconnection, the gap filled from the history, and 100 more live.
 */
async function dropAndRefill(source: LiveSource, follow: ReturnType<typeof followFeed>) {
  const { feed, seen } = follow;
  await until(() => feed.status === 'open' && source.clients === 1, 'connected');
  publishRange(source, 0, 100);
  await until(() => seen.length === 100, 'the first 100 live');
  assert.equal(source.historyRequests.length, 0, 'no replay on the first connection');
  source.drop();
  publishRange(source, 100, 200); // nobody is connected: only the history has these
  await until(() => source.clients === 1, 'reconnected');
}

for (const kind of ['sse', 'ws'] as const) {
  describe(`${kind} transport with replayUrl, the server resuming nothing`, () => {
    it('fills the gap of a dropped connection from the history, merged with live messages', async () => {
      const source = await startLiveSource(kind);
      const follow = followFeed(source);
      const { feed, seen } = follow;
      await dropAndRefill(source, follow);
      await until(() => seen.length === 200, 'the 100 published meanwhile, from the replay');
      publishRange(source, 200, 300);
      await until(() => seen.length === 300, 'all 300');
      feed.close();
      await source.close();
      assertComplete(seen, 300);
      assert.equal(feed.stats.replayed, 100);
      // The replay asks from the envelope id of the last message received, not a transport id.
      assert.equal(source.historyRequests[0], 'r99');
      assert.equal(source.resumeAsked[1], kind === 'sse' ? 'e99' : 'r99');
    });

    it('counts in replayed only what the replay delivered first', async () => {
      const source = await startLiveSource(kind);
      // The history answers late, after the live connection has delivered 10 of the gap again.
      let hold: (() => void) | undefined;
      source.onHistory((_req, _res, _url, serve) => {
        hold = serve;
      });
      const follow = followFeed(source);
      const { feed, seen } = follow;
      await dropAndRefill(source, follow);
      for (let n = 100; n < 110; n++) source.publish(n); // sent live again (history keeps one)
      await until(() => seen.length === 110 && hold !== undefined, 'ten again live, replay asked');
      hold!();
      await until(() => seen.length === 200, 'the rest from the replay');
      feed.close();
      await source.close();
      assertComplete(seen, 200);
      assert.equal(feed.stats.replayed, 90);
      assert.equal(feed.stats.duplicates, 10);
    });
  });
}

/** Fails the first `times` history requests with `fail`, then answers. */
function failing(times: number, fail: HistoryHandler): HistoryHandler & { served: number } {
  let n = 0;
  const handler = Object.assign(
    ((req, res, url, serve) => {
      if (n++ < times) fail(req, res, url, serve);
      else {
        handler.served++;
        serve();
      }
    }) as HistoryHandler,
    { served: 0 },
  );
  return handler;
}

const failures: Array<[string, HistoryHandler, RegExp]> = [
  ['answers 500', (_q, res) => res.writeHead(500).end('down'), /HTTP 500/],
  ['never answers', () => {}, /no answer within 150 ms/],
  [
    'sends malformed JSON',
    (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('[{"type":"station.reading","id":"r1');
    },
    /answer is not JSON: \[\{"type"/,
  ],
];

describe('a replay source that fails', () => {
  for (const [what, fail, reason] of failures) {
    it(`${what}: reported, retried with the backoff, live messages flow meanwhile`, async () => {
      const source = await startLiveSource('sse');
      const history = failing(3, fail);
      source.onHistory(history);
      const follow = followFeed(source, {
        backoff: { initial: 100, factor: 2, max: 1000, jitter: 0 },
        replayTimeoutMs: 150,
      });
      const { feed, seen, errors, statuses } = follow;
      const times: number[] = [];
      source.onHistory((req, res, url, serve) => {
        times.push(performance.now());
        history(req, res, url, serve);
      });
      await dropAndRefill(source, follow);
      const reconnected = statuses.length;
      publishRange(source, 200, 300);
      await until(() => seen.filter((n) => n >= 200).length === 100, 'live messages');
      assert.equal(history.served, 0, 'the live messages came while the replay was failing');
      await until(() => seen.length === 300, 'the gap, once the history answers', 10_000);
      feed.close();
      await source.close();
      assertComplete(seen, 300);
      assert.equal(feed.stats.replayed, 100);
      const replayErrors = errors.filter((e) => e.startsWith('replay'));
      assert.equal(replayErrors.length, 3, errors.join('\n'));
      for (const e of replayErrors) {
        assert.match(e, /^replay since=r99 failed: /);
        assert.match(e, reason);
        assert.match(e, /retrying$/);
      }
      // Retried after the backoff's delays (100, 200, 400 ms), the feed staying open. Measured
      // where the requests arrive, the request timeout of 'never answers' (150 ms) is not
      // counted: one request arriving later than the next on a busy machine shortens a gap.
      const gaps = times.slice(1).map((t, i) => t - times[i]);
      [100, 200, 400].forEach((d, i) =>
        assert.ok(gaps[i] >= d - 5, `retry ${i + 1} after ${gaps[i].toFixed(0)} ms`),
      );
      assert.deepEqual(statuses.slice(reconnected, -1), [], 'no status change while replaying');
    });
  }
});

describe('replayUrl options', () => {
  it('is refused for poll and sensorthings, and when relative outside a page', () => {
    for (const transport of ['poll', 'sensorthings'] as const) {
      assert.throws(
        () => createFeed({ url: 'http://127.0.0.1:1/', transport, replayUrl: 'http://x/h' }),
        /replayUrl is for the sse, ws, mqtt transports, not/,
      );
    }
    assert.throws(
      () => createFeed({ url: 'ws://127.0.0.1:1/', transport: 'ws', replayUrl: '/feed/poll' }),
      /replayUrl "\/feed\/poll" is not a URL/,
    );
    assert.throws(
      () =>
        createFeed({
          url: 'ws://127.0.0.1:1/',
          transport: 'ws',
          replayUrl: 'http://x/h',
          replayTimeoutMs: 0,
        }),
      /replayTimeoutMs/,
    );
  });

  it('asks for the feed types of ws and sse, with the token, and stops when closed', async () => {
    const source = await startLiveSource('ws');
    const headers: Array<string | undefined> = [];
    const types: Array<string | null> = [];
    source.onHistory((req, _res, url, serve) => {
      headers.push(req.headers.authorization);
      types.push(url.searchParams.get('types'));
      serve();
    });
    const follow = followFeed(source, { topics: ['station.reading'], token: 't0k' });
    await dropAndRefill(source, follow);
    await until(() => follow.seen.length === 200, 'gap filled');
    follow.feed.close();
    source.drop();
    publishRange(source, 200, 210);
    await sleep(200);
    const asked = source.historyRequests.length;
    follow.feed.connect(); // the same client, connected again: the gap while closed is filled
    await until(() => follow.seen.length === 210, 'the gap while closed');
    // The page after the last one (is there more?) may still be on its way as the gap is filled.
    await until(() => source.historyRequests.length >= asked + 2, 'the end of the history');
    follow.feed.close();
    await source.close();
    // From the last message before closing, then on to the end of the history.
    assert.deepEqual(source.historyRequests.slice(asked), ['r199', 'r209']);
    assert.deepEqual(new Set(headers), new Set(['Bearer t0k']));
    assert.deepEqual(new Set(types), new Set(['station.reading']));
  });
});
