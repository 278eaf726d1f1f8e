// Clues: the clue chain at Xuzhou's scale, 60,115 cases with their whole histories (about
// 342,000 steps) from the demo's simulator (`xuzhouUpdates`). Times ClueBoard.apply of every
// step (steps a second), stats by department and by source, and the open cases of one department
// (list), as medians of several runs, in Node (in a child process that does nothing else, for its
// peak memory) and in Chromium (the core bundled by esbuild, the steps fetched as JSON). The goal
// is stats under 50 ms. No peer library keeps such a board; the floor printed beside it is one
// pass over the same cases that only reads one field.
// Run alone: node --import tsx test/bench/clues.ts. The Chromium part needs Debian's chromium.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { chromium } from 'playwright-core';
import { ClueBoard, CLUE_STATUSES, type ClueUpdate } from '../../src/clues/index.js';
import { xuzhouUpdates } from '../../demo/server/simulator/xuzhou.js';
import { chromiumArgs, chromiumPath } from '../chromium.js';
import { bundle, serveFiles } from './tracks/server.js';

const CASES = 60_115;
const RUNS = 5;
/** The clock the cases are judged at (the history is the six weeks before it). */
const NOW = Date.parse('2026-05-06T10:17:00+08:00');
const DEPARTMENT = '市生态环境局';
const OPEN = CLUE_STATUSES.filter((s) => s !== 'closed');
const GOAL_STATS_MS = 50;

/** Medians (ms) of the runs, in Node or in Chromium. */
export interface ClueTimes {
  steps: number;
  cases: number;
  apply: number;
  statsDepartment: number;
  statsSource: number;
  list: number;
  listed: number;
  floor: number;
}

export interface CluesBenchResult extends ClueTimes {
  generateMs: number;
  peakRssMb: number;
  peakHeapMb: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

type Timed = 'apply' | 'statsDepartment' | 'statsSource' | 'list' | 'floor';
interface Measured {
  times: Record<Timed, number[]>;
  steps: number;
  cases: number;
  listed: number;
  refused: string[];
}

/**
 * The measurement on one platform: a new board per run, every step applied, then the queries.
 * Written without imports or inner named functions, so that it also runs in the page as is.
 */
function measure(
  Board: typeof ClueBoard,
  updates: ClueUpdate[],
  o: { now: number; runs: number; department: string; open: string[] },
): Measured {
  const times: Measured['times'] = {
    apply: [],
    statsDepartment: [],
    statsSource: [],
    list: [],
    floor: [],
  };
  const refused: string[] = [];
  let board = new Board({ now: () => o.now });
  let listed = 0;
  for (let r = 0; r < o.runs; r++) {
    board = new Board({ now: () => o.now });
    let t = performance.now();
    for (const u of updates) {
      const result = board.apply(u);
      if (!result.ok && refused.length < 5) refused.push(result.reason);
    }
    times.apply.push(performance.now() - t);
    t = performance.now();
    board.stats(o.now, 'department');
    times.statsDepartment.push(performance.now() - t);
    t = performance.now();
    board.stats(o.now, 'source');
    times.statsSource.push(performance.now() - t);
    t = performance.now();
    listed = board.list({
      department: o.department,
      status: o.open as ClueUpdate['status'][],
    }).length;
    times.list.push(performance.now() - t);
    const cases = board.list();
    t = performance.now();
    let sum = 0;
    for (const c of cases) sum += c.updatedAt;
    times.floor.push(performance.now() - t);
    if (!(sum > 0)) refused.push('no cases');
  }
  return { times, steps: updates.length, cases: board.size, listed, refused };
}

/** The medians of a measurement; throws if a step was refused. */
function summary({ times, refused, ...counts }: Measured, where: string): ClueTimes {
  if (refused.length) throw new Error(`steps refused in ${where}: ${refused.join('; ')}`);
  return {
    ...counts,
    apply: median(times.apply),
    statsDepartment: median(times.statsDepartment),
    statsSource: median(times.statsSource),
    list: median(times.list),
    floor: median(times.floor),
  };
}

/** What `measure` is asked, in Node and in the page alike. */
const settings = (runs: number) => ({ now: NOW, runs, department: DEPARTMENT, open: OPEN });

/** Runs in this process: the Node measurement. */
export function cluesBench(runs = RUNS): CluesBenchResult {
  const t = performance.now();
  const updates = xuzhouUpdates(NOW, CASES);
  const generateMs = performance.now() - t;
  let peakHeap = getHeapStatistics().used_heap_size;
  const measured = measure(ClueBoard, updates, settings(runs));
  peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
  return {
    ...summary(measured, 'Node'),
    generateMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 2 ** 20,
  };
}

/** The same measurement in Chromium: the core bundled, the steps fetched as JSON. */
export async function cluesChromium(runs = RUNS): Promise<ClueTimes> {
  const updates = xuzhouUpdates(NOW, CASES);
  const page = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>clues</title></head><body><script type="module">
import { ClueBoard } from './clues.js';
window.ClueBoard = ClueBoard;
window.steps = fetch('/steps.json').then((r) => r.json());
</script></body></html>`;
  const files = new Map([
    ['clues.js', await bundle('../../../src/clues/index.ts')],
    ['index.html', page],
    ['steps.json', JSON.stringify(updates)],
  ]);
  const server = await serveFiles(files);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const tab = await browser.newPage();
    await tab.goto(`${server.url}/index.html`);
    await tab.waitForFunction(() => 'ClueBoard' in window);
    // tsx keeps function names with a helper `__name`, which the page does not have.
    const source = `const __name = (f) => f; return (${measure.toString()})(window.ClueBoard, await window.steps, ${JSON.stringify(settings(runs))})`;
    return summary((await tab.evaluate(`(async () => { ${source} })()`)) as Measured, 'Chromium');
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * `<env-clue-board>`'s first render of the 60,115 cases in the list view, ms (median of `runs`):
 * a board holding every step is put into the page, and the time runs until its first render is
 * complete and a frame has been painted. Also the rows drawn (the list is virtual).
 */
export async function boardRenderMs(runs = RUNS): Promise<{ ms: number; rows: number } | null> {
  const updates = xuzhouUpdates(NOW, CASES);
  const page = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>clue board</title></head><body><script type="module" src="/board.js"></script>
<script type="module">window.steps = fetch('/steps.json').then((r) => r.json());</script>
</body></html>`;
  const files = new Map([
    ['board.js', await bundle('../clue-board-page.ts')],
    ['index.html', page],
    ['steps.json', JSON.stringify(updates)],
  ]);
  const server = await serveFiles(files);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await tab.goto(`${server.url}/index.html`);
    await tab.waitForFunction(() => 'boardReady' in window);
    const result = (await tab.evaluate(`(async () => {
      const steps = await window.steps;
      const times = [];
      let rows = 0;
      for (let r = 0; r < ${runs}; r++) {
        document.body.replaceChildren();
        const el = document.createElement('env-clue-board');
        el.setAttribute('time', ${JSON.stringify(new Date(NOW).toISOString())});
        for (const u of steps) el.board.apply(u);
        await new Promise((resolve) => setTimeout(resolve, 50));
        const t = performance.now();
        document.body.append(el);
        await el.updateComplete;
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
        times.push(performance.now() - t);
        rows = el.shadowRoot.querySelectorAll('.row').length;
        if (el.board.size !== ${CASES}) throw new Error('cases: ' + el.board.size);
      }
      times.sort((a, b) => a - b);
      return { ms: times[times.length >> 1], rows };
    })()`)) as { ms: number; rows: number };
    return result;
  } finally {
    await browser.close();
    await server.close();
  }
}

