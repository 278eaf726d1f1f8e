import { expect } from '@esm-bundle/chai';
import { sendMouse } from '@web/test-runner-commands';
import { fromLonLat } from 'ol/proj.js';
import type Feature from 'ol/Feature.js';
import { createFeed, type Envelope } from '../../src/index.js';
import { SourceTraceLayer, getLegend } from '../../layers/index.js';
import type { EnvMap } from '../../widgets/index.js';
import type {
  EnvErrorDetail,
  EnvSourceDispatchDetail,
  EnvSourceTraceDetail,
} from '../../widgets/base/events.js';
import { EnvSourceTrace } from '../../widgets/env-source-trace/EnvSourceTrace.js';
import { cleanup, fixture, listenerCount, nextEvent, rendered, until } from './helpers.js';

if (!customElements.get('env-source-trace'))
  customElements.define('env-source-trace', EnvSourceTrace);

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const H = 3_600_000;
const T0 = Date.UTC(2026, 11, 2, 6, 0);
const iso = (t: number) => new Date(t).toISOString();
const S = { lon: 115.48, lat: 35.25 };
/** Degrees of longitude per metre at the station's latitude. */
const LON_PER_M = 1 / (111_195 * Math.cos((S.lat * Math.PI) / 180));
const LAT_PER_M = 1 / 111_195;

/** A wind from the east at 2 m/s over the station, each hour from 7 hours before T0 to T0. */
const EAST_WIND = Array.from({ length: 8 }, (_, h) => ({
  time: T0 - h * H,
  lon: S.lon,
  lat: S.lat,
  dirDeg: 90,
  speedMs: 2,
}));

/** Upwind in the corridor (A), downwind (B), upwind but 5 km off the path (C), upwind without PM2.5 (D). */
const SOURCES = [
  {
    id: 'A',
    name: '模拟企业 A',
    kind: 'enterprise',
    lon: S.lon + 20_000 * LON_PER_M,
    lat: S.lat + 500 * LAT_PER_M,
    pollutants: ['pm25', 'so2'],
  },
  { id: 'B', name: '模拟扬尘 B', kind: 'dust', lon: S.lon - 10_000 * LON_PER_M, lat: S.lat },
  {
    id: 'C',
    name: '模拟工地 C',
    kind: 'construction',
    lon: S.lon + 20_000 * LON_PER_M,
    lat: S.lat + 5_000 * LAT_PER_M,
  },
  {
    id: 'D',
    name: '模拟企业 D',
    kind: 'enterprise',
    lon: S.lon + 30_000 * LON_PER_M,
    lat: S.lat - 800 * LAT_PER_M,
    pollutants: ['vocs'],
  },
];

async function setup(attributes = '') {
  const map = await fixture<EnvMap>(
    `<env-map lang="zh-CN" center="${S.lon + 0.15},${S.lat}" zoom="10" style="width:800px;height:500px">
      <env-source-trace slot="top-left" ${attributes}></env-source-trace>
    </env-map>`,
  );
  const el = map.querySelector('env-source-trace') as EnvSourceTrace;
  await until(() => el.layer !== undefined, 'the layer');
  return { map, el };
}

const kinds = (el: EnvSourceTrace) =>
  el
    .layer!.getSource()!
    .getFeatures()
    .map((f) => f.get('kind') as string);
const sourceFeature = (el: EnvSourceTrace, id: string) =>
  el
    .layer!.getSource()!
    .getFeatures()
    .find((f) => f.get('kind') === 'source' && f.get('id') === id) as Feature;

/** Answers console warnings quietly for the duration of `run`. */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => {};
  try {
    return await run();
  } finally {
    console.warn = warn;
  }
}

