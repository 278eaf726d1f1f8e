// Feed throughput in Node: parse + validate + apply of station.reading messages by the feed
// client, side by side with bare JSON.parse of the same strings, in one run.
// Measures the built core (what ships): run `npm run build` first.
const core = '../../dist/core.js';
const { createFeed } = (await import(core)) as typeof import('../../src/index.js');

const N = 200_000;
const ROUNDS = 5;

function messages(offset: number): string[] {
  const out = new Array<string>(N);
  for (let i = 0; i < N; i++) {
    const n = offset + i;
    out[i] = JSON.stringify({
      type: 'station.reading',
      id: `r${n}`,
      time: new Date(Date.UTC(2026, 10, 25) + n * 1000).toISOString(),
      source: 'bench',
      data: {
        stationId: `TS-${n % 172}`,
        period: 'hour',
        values: {
          pm25: n % 300,
          pm10: (n * 3) % 500,
          so2: 8,
          no2: 31,
          co: 0.9,
          o3_1h: 66,
          o3_8h: 54,
        },
      },
    });
  }
  return out;
}

export interface FeedBenchResult {
  messages: number;
  jsonParsePerSec: number;
  feedPerSec: number;
  ratio: number;
}

export function benchFeed(): FeedBenchResult {
  let best = { json: Infinity, feed: Infinity };
  let sink = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const batch = messages(round * N);
    let t = performance.now();
    for (let i = 0; i < N; i++) sink += (JSON.parse(batch[i]) as { id: string }).id.length;
    const json = performance.now() - t;
    const feed = createFeed({
      url: 'http://127.0.0.1:1/',
      transport: 'poll',
      autoConnect: false,
      limits: { maxObservations: 100 },
    });
    feed.subscribe('station.reading', () => sink++);
    t = performance.now();
    for (let i = 0; i < N; i++) feed.ingest(batch[i]);
    const took = performance.now() - t;
    if (feed.stats.applied !== N) throw new Error(`feed applied ${feed.stats.applied} of ${N}`);
    best = { json: Math.min(best.json, json), feed: Math.min(best.feed, took) };
  }
  if (sink === 0) throw new Error('nothing measured');
  const jsonParsePerSec = (N / best.json) * 1000;
  const feedPerSec = (N / best.feed) * 1000;
  return { messages: N, jsonParsePerSec, feedPerSec, ratio: feedPerSec / jsonParsePerSec };
}

export function feedReport(): string {
  const r = benchFeed();
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  return [
    `| | messages/s (best of ${ROUNDS} rounds of ${fmt(r.messages)}) |`,
    '|---|---:|',
    `| JSON.parse alone | ${fmt(r.jsonParsePerSec)} |`,
    `| feed client: parse + validate + de-duplicate + store + dispatch | ${fmt(r.feedPerSec)} |`,
    `| ratio (feed / JSON.parse) | ${r.ratio.toFixed(2)}x |`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(feedReport());