const GOAL_RENDER_MS = 200;
const f = (x: number, d = 0) =>
  x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const ms = (x: number | undefined) => (x === undefined ? 'n/a' : `${f(x, x < 10 ? 2 : 1)} ms`);

/** The report: Node in a child process (for its peak memory), then Chromium. */
export async function cluesReport(): Promise<string> {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--json'],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (child.status !== 0) throw new Error(`clues bench failed: ${child.stderr}`);
  const node = JSON.parse(child.stdout.trim().split('\n').pop()!) as CluesBenchResult;
  let web: ClueTimes | undefined;
  let webNote = '';
  try {
    web = await cluesChromium();
  } catch (e) {
    webNote = `Chromium part not run: ${(e as Error).message.split('\n')[0]}`;
  }
  const render = await boardRenderMs();
  const perSecond = (t: ClueTimes | undefined) =>
    t ? `${f(t.steps / (t.apply / 1000) / 1000)} k steps/s` : '';
  const goal = (x: number | undefined) =>
    x === undefined ? '' : `${f(x / GOAL_STATS_MS, 2)}x of goal`;
  const row = (label: string, a: number, b: number | undefined, extra = '', extraWeb = '') =>
    `| ${label} | ${ms(a)} ${extra} | ${ms(b)} ${extraWeb} |`;
  return [
    `${f(node.cases)} cases, ${f(node.steps)} steps (six weeks, simulated), generated by xuzhouUpdates in ${f(node.generateMs)} ms; median of ${RUNS} runs`,
    '',
    '| | Node | Chromium |',
    '|---|---:|---:|',
    row('apply every step (new board)', node.apply, web?.apply, perSecond(node), perSecond(web)),
    row(
      'stats(now, "department")',
      node.statsDepartment,
      web?.statsDepartment,
      goal(node.statsDepartment),
      goal(web?.statsDepartment),
    ),
    row(
      'stats(now, "source")',
      node.statsSource,
      web?.statsSource,
      goal(node.statsSource),
      goal(web?.statsSource),
    ),
    row(`list(${DEPARTMENT}, open): ${f(node.listed)} cases`, node.list, web?.list),
    row('floor: reading each case once', node.floor, web?.floor),
    `| <env-clue-board> first render of the list | | ${render === null ? 'not measured' : `${ms(render.ms)} ${f(render.ms / GOAL_RENDER_MS, 2)}x of goal (${render.rows} rows drawn)`} |`,
    '',
    `goals: stats under ${GOAL_STATS_MS} ms, the board's first render under ${GOAL_RENDER_MS} ms (the ratio is time / goal, under 1 meets it)`,
    `peak V8 heap used ${f(node.peakHeapMb)} MB (steps and board included), peak resident set ${f(node.peakRssMb)} MB (Node)`,
    ...(webNote ? [webNote] : []),
  ].join('\n');
}

if (process.argv[1]?.endsWith('/clues.ts')) {
  if (process.argv.includes('--json')) console.log(JSON.stringify(cluesBench()));
  else console.log(await cluesReport());
}