describe('<env-source-trace>', () => {
  afterEach(cleanup);

  it('with a constant wind traces a straight line upwind and ranks only the source in its corridor', async () => {
    const { el } = await setup();
    el.winds = EAST_WIND;
    el.sources = SOURCES;
    await el.updateComplete;
    const event = nextEvent<CustomEvent<EnvSourceTraceDetail>>(el, 'env-source-trace');
    const result = el.trace({ lon: S.lon, lat: S.lat, time: T0 });
    const { detail } = await event;
    expect(detail).to.equal(result);
    const path = detail.trajectory;
    expect(path).to.have.length(37); // 6 hours of 10-minute steps and the start
    for (const p of path) expect(p.lat).to.be.closeTo(S.lat, 1e-9);
    for (let i = 1; i < path.length; i++) expect(path[i]!.lon).to.be.greaterThan(path[i - 1]!.lon);
    // 2 m/s for 6 hours: 43.2 km east.
    expect((path.at(-1)!.lon - S.lon) / LON_PER_M).to.be.closeTo(43_200, 60);
    expect(detail.candidates.map((c) => c.id)).to.deep.equal(['A', 'D']);
    const a = detail.candidates[0]!;
    expect(a.rank).to.equal(1);
    expect(a.offsetM).to.be.closeTo(500, 5);
    expect(a.hoursBefore).to.be.closeTo(20_000 / 2 / 3600, 0.01);
    // Drawn: the path, its corridor, six hour marks, the start; A and D numbered, B and C not.
    const drawn = kinds(el);
    expect(drawn.filter((k) => k === 'path')).to.have.length(1);
    expect(drawn.filter((k) => k === 'corridor')).to.have.length(1);
    expect(drawn.filter((k) => k === 'hour')).to.have.length(6);
    expect(sourceFeature(el, 'A').get('rank')).to.equal(1);
    expect(sourceFeature(el, 'D').get('rank')).to.equal(2);
    expect(sourceFeature(el, 'B').get('rank')).to.equal(undefined);
    expect(sourceFeature(el, 'C').get('rank')).to.equal(undefined);
    // The corridor holds A and leaves C (5 km off the path) out.
    const corridor = el
      .layer!.getSource()!
      .getFeatures()
      .find((f) => f.get('kind') === 'corridor')!
      .getGeometry()!;
    const inside = (s: { lon: number; lat: number }) =>
      corridor.intersectsCoordinate(fromLonLat([s.lon, s.lat]));
    expect(inside(SOURCES[0]!)).to.equal(true);
    expect(inside(SOURCES[2]!)).to.equal(false);
    expect(getLegend(el.layer!).map((e) => e.label)).to.include.members([
      '后向轨迹',
      '溯源走廊',
      '疑似来源',
    ]);
    // The panel lists them by rank and announces how many there are.
    await el.updateComplete;
    const rows = [...el.shadowRoot!.querySelectorAll('li')];
    expect(rows.map((r) => r.dataset['id'])).to.deep.equal(['A', 'D']);
    expect(rows[0]!.textContent).to.contain('1. 模拟企业 A').and.contain('企业');
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('2 个疑似来源');

    // Only the sources of a pollutant: D emits no PM2.5.
    el.pollutant = 'pm25';
    const again = nextEvent<CustomEvent<EnvSourceTraceDetail>>(el, 'env-source-trace');
    const { detail: pm25 } = await again;
    expect(pm25.candidates.map((c) => c.id)).to.deep.equal(['A']);
    expect(pm25.pollutant).to.equal('pm25');
  });

  it('starts a trace from a click on a station of the feed, with its wind', async () => {
    const { map, el } = await setup();
    el.sources = SOURCES;
    const feed = createFeed({
      url: '/nowhere',
      transport: 'poll',
      fetch: () => new Promise(() => {}),
    });
    map.feed = feed;
    const messages: Envelope[] = [
      {
        type: 'station.meta',
        id: 'm1',
        time: iso(T0 - 2 * H),
        data: { id: 'S1', name: '模拟站点', kind: 'township', ...S },
      },
    ];
    for (let h = 2; h >= 0; h--)
      messages.push({
        type: 'station.reading',
        id: `r${h}`,
        time: iso(T0 - h * H),
        data: { stationId: 'S1', values: { pm25: 60 + h }, windDirDeg: 90, windSpeedMs: 2 },
      });
    feed.ingest(messages);
    await until(
      () => el.stations.length === 1 && el.windObservations().length === 3,
      'the station',
    );
    await rendered(map);
    const pixel = map.map.getPixelFromCoordinate(fromLonLat([S.lon, S.lat]));
    const rect = map.getBoundingClientRect();
    const traced = nextEvent<CustomEvent<EnvSourceTraceDetail>>(el, 'env-source-trace');
    await sendMouse({
      type: 'click',
      position: [Math.round(rect.left + pixel[0]!), Math.round(rect.top + pixel[1]!)],
    });
    const { detail } = await traced;
    expect(detail.stationId).to.equal('S1');
    expect(detail.start.name).to.equal('模拟站点');
    expect(detail.start.time).to.equal(T0); // the station's latest reading
    expect(detail.candidates[0]!.id).to.equal('A');
    // A station chosen elsewhere on the map (env-select) traces too.
    el.clearTrace();
    const selected = nextEvent<CustomEvent<EnvSourceTraceDetail>>(el, 'env-source-trace');
    await new Promise((r) => setTimeout(r, 600));
    map.dispatchEvent(
      new CustomEvent('env-select', {
        detail: {
          kind: 'station',
          id: 'S1',
          lon: S.lon,
          lat: S.lat,
          value: 60,
          values: {},
          time: T0,
        },
        bubbles: true,
        composed: true,
      }),
    );
    expect((await selected).detail.stationId).to.equal('S1');
  });

  it('dispatch: cancelled leaves the row as it was, else marks it dispatched', async () => {
    const { map, el } = await setup();
    el.winds = EAST_WIND;
    el.sources = SOURCES;
    await el.updateComplete;
    el.trace({ lon: S.lon, lat: S.lat, time: T0, pollutant: 'pm25' });
    await el.updateComplete;
    const row = () => el.shadowRoot!.querySelector('li[data-id="A"]') as HTMLElement;
    const button = () => row().querySelector('button[data-action="dispatch"]') as HTMLButtonElement;
    const details: EnvSourceDispatchDetail[] = [];
    const record = (e: Event) => details.push((e as CustomEvent<EnvSourceDispatchDetail>).detail);
    const veto = (e: Event) => e.preventDefault();
    map.addEventListener('env-dispatch', record);
    map.addEventListener('env-dispatch', veto);
    button().click();
    await el.updateComplete;
    expect(details).to.have.length(1);
    expect(row().dataset['state']).to.equal('new');
    expect(button().disabled).to.equal(false);
    expect(button().textContent!.trim()).to.equal('派单');
    map.removeEventListener('env-dispatch', veto);
    button().click();
    await el.updateComplete;
    expect(details).to.have.length(2);
    expect(row().dataset['state']).to.equal('dispatched');
    expect(button().textContent!.trim()).to.equal('已派单');
    expect(button().disabled).to.equal(true);
    const d = details[1]!;
    expect(d.kind).to.equal('source-trace');
    expect(d.sourceId).to.equal('A');
    expect(d.name).to.equal('模拟企业 A');
    expect(d.stationId).to.equal(null);
    expect(d.pollutant).to.equal('pm25');
    expect(d.offsetM).to.be.closeTo(500, 5);
    expect(d.hoursBefore).to.be.closeTo(2.78, 0.01);
    expect(d.lon).to.equal(SOURCES[0]!.lon);
    map.removeEventListener('env-dispatch', record);
  });

  it('reports a trace without wind for its hours and draws nothing', async () => {
    const { el } = await setup();
    el.sources = SOURCES;
    await el.updateComplete;
    await quietly(async () => {
      const error = nextEvent<CustomEvent<EnvErrorDetail>>(el, 'env-error');
      expect(el.trace({ lon: S.lon, lat: S.lat, time: T0 })).to.equal(null);
      const { detail } = await error;
      expect(detail.code).to.equal('data');
      expect(detail.message).to.contain('no wind observation');
      expect(kinds(el)).to.not.include('path');
      // The panel says why, in the map's language.
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('.failure')!.textContent).to.contain(
        '2026-12-02 07:00 至 2026-12-02 15:00 没有风向风速数据',
      );
      // Winds of other days do not count either; a trace shown before is cleared.
      el.winds = EAST_WIND;
      await el.updateComplete;
      expect(el.trace({ lon: S.lon, lat: S.lat, time: T0 })).to.not.equal(null);
      expect(kinds(el)).to.include('path');
      const later = nextEvent<CustomEvent<EnvErrorDetail>>(el, 'env-error');
      expect(el.trace({ lon: S.lon, lat: S.lat, time: T0 + 48 * H })).to.equal(null);
      expect((await later).detail.message).to.contain('2026-12-04');
      expect(kinds(el)).to.not.include('path');
      expect(kinds(el)).to.not.include('corridor');
      expect(el.result).to.equal(null);
    });
  });

  it('skips bad source records by index and shows hostile names as text', async () => {
    const { el } = await setup();
    el.winds = EAST_WIND;
    const error = nextEvent<CustomEvent<EnvErrorDetail>>(el, 'env-error');
    await quietly(async () => {
      el.sources = [
        { ...SOURCES[0]!, name: HOSTILE },
        { id: 'X', name: 'no position' },
        'nonsense',
      ];
      const { detail } = await error;
      expect(detail.message).to.contain('source 1').and.contain('source 2');
    });
    expect(el.sourceRecords).to.have.length(1);
    el.trace({ lon: S.lon, lat: S.lat, time: T0 });
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(el.shadowRoot!.querySelector('li')!.textContent).to.contain(HOSTILE);
  });

  it('reads GeoJSON sources from src', async () => {
    const { el } = await setup();
    el.src = '/demo/data/heze-sources.json';
    await until(() => el.sourceRecords.length >= 30, 'the demo sources', 8000);
    for (const s of el.sourceRecords) expect(s.name).to.match(/模拟/);
    expect(kinds(el).filter((k) => k === 'source')).to.have.length(el.sourceRecords.length);
  });

  it('leaves no layer or listener behind after being removed and added again', async () => {
    const { map, el } = await setup();
    await rendered(map);
    el.winds = EAST_WIND;
    el.sources = SOURCES;
    await el.updateComplete;
    el.trace({ lon: S.lon, lat: S.lat, time: T0 });
    const ol = map.map;
    el.remove();
    const count = () => ({
      layers: ol.getLayers().getLength(),
      mapListeners: listenerCount(ol),
      viewListeners: listenerCount(ol.getView()),
    });
    const before = count();
    const layers = new Set<SourceTraceLayer>();
    for (let i = 0; i < 50; i++) {
      map.append(el);
      await el.updateComplete;
      expect(el.layer).to.be.instanceOf(SourceTraceLayer);
      layers.add(el.layer!);
      expect(ol.getLayers().getLength()).to.equal(before.layers + 1);
      // The trace it held is drawn again on the new layer.
      expect(kinds(el)).to.include('path');
      el.remove();
    }
    expect(layers.size).to.equal(50);
    expect(count()).to.deep.equal(before);
    for (const layer of layers) expect(layer.getSource()).to.equal(null);
  });
});
