import { expect } from '@esm-bundle/chai';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { fromLonLat } from 'ol/proj.js';
import {
  PowerWorker,
  createFeed,
  detectPowerAnomalies,
  type Envelope,
  type MeterReading,
} from '../../src/index.js';
import { ENTERPRISE_COLORS, getLegend } from '../../layers/index.js';
import type {
  EnvEnterpriseSelectDetail,
  EnvEnterprises,
  EnvErrorDetail,
  EnvMap,
  EnvPowerChart,
  EnvZones,
} from '../../widgets/index.js';
import { cleanup, fixture, nextEvent, until } from './helpers.js';

const Q = 15 * 60_000;
const T0 = Date.UTC(2026, 11, 1, 0, 0);
const at = (k: number) => T0 + k * Q;
const iso = (t: number) => new Date(t).toISOString();
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

const meters = (id: string) => [
  { id: `${id}-P`, role: 'production', runningKw: 20 },
  { id: `${id}-T`, role: 'treatment', runningKw: 5 },
  { id: `${id}-S`, role: 'total', runningKw: 10 },
];
// Three enterprises far apart (no clustering at zoom 11) and two in one park (clustered).
const SITES = [
  { id: 'A', name: '甲厂', lon: 115.3, lat: 35.2, meters: meters('A') },
  { id: 'B', name: HOSTILE, lon: 115.5, lat: 35.3, meters: meters('B') },
  { id: 'C', name: '丙厂', lon: 115.4, lat: 35.05, meters: meters('C') },
  {
    id: 'D',
    name: '丁厂',
    lon: 115.601,
    lat: 35.1,
    meters: meters('D'),
    restrictions: [{ start: iso(at(96 * 7)), end: iso(at(96 * 8)), maxShare: 0.5 }],
  },
  { id: 'E', name: '戊厂', lon: 115.6, lat: 35.1, meters: meters('E') },
];

const END = 96 * 8 - 1;
/**
 * Eight days of readings: A switches treatment off for the last 2 hours, B is normal, C stops
 * reporting for the last 3 hours, D keeps producing fully in its restriction (the last day),
 * E is normal. `upTo` the last interval given.
 */
function readings(upTo = END): MeterReading[] {
  const out: MeterReading[] = [];
  for (let k = 0; k <= upTo; k++) {
    for (const s of SITES) {
      if (s.id === 'C' && k > END - 12) continue;
      const p = 100;
      const tr = s.id === 'A' && k > END - 8 ? 0 : 20;
      out.push({ enterpriseId: s.id, meterId: `${s.id}-P`, time: at(k), powerKw: p });
      out.push({ enterpriseId: s.id, meterId: `${s.id}-T`, time: at(k), powerKw: tr });
      out.push({ enterpriseId: s.id, meterId: `${s.id}-S`, time: at(k), powerKw: p + tr });
    }
  }
  return out;
}

const ZONES = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { id: 'west', name: '西区', level: 'county' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [115.2, 35],
            [115.45, 35],
            [115.45, 35.4],
            [115.2, 35.4],
            [115.2, 35],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { id: 'east', name: '东区', level: 'county' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [115.45, 35],
            [115.7, 35],
            [115.7, 35.4],
            [115.45, 35.4],
            [115.45, 35],
          ],
        ],
      },
    },
  ],
};

async function setup(attrs = '') {
  const map = await fixture<EnvMap>(
    `<env-map lang="zh-CN" center="115.45,35.2" zoom="10" style="width:800px;height:560px">
      <env-zones id="zones" no-fit></env-zones>
      <env-enterprises ${attrs}></env-enterprises>
      <env-power-chart slot="top-right"></env-power-chart>
    </env-map>`,
  );
  const zones = map.querySelector('env-zones') as EnvZones;
  zones.data = ZONES;
  const enterprises = map.querySelector('env-enterprises') as EnvEnterprises;
  const chart = map.querySelector('env-power-chart') as EnvPowerChart;
  const feed = createFeed({
    url: '/nowhere',
    transport: 'poll',
    fetch: () => new Promise(() => {}),
  });
  map.feed = feed;
  await until(() => enterprises.layer !== undefined, 'the layer');
  return { map, zones, enterprises, chart, feed };
}

