import { expect } from '@esm-bundle/chai';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { fromLonLat } from 'ol/proj.js';
import type Feature from 'ol/Feature.js';
import type { Style } from 'ol/style.js';
import { CLUE_COLORS, getLegend } from '../../layers/index.js';
import { getLocale, type ClueState, type ClueUpdate } from '../../src/index.js';
import type { EnvClueBoard, EnvClueSelectDetail, EnvMap, EnvZones } from '../../widgets/index.js';
import { EnvClueMap } from '../../widgets/env-clue-map/EnvClueMap.js';
import { EnvClueStats } from '../../widgets/env-clue-stats/EnvClueStats.js';
import { cleanup, fixture, listenerCount, nextEvent, until } from './helpers.js';

if (!customElements.get('env-clue-map')) customElements.define('env-clue-map', EnvClueMap);
if (!customElements.get('env-clue-stats')) customElements.define('env-clue-stats', EnvClueStats);

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const FORMULA = '=HYPERLINK("x")';
const NOW = '2026-03-20T12:00:00+08:00';
const bj = (s: string) => Date.parse(`2026-${s}:00+08:00`);

interface Case {
  id: string;
  at: string;
  department: string;
  source: string;
  lon?: number;
  lat?: number;
  zone?: string;
  deadline?: string;
  title?: string;
  /** Closed at, founded (after every step), or closed as unfounded at. */
  closed?: string;
  unfounded?: string;
}

// Judged at 03-20 12:00 (due soon from 24 h before a deadline).
const CASES: Case[] = [
  // East: on time, due soon, and an overdue + due-soon pair 100 m apart (one cluster).
  {
    id: 'c1',
    at: '03-05T09:00',
    department: 'A局',
    source: '12345',
    lon: 115.58,
    lat: 35.22,
    zone: 'east',
    deadline: '03-25T00:00',
  },
  {
    id: 'c2',
    at: '03-10T09:00',
    department: 'A局',
    source: '12369',
    lon: 115.5,
    lat: 35.3,
    zone: 'east',
    deadline: '03-21T00:00',
  },
  {
    id: 'c5',
    at: '03-03T09:00',
    department: FORMULA,
    source: 'radar',
    lon: 115.6,
    lat: 35.1,
    zone: 'east',
    deadline: '03-15T00:00',
  },
  {
    id: 'c10',
    at: '03-11T09:00',
    department: 'A局',
    source: 'radar',
    lon: 115.601,
    lat: 35.1,
    zone: 'east',
    deadline: '03-21T06:00',
  },
  // East, closed on time (hidden unless show-closed).
  {
    id: 'c4',
    at: '03-02T09:00',
    department: 'B局',
    source: '12345',
    lon: 115.65,
    lat: 35.25,
    zone: 'east',
    deadline: '03-10T00:00',
    closed: '03-08T10:00',
  },
  // West: overdue, a hostile overdue case, a case closed late.
  {
    id: 'c3',
    at: '03-01T09:00',
    department: 'B局',
    source: 'camera',
    lon: 115.4,
    lat: 35.05,
    zone: 'west',
    deadline: '03-15T00:00',
  },
  {
    id: 'c9',
    at: '03-06T09:00',
    department: HOSTILE,
    source: '12345',
    lon: 115.3,
    lat: 35.3,
    zone: 'west',
    deadline: '03-19T00:00',
    title: HOSTILE,
  },
  {
    id: 'c8',
    at: '03-01T10:00',
    department: FORMULA,
    source: 'camera',
    lon: 115.25,
    lat: 35.15,
    zone: 'west',
    deadline: '03-05T00:00',
    closed: '03-07T10:00',
  },
  // No position: closed as unfounded.
  { id: 'c6', at: '03-04T09:00', department: 'B局', source: '12345', unfounded: '03-05T09:00' },
  // Last month.
  {
    id: 'c7',
    at: '02-20T09:00',
    department: 'A局',
    source: '12345',
    lon: 115.55,
    lat: 35.38,
    zone: 'east',
  },
];

