// Rivers: an upstream trace from the outlet of a synthetic network of 1,000,000 reaches, the
// whole network and bounded to 10 km, by RiverNetwork (built from typed arrays) side by side in
// one run with graphology + graphology-traversal's breadth-first search on the same graph, which
// computes each reach's distance from the reach below it as it visits. Both sides must agree on
// every reach and distance.
// Run alone: node --import tsx test/bench/rivers.ts
import Graph from 'graphology';
import { bfsFromNode } from 'graphology-traversal';
import { RiverNetwork } from '../../src/rivers/index.js';
import { seededRandom } from '../../demo/server/simulator/random.js';

const REACHES = 1_000_000;
const RUNS = 21;

/**
 * A tree of reaches numbered from the outlet (0) upwards: each reach flows into one of the 40
 * reaches before it, so that the network is deep (tens of thousands of reaches from source to
 * outlet) and branches as a river's does; lengths 0.2-2 km.
 */
function synthetic(n: number): { toId: Int32Array; lengthKm: Float64Array } {
  const random = seededRandom(12);
  const toId = new Int32Array(n);
  const lengthKm = new Float64Array(n);
  toId[0] = -1;
  for (let i = 0; i < n; i++) {
    if (i > 0) toId[i] = Math.max(0, i - 1 - Math.floor(random() * 40));
    lengthKm[i] = 0.2 + random() * 1.8;
  }
  return { toId, lengthKm };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

function timeRuns(fn: () => void, runs: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

export interface RiversBenchResult {
  reaches: number;
  buildMs: number;
  graphBuildMs: number;
  full: { reaches: number; ms: number; graphologyMs: number };
  bounded: { reaches: number; ms: number; graphologyMs: number };
  differ: number;
}

export function riversBench(): RiversBenchResult {
  const { toId, lengthKm } = synthetic(REACHES);
  const id = Int32Array.from({ length: REACHES }, (_, i) => i);
  let t = performance.now();
  const network = RiverNetwork.fromArrays({ id, toId, lengthKm });
  const buildMs = performance.now() - t;

  t = performance.now();
  const graph = new Graph({ type: 'directed', multi: false });
  for (let i = 0; i < REACHES; i++) graph.addNode(i);
  for (let i = 1; i < REACHES; i++) graph.addDirectedEdge(i, toId[i]);
  const graphBuildMs = performance.now() - t;
  // graphology's side: BFS against the flow from the outlet, each reach's distance from the one
  // below it (its only out-neighbour); a branch beyond the bound is not followed.
  const dist = new Float64Array(REACHES);
  const graphTrace = (maxKm: number) => {
    let count = 0;
    bfsFromNode(
      graph,
      '0',
      (node) => {
        const i = Number(node);
        if (i !== 0) {
          const below = toId[i]!;
          dist[i] = dist[below]! + lengthKm[below]!;
          if (dist[i]! > maxKm) return true;
        } else dist[0] = 0;
        count++;
        return false;
      },
      { mode: 'inbound' },
    );
    return count;
  };

  const result: RiversBenchResult = {
    reaches: REACHES,
    buildMs,
    graphBuildMs,
    full: { reaches: 0, ms: 0, graphologyMs: 0 },
    bounded: { reaches: 0, ms: 0, graphologyMs: 0 },
    differ: 0,
  };
  for (const [key, maxKm] of [
    ['full', Infinity],
    ['bounded', 10],
  ] as const) {
    const trace = network.upstream(0, { maxKm });
    const count = graphTrace(maxKm);
    // Same reaches and distances on both sides.
    if (count !== trace.ids.length) result.differ += Math.abs(count - trace.ids.length);
    for (let i = 0; i < trace.ids.length; i++)
      if (Math.abs(dist[trace.indices[i]!]! - trace.distanceKm[i]!) > 1e-6) result.differ++;
    const ours = timeRuns(() => network.upstream(0, { maxKm }), RUNS);
    const theirs = timeRuns(() => graphTrace(maxKm), key === 'full' ? 5 : RUNS);
    result[key] = { reaches: trace.ids.length, ms: median(ours), graphologyMs: median(theirs) };
  }
  return result;
}

export function riversReport(): string {
  const r = riversBench();
  const row = (name: string, x: RiversBenchResult['full']) =>
    `| ${name} | ${x.reaches.toLocaleString('en')} | ${x.ms.toFixed(2)} ms | ${x.graphologyMs.toFixed(1)} ms | ${(x.graphologyMs / x.ms).toFixed(1)}x |`;
  return [
    `Synthetic tree of ${r.reaches.toLocaleString('en')} reaches; RiverNetwork.fromArrays ${r.buildMs.toFixed(0)} ms, graphology graph ${r.graphBuildMs.toFixed(0)} ms to build. Medians of ${RUNS} traces (graphology's full trace: 5).`,
    '',
    '| upstream from the outlet | reaches | RiverNetwork | graphology BFS | speed-up |',
    '| --- | ---: | ---: | ---: | ---: |',
    row('whole network', r.full),
    row('within 10 km', r.bounded),
    '',
    `Goal: the whole trace within 10 ms (${r.full.ms <= 10 ? 'met' : 'MISSED'}) and at least 20x faster than graphology (${r.full.graphologyMs / r.full.ms >= 20 ? 'met' : 'MISSED'}). Reaches or distances that differ between the two: ${r.differ}.`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(riversReport());