describe('PowerWorker', () => {
  it('judges in a module worker what detectPowerAnomalies judges in-thread', async () => {
    const all = readings();
    const expected = detectPowerAnomalies(all, SITES as never);
    const worker = new PowerWorker();
    worker.setEnterprises(SITES as never);
    worker.add(all.slice(0, 5000));
    worker.add(all.slice(5000));
    const found = await worker.anomalies();
    expect(worker.usedWorker).to.equal(true);
    expect([...found]).to.deep.equal([...expected]);
    expect(found.stats.used).to.equal(all.length);
    expect(found.lastSeen.get('A')).to.equal(at(96 * 8 - 1));
    const series = (await worker.series('D'))!;
    expect(series.times.length).to.equal(96 * 8);
    expect(series.production[0]).to.equal(100);
    worker.terminate();
  });

  it('falls back to the main thread, losing nothing, when the worker cannot load', async () => {
    const all = readings(200);
    const worker = new PowerWorker({ url: '/no-such-worker.js' });
    worker.setEnterprises(SITES as never);
    worker.add(all);
    const found = await worker.anomalies();
    expect(worker.usedWorker).to.equal(false);
    expect([...found]).to.deep.equal([...detectPowerAnomalies(all, SITES as never)]);
    // Later readings go to the in-thread session.
    const later = readings(210).filter((r) => (r.time as number) > at(200));
    worker.add(later);
    expect((await worker.anomalies()).stats.used).to.equal(all.length + later.length);
  });

  it('a readings URL that fails is an error naming it; the readings kept stay', async () => {
    const worker = new PowerWorker();
    worker.setEnterprises(SITES as never);
    worker.add(readings(10));
    let error: Error | undefined;
    await worker.load('/no-such-readings.json').catch((e: Error) => (error = e));
    expect(error?.message).to.contain('/no-such-readings.json').and.contain('404');
    expect((await worker.anomalies()).stats.used).to.equal(readings(10).length);
    worker.terminate();
  });
});