function updatesOf(c: Case): ClueUpdate[] {
  const first: ClueUpdate = {
    updateId: `${c.id}-0`,
    id: c.id,
    status: 'discovered',
    time: bj(c.at),
    department: c.department,
    source: c.source,
    title: c.title ?? `线索 ${c.id}`,
  };
  if (c.lon !== undefined) Object.assign(first, { lon: c.lon, lat: c.lat, zone: c.zone });
  if (c.unfounded)
    return [
      first,
      { updateId: `${c.id}-x`, id: c.id, status: 'closed', time: bj(c.unfounded), founded: false },
    ];
  const out = [first];
  const t0 = bj(c.at);
  const dispatched: ClueUpdate = {
    updateId: `${c.id}-1`,
    id: c.id,
    status: 'dispatched',
    time: t0 + 60_000,
  };
  if (c.deadline) dispatched.deadline = bj(c.deadline);
  out.push(dispatched);
  if (c.closed) {
    const statuses = ['rectifying', 'verifying', 'feedback'] as const;
    statuses.forEach((status, i) =>
      out.push({ updateId: `${c.id}-s${i}`, id: c.id, status, time: t0 + (i + 2) * 60_000 }),
    );
    out.push({ updateId: `${c.id}-c`, id: c.id, status: 'closed', time: bj(c.closed) });
  }
  return out;
}

const square = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});
const ZONES = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { id: 'west', name: '西区', level: 'county' },
      geometry: square(115.2, 35, 115.45, 35.4),
    },
    {
      type: 'Feature',
      properties: { id: 'east', name: '东区', level: 'county' },
      geometry: square(115.45, 35, 115.7, 35.4),
    },
  ],
};

async function setup(mapAttrs = '', statsAttrs = '') {
  // The board is not shown (no slot); the statistics sit beside the map (for=).
  const map = await fixture<EnvMap>(
    `<env-map id="m" lang="zh-CN" center="115.45,35.2" zoom="10" style="width:800px;height:560px">
      <env-zones id="zones" no-fit></env-zones>
      <env-clue-map ${mapAttrs}></env-clue-map>
      <env-clue-board time="${NOW}"></env-clue-board>
    </env-map>
    <env-clue-stats for="m" ${statsAttrs}></env-clue-stats>`,
  );
  const zones = map.querySelector('env-zones') as EnvZones;
  const board = map.querySelector('env-clue-board') as EnvClueBoard;
  const clues = map.querySelector('env-clue-map') as EnvClueMap;
  const stats = document.querySelector('env-clue-stats') as EnvClueStats;
  zones.data = ZONES;
  for (const c of CASES)
    for (const u of updatesOf(c)) expect(board.apply(u)).to.deep.equal({ ok: true });
  await until(() => clues.layer !== undefined && clues.clues.length === 9, 'the cases on the map');
  return { map, zones, board, clues, stats };
}

/** The colour a feature of the layer is drawn in (its first style with an image). */
function colourOf(clues: EnvClueMap, f: Feature): string {
  const styles = clues.layer!.getStyleFunction()!(f, 1) as Style | Style[];
  const list = Array.isArray(styles) ? styles : [styles];
  const image = list.map((s) => s.getImage()).find((i) => i && 'getFill' in i) as unknown as {
    getFill(): { getColor(): string };
  };
  return image.getFill().getColor();
}

const pixelOf = (map: EnvMap, lon: number, lat: number) => {
  const p = map.map!.getPixelFromCoordinate(fromLonLat([lon, lat]));
  const rect = map.shadowRoot!.querySelector('.ol-viewport')!.getBoundingClientRect();
  return [Math.round(rect.left + p[0]!), Math.round(rect.top + p[1]!)] as [number, number];
};

const cells = (stats: EnvClueStats, key: string) => {
  const row = stats.shadowRoot!.querySelector(`tbody tr[data-key="${CSS.escape(key)}"]`)!;
  return Object.fromEntries(
    [...row.querySelectorAll('td')].map((td) => [td.dataset.column!, td.textContent!.trim()]),
  );
};
const order = (stats: EnvClueStats) =>
  [...stats.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => tr.getAttribute('data-key'));

describe('<env-clue-map>', () => {
  afterEach(cleanup);

  it('colours cases by state, hides closed ones, clusters the pair, counts open cases per zone', async () => {
    const { map, zones, board, clues } = await setup();
    const now = board.now();
    const expected: Record<string, ClueState> = {};
    for (const c of board.board.list())
      if (c.lon !== undefined) expected[c.id] = board.board.stateOf(c, now);
    expect(Object.fromEntries(clues.clues.map((c) => [c.id, c.state]))).to.deep.equal(expected);
    expect(expected).to.include({
      c1: 'on-time',
      c2: 'due-soon',
      c3: 'overdue',
      c4: 'closed-on-time',
      c8: 'closed-late',
    });
    for (const [id, s] of Object.entries(expected)) expect(clues.layer!.stateOf(id)).to.equal(s);
    // Each open case drawn alone in the colour of its state; closed ones not drawn.
    await map.whenRendered();
    const drawn = () => clues.layer!.getSource()!.getFeatures();
    const single = (id: string) =>
      drawn().find((f) => {
        const m = f.get('features') as Feature[];
        return m.length === 1 && m[0]!.getId() === id;
      });
    await until(() => single('c1') !== undefined, 'the clusters');
    for (const id of ['c1', 'c2', 'c3', 'c9'])
      expect(colourOf(clues, single(id)!)).to.equal(CLUE_COLORS[expected[id]!]);
    expect(single('c4')).to.equal(undefined);
    expect(single('c8')).to.equal(undefined);
    // c5 (overdue) and c10 (due soon) are one cluster in the colour of the overdue case.
    const pair = drawn().find((f) => (f.get('features') as Feature[]).length > 1)!;
    expect((pair.get('features') as Feature[]).map((f) => f.getId()).sort()).to.deep.equal([
      'c10',
      'c5',
    ]);
    expect(colourOf(clues, pair)).to.equal(CLUE_COLORS.overdue);
    const styles = clues.layer!.getStyleFunction()!(pair, 1) as Style;
    expect(styles.getText()!.getText()).to.equal('2·1');
    const pick = () =>
      clues.layer!.pick(map.map!.getPixelFromCoordinate(fromLonLat([115.6005, 35.1])));
    expect(pick()?.kind).to.equal('cluster');
    // The legend names the open states in Chinese; show-closed adds the closed ones.
    const t = getLocale('zh-CN').t;
    const legend = () => getLegend(clues.layer!);
    expect(legend().map((e) => e.label)).to.deep.equal(
      ['overdue', 'due-soon', 'on-time'].map((s) => t(`clue.state.${s as ClueState}`)),
    );
    expect(legend()[0]!.color).to.equal(CLUE_COLORS.overdue);
    clues.showClosed = true;
    await until(() => single('c4') !== undefined, 'the closed cases');
    expect(colourOf(clues, single('c4')!)).to.equal(CLUE_COLORS['closed-on-time']);
    expect(colourOf(clues, single('c8')!)).to.equal(CLUE_COLORS['closed-late']);
    expect(legend().length).to.equal(5);
    // Open cases per zone (west: c3, c9; east: c1, c2, c5, c7, c10), then the overdue ones.
    await until(() => zones.valueFor('east') === 5, 'the zone values');
    expect(zones.valueFor('west')).to.equal(2);
    expect(Object.fromEntries(clues.countsByZone())).to.deep.equal({
      west: { total: 3, open: 2, overdue: 2 },
      east: { total: 6, open: 5, overdue: 1 },
    });
    clues.zoneValue = 'overdue';
    await until(() => zones.valueFor('east') === 1, 'the overdue values');
    expect(zones.valueFor('west')).to.equal(2);
    // A new case is drawn and counted.
    board.apply({
      updateId: 'n-0',
      id: 'n',
      status: 'discovered',
      time: bj('03-20T10:00'),
      lon: 115.3,
      lat: 35.2,
      deadline: bj('03-19T00:00'),
    });
    await until(() => zones.valueFor('west') === 3, 'the new case');
    expect(clues.layer!.stateOf('n')).to.equal('overdue');
  });

  it('a click on a case selects it on the board, once; a click on a cluster zooms in', async () => {
    const { map, board, clues } = await setup();
    await map.whenRendered();
    await until(
      () =>
        clues.layer!.pick(map.map!.getPixelFromCoordinate(fromLonLat([115.4, 35.05])))?.kind ===
        'clue',
      'c3 drawn',
    );
    const heard: EnvClueSelectDetail[] = [];
    const hear = (e: Event) => heard.push((e as CustomEvent<EnvClueSelectDetail>).detail);
    map.addEventListener('env-clue-select', hear);
    const selected = nextEvent<CustomEvent<EnvClueSelectDetail>>(map, 'env-clue-select');
    await sendMouse({ type: 'click', position: pixelOf(map, 115.4, 35.05) });
    expect((await selected).detail).to.deep.equal({
      id: 'c3',
      lon: 115.4,
      lat: 35.05,
      state: 'overdue',
    });
    expect(board.selected?.id).to.equal('c3');
    await new Promise((r) => setTimeout(r, 300));
    map.removeEventListener('env-clue-select', hear);
    expect(heard.length).to.equal(1);
    // Without a board select(), the map fires the event itself.
    (board as unknown as { select: unknown }).select = undefined;
    const own = nextEvent<CustomEvent<EnvClueSelectDetail>>(map, 'env-clue-select');
    expect(clues.select('c1')).to.equal(true);
    expect((await own).detail).to.include({ id: 'c1', state: 'on-time' });
    expect((await own).target).to.equal(clues);
    expect(clues.select('nope')).to.equal(false);
    // The cluster: zoom to it.
    const zoom = map.map!.getView().getZoom()!;
    await sendMouse({ type: 'click', position: pixelOf(map, 115.6005, 35.1) });
    await until(() => map.map!.getView().getZoom()! > zoom + 1, 'the zoom', 3000);
  });

  it('removed and added again, leaves no layer and no listener behind', async () => {
    const { map, clues, stats } = await setup();
    const count = () => map.map!.getLayers().getLength();
    const before = count();
    const listeners = listenerCount(map.map!);
    const beside = stats.parentElement!;
    clues.remove();
    stats.remove();
    expect(count()).to.equal(before - 1);
    map.append(clues);
    beside.append(stats);
    await until(() => clues.layer !== undefined && clues.clues.length === 9, 'the layer again');
    expect(count()).to.equal(before);
    expect(listenerCount(map.map!)).to.equal(listeners);
  });
});