describe('<env-enterprises> and <env-power-chart>', () => {
  afterEach(cleanup);

  it('colours enterprises by state, counts them per zone, clusters the park', async () => {
    const { enterprises, zones, map } = await setup();
    enterprises.data = SITES;
    enterprises.addReadings(readings());
    await until(() => enterprises.anomalies.length > 0, 'the anomalies', 8000);
    expect(Object.fromEntries(enterprises.states)).to.deep.equal({
      A: 'treatment-off',
      B: 'normal',
      C: 'offline',
      D: 'restricted-production',
      E: 'normal',
    });
    expect(enterprises.stats!.used).to.equal(readings().length);
    // West: A, C (offline); east: B, D, E.
    const counts = Object.fromEntries(enterprises.countsByZone());
    expect(counts.west).to.deep.equal({ total: 2, anomalous: 1, offline: 1 });
    expect(counts.east).to.deep.equal({ total: 3, anomalous: 1, offline: 0 });
    await until(() => zones.valueFor('east') === 1, 'the zone values');
    expect(zones.valueFor('west')).to.equal(1);
    // The legend names every state in its colour.
    const legend = getLegend(enterprises.layer!);
    expect(legend.map((e) => e.label)).to.include.members(['治污设施停运', '离线', '正常']);
    expect(legend.find((e) => e.label === '治污设施停运')!.color).to.equal(
      ENTERPRISE_COLORS['treatment-off'],
    );
    // D and E are 1 km apart: one cluster at zoom 10, two at zoom 15.
    const pick = () =>
      enterprises.layer!.pick(map.map!.getPixelFromCoordinate(fromLonLat([115.6005, 35.1])));
    await until(() => pick()?.kind === 'cluster', 'the cluster');
    expect((pick() as { ids: string[] }).ids.sort()).to.deep.equal(['D', 'E']);
  });

  it('follows power.reading from the feed and opens the chart on a click', async () => {
    const { enterprises, chart, map, feed } = await setup();
    enterprises.data = SITES;
    enterprises.addReadings(readings(END - 8));
    await until(() => enterprises.states.get('A') === 'normal', 'A normal', 8000);
    const envelopes: Envelope[] = [];
    for (const k of [END - 7, END - 6])
      envelopes.push(
        ...['P', 'T', 'S'].map((m) => ({
          type: 'power.reading',
          id: `A-${m}-${k}`,
          time: iso(at(k)),
          data: {
            enterpriseId: 'A',
            meterId: `A-${m}`,
            role: m === 'P' ? 'production' : m === 'T' ? 'treatment' : 'total',
            powerKw: m === 'T' ? 0 : 100,
          },
        })),
      );
    feed.ingest(envelopes);
    await until(() => enterprises.states.get('A') === 'treatment-off', 'A from the feed', 8000);
    // Click A: env-select, the chart opens with production, treatment and the anomaly band.
    await until(() => map.map!.getPixelFromCoordinate(fromLonLat([115.3, 35.2])) !== null, 'pixel');
    const pixel = map.map!.getPixelFromCoordinate(fromLonLat([115.3, 35.2]));
    const rect = map.shadowRoot!.querySelector('.ol-viewport')!.getBoundingClientRect();
    const selected = nextEvent<CustomEvent<EnvEnterpriseSelectDetail>>(map, 'env-select');
    await map.whenRendered();
    await sendMouse({
      type: 'click',
      position: [Math.round(rect.left + pixel[0]!), Math.round(rect.top + pixel[1]!)],
    });
    const { detail } = await selected;
    expect(detail).to.include({
      kind: 'enterprise',
      id: 'A',
      name: '甲厂',
      state: 'treatment-off',
    });
    expect(chart.enterprise).to.equal('A');
    await until(() => chart.shadowRoot!.querySelector('path.series.treatment') !== null, 'lines');
    const root = chart.shadowRoot!;
    expect(root.querySelector('path.series.production')!.getAttribute('d')).to.match(/^M/);
    expect(root.querySelector('path.series.total')).to.not.equal(null);
    const bands = root.querySelectorAll('rect.anomaly');
    expect(bands.length).to.equal(1);
    expect(bands[0]!.getAttribute('fill')).to.equal(ENTERPRISE_COLORS['treatment-off']);
    expect(root.querySelector('h2')!.textContent).to.contain('甲厂').and.contain('治污设施停运');
    expect(root.querySelector('[role=status]')!.textContent).to.contain('甲厂');
    // Escape closes it.
    (root.querySelector('select') as HTMLSelectElement).focus();
    await sendKeys({ press: 'Escape' });
    await until(() => chart.enterprise === null, 'closed');
  });

  it('the chart shades a restriction and is reachable from its list; hostile names stay text', async () => {
    const { enterprises, chart } = await setup();
    enterprises.data = SITES;
    enterprises.addReadings(readings());
    await until(() => enterprises.anomalies.length > 0, 'the anomalies', 8000);
    const select = () => chart.shadowRoot!.querySelector('select') as HTMLSelectElement;
    await until(() => select()?.options.length === SITES.length + 1, 'the list');
    // Anomalous first, then offline, then normal.
    expect(
      [...select().options]
        .slice(1, 3)
        .map((o) => o.value)
        .sort(),
    ).to.deep.equal(['A', 'D']);
    expect(select().options[3]!.value).to.equal('C');
    select().value = 'D';
    select().dispatchEvent(new Event('change'));
    await until(() => chart.shadowRoot!.querySelector('rect.anomaly') !== null, 'the chart');
    const titles = [...chart.shadowRoot!.querySelectorAll('rect title')].map((t) => t.textContent);
    expect(titles.some((t) => t!.includes('限产时段') && t!.includes('50%'))).to.equal(true);
    expect(titles.some((t) => t!.includes('限产期间超限生产'))).to.equal(true);
    // The hostile name is an option's text, never markup.
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    expect([...select().options].some((o) => o.textContent!.includes('<img'))).to.equal(true);
    expect(chart.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('bad enterprise files are reported by record; unreadable input keeps what was shown', async () => {
    const { enterprises, map } = await setup();
    enterprises.data = SITES;
    await until(() => enterprises.enterprises.length === 5, 'the enterprises');
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (m: string) => warned.push(m);
    try {
      enterprises.data = [...SITES, { id: 'X', lon: 999, lat: 0, meters: meters('X') }];
      await until(() => warned.length > 0, 'a warning');
      expect(warned[0]).to.contain('enterprise X (record 5) has no position');
      expect(enterprises.enterprises.length).to.equal(5);
      const error = nextEvent<CustomEvent<EnvErrorDetail>>(map, 'env-error');
      enterprises.data = '{"not json';
      expect((await error).detail.message).to.contain('not JSON');
      expect(enterprises.enterprises.length).to.equal(5);
      const failed = nextEvent<CustomEvent<EnvErrorDetail>>(map, 'env-error');
      enterprises.readings = '/no-such-readings.json';
      expect((await failed).detail.message).to.contain('/no-such-readings.json');
    } finally {
      console.warn = warn;
    }
  });

  it('removed and added again, leaves no layer behind', async () => {
    const { enterprises, map } = await setup();
    enterprises.data = SITES;
    const count = () => map.map!.getLayers().getLength();
    await until(() => enterprises.layer !== undefined, 'the layer');
    const before = count();
    enterprises.remove();
    expect(count()).to.equal(before - 1);
    map.append(enterprises);
    await until(() => enterprises.layer !== undefined, 'the layer again');
    expect(count()).to.equal(before);
  });
});