describe('<env-clue-stats>', () => {
  afterEach(cleanup);

  it('counts the current month per department as the board does; hostile names stay text', async () => {
    const { board, stats } = await setup();
    await until(() => stats.shadowRoot!.querySelector('tbody tr') !== null, 'the table');
    const now = board.now();
    const from = Date.parse('2026-03-01T00:00:00+08:00');
    expect(stats.period()).to.deep.equal({ from, to: now });
    const expected = board.board.stats(now, 'department', { from, to: now });
    expect(Object.keys(expected).sort()).to.deep.equal(['A局', 'B局', FORMULA, HOSTILE].sort());
    const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
    for (const [key, s] of Object.entries(expected)) {
      const row = cells(stats, key);
      expect(row).to.deep.equal({
        total: String(s.total),
        open: String(s.open),
        dueSoon: String(s.dueSoon),
        overdue: String(s.overdue),
        closedOnTime: String(s.closedOnTime),
        closedLate: String(s.closedLate),
        onTimeRate: pct(s.onTimeRate),
        confirmedRate: pct(s.confirmedRate),
      });
    }
    // Last month's c7 is out; B局 closed c4 on time and c6 as unfounded.
    expect(cells(stats, 'A局').total).to.equal('3');
    expect(cells(stats, 'B局')).to.include({ onTimeRate: '100%', confirmedRate: '50%' });
    expect(cells(stats, FORMULA)).to.include({
      onTimeRate: '0%',
      confirmedRate: '100%',
      overdue: '1',
    });
    expect(cells(stats, 'A局').onTimeRate).to.equal('—');
    const foot = [...stats.shadowRoot!.querySelectorAll('tfoot td')].map((td) =>
      td.textContent!.trim(),
    );
    expect(foot.slice(0, 2)).to.deep.equal(['9', '6']);
    // One bar per row with a rate; the hostile name is text in the table and the chart.
    expect(stats.shadowRoot!.querySelectorAll('rect.bar').length).to.equal(2);
    const names = [...stats.shadowRoot!.querySelectorAll('tbody th')].map((th) =>
      th.textContent!.trim(),
    );
    expect(names).to.include(HOSTILE);
    expect(stats.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    // A range with last month: c7 counts.
    stats.from = '2026-02-01';
    await until(() => cells(stats, 'A局').total === '4', 'the range');
    // By source, with the locale's names; by zone, with the zones' names.
    stats.by = 'source';
    await until(() => order(stats).includes('camera'), 'by source');
    const camera = stats
      .shadowRoot!.querySelector('tbody tr[data-key="camera"] th')!
      .textContent!.trim();
    expect(camera).to.equal(getLocale('zh-CN').t('clue.source.camera'));
    const select = stats.shadowRoot!.querySelector('select') as HTMLSelectElement;
    select.value = 'zone';
    select.dispatchEvent(new Event('change'));
    await until(() => order(stats).includes('west'), 'by zone');
    expect(
      stats.shadowRoot!.querySelector('tbody tr[data-key="west"] th')!.textContent!.trim(),
    ).to.equal('西区');
    expect(cells(stats, '')).to.include({ total: '1' });
  });

  it('sorts with the keyboard and says so', async () => {
    const { stats } = await setup();
    await until(() => stats.shadowRoot!.querySelector('tbody tr') !== null, 'the table');
    const header = () => stats.shadowRoot!.querySelector('th[data-key="onTimeRate"]')!;
    expect(header().hasAttribute('aria-sort')).to.equal(false);
    (header().querySelector('button') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => header().getAttribute('aria-sort') === 'descending', 'descending');
    // Rates high to low, rows without one last (by name).
    expect(order(stats).slice(0, 2)).to.deep.equal(['B局', FORMULA]);
    await sendKeys({ press: 'Space' });
    await until(() => header().getAttribute('aria-sort') === 'ascending', 'ascending');
    expect(order(stats).slice(0, 2)).to.deep.equal([FORMULA, 'B局']);
    expect(stats.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('按期办结率');
    expect(
      stats.shadowRoot!.querySelector('th[data-key="total"]')!.hasAttribute('aria-sort'),
    ).to.equal(false);
    // The chart follows the order.
    const bars = [...stats.shadowRoot!.querySelectorAll('g.row')].map((g) =>
      g.getAttribute('data-key'),
    );
    expect(bars.slice(0, 2)).to.deep.equal([FORMULA, 'B局']);
  });

  it('exports CSV with a BOM, quoted fields and formulas neutralised', async () => {
    const { stats } = await setup();
    await until(() => stats.shadowRoot!.querySelector('tbody tr') !== null, 'the table');
    const text = stats.csv();
    expect(text.charCodeAt(0)).to.not.equal(0xfeff);
    const lines = text.split('\r\n');
    expect(lines[0]).to.equal(
      '"责任部门","线索总数","办理中","即将到期","已超期","按期办结","超期办结","按期办结率","查实率"',
    );
    expect(text).to.contain(`"'=HYPERLINK(""x"")","2","1","0","1","0","1","0%","100%"`);
    expect(text).to.contain(`"${HOSTILE.replace(/"/g, '""')}"`);
    expect(text).to.contain('"A局","3","3","2","0","0","0","",""');
    expect(lines.at(-2)!.startsWith('"合计","9","6"')).to.equal(true);
    // The button downloads it as a file through a Blob URL.
    const created: Blob[] = [];
    const create = URL.createObjectURL;
    URL.createObjectURL = (b: Blob | MediaSource) => {
      created.push(b as Blob);
      return create.call(URL, b);
    };
    let download = '';
    const stop = (e: Event) => {
      const a = e.composedPath()[0] as HTMLAnchorElement;
      if (a.localName === 'a') {
        download = a.download;
        e.preventDefault();
      }
    };
    window.addEventListener('click', stop, true);
    try {
      (stats.shadowRoot!.querySelector('[part=export]') as HTMLButtonElement).click();
    } finally {
      URL.createObjectURL = create;
      window.removeEventListener('click', stop, true);
    }
    expect(download).to.match(/^clue-stats-department-2026-03-01_2026-03-20\.csv$/);
    expect(created.length).to.equal(1);
    const bytes = new Uint8Array(await created[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).to.equal(text);
    expect(created[0]!.type).to.contain('text/csv');
  });
});
