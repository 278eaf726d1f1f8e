import { expect } from '@esm-bundle/chai';
import { fromLonLat } from 'ol/proj.js';
import type { EnvMap, EnvStationGrid } from '../../widgets/index.js';
import type {
  EnvErrorDetail,
  EnvGridDetail,
  EnvStationSelectDetail,
  EnvTimeRangeDetail,
} from '../../widgets/index.js';
import { computeAqi, createFeed } from '../../src/index.js';
import { sendMouse } from '@web/test-runner-commands';
import { cleanup, fixture, rendered } from './helpers.js';

function next<T>(target: EventTarget, type: string, ms = 20000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} within ${ms} ms`)), ms);
    target.addEventListener(
      type,
      (e) => {
        clearTimeout(timer);
        resolve((e as CustomEvent<T>).detail);
      },
      { once: true },
    );
  });
}

/** Clicks the map at a coordinate with the real mouse (through the browser, not a synthetic event). */
async function clickAt(map: EnvMap, lonLat: [number, number]): Promise<void> {
  const [x, y] = map.map.getPixelFromCoordinate(fromLonLat(lonLat));
  const rect = map.map.getViewport()!.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(rect.left + x!), Math.round(rect.top + y!)],
  });
}

describe('<env-station-grid>', () => {
  afterEach(cleanup);

  it('loads the Beijing PRSA CSV (12 stations, 2013-2017) and follows env-time', async () => {
    const map = await fixture<EnvMap>(
      `<env-map center="116.4,40.1" zoom="9" style="width:500px;height:400px">
        <env-station-grid src="/demo/data/beijing-prsa-2013-2017.csv.gz"
          stations-src="/demo/data/beijing-prsa-stations.json" standard="HJ633-2012"></env-station-grid>
        <env-legend slot="bottom-left"></env-legend>
      </env-map>`,
    );
    const grid = map.querySelector('env-station-grid') as EnvStationGrid;
    const range = await next<EnvTimeRangeDetail>(grid, 'env-time-range');
    expect(new Date(range.start).toISOString()).to.equal('2013-02-28T16:00:00.000Z');
    expect(new Date(range.end).toISOString()).to.equal('2017-02-28T15:00:00.000Z');
    expect(range.step).to.equal(3_600_000);
    const first = await next<EnvGridDetail>(grid, 'env-grid');
    expect(first.stations).to.equal(12);
    expect(first.time).to.equal(range.end);
    // The legend lists the six AQI levels with their names and official colours.
    const legend = map.querySelector('env-legend')!;
    await legend.updateComplete;
    const text = legend.shadowRoot!.textContent!;
    for (const name of [
      '优 0–50',
      '良 50–100',
      '轻度污染',
      '中度污染',
      '重度污染',
      '严重污染 > 300',
    ])
      expect(text).to.contain(name);
    const swatches = [...legend.shadowRoot!.querySelectorAll('.swatch.fill')].map(
      (el) => getComputedStyle(el).backgroundColor,
    );
    expect(swatches).to.include.members(['rgb(0, 228, 0)', 'rgb(255, 255, 0)', 'rgb(126, 0, 35)']);

    // 2015-01-01 08:00 Beijing time, from the slider's event on the map.
    const t = Date.UTC(2015, 0, 1, 0);
    const drawn = next<EnvGridDetail>(grid, 'env-grid');
    map.dispatchEvent(new CustomEvent('env-time', { detail: { time: t }, bubbles: true }));
    expect((await drawn).time).to.equal(t);
    const dongsi = grid.history.at(t).get('Dongsi')!.values;
    const expected = computeAqi(dongsi, { standard: 'HJ633-2012' }).aqi;
    const layer = grid.layer!;
    const result = layer.getResult()!;
    expect(result.values.length).to.be.greaterThan(10000);
    await rendered(map);
    const selected = next<EnvStationSelectDetail>(map, 'env-select');
    await clickAt(map, [116.434, 39.9522]);
    const detail = await selected;
    expect(detail.id).to.equal('Dongsi');
    expect(detail.name).to.equal('东四');
    expect(detail.value).to.equal(expected);
    const popup =
      map.shadowRoot!.querySelector('.env-station-popup') ??
      document.querySelector('.env-station-popup');
    expect(popup?.textContent).to.contain('东四');
  });

  it('draws stations from the map feed and renders hostile names as text', async () => {
    const map = await fixture<EnvMap>(
      `<env-map center="115.45,35.25" zoom="9" style="width:400px;height:400px">
        <env-station-grid pollutant="pm25"></env-station-grid>
      </env-map>`,
    );
    const feed = createFeed({
      url: '/nowhere',
      transport: 'poll',
      fetch: () => new Promise(() => {}),
    });
    map.feed = feed;
    const grid = map.querySelector('env-station-grid') as EnvStationGrid;
    await grid.updateComplete;
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const stations = [
      ['S1', hostile, 115.4, 35.2, 40],
      ['S2', '牡丹区', 115.6, 35.3, 90],
      ['S3', '东明县', 115.1, 35.0, 160],
    ] as const;
    const drawn = next<EnvGridDetail>(grid, 'env-grid');
    const time = '2026-11-25T08:00:00Z';
    feed.ingest(
      stations.flatMap(([id, name, lon, lat, pm25], i) => [
        { type: 'station.meta', id: `m${i}`, time, data: { id, name, kind: 'township', lon, lat } },
        { type: 'station.reading', id: `r${i}`, time, data: { stationId: id, values: { pm25 } } },
      ]),
    );
    const detail = await drawn;
    expect(detail.stations).to.equal(3);
    await rendered(map);
    const selected = next<EnvStationSelectDetail>(map, 'env-select');
    await clickAt(map, [115.4, 35.2]);
    expect((await selected).value).to.equal(40);
    const popup =
      document.querySelector('.env-station-popup') ??
      map.shadowRoot!.querySelector('.env-station-popup');
    expect(popup!.textContent).to.contain(hostile);
    expect(popup!.querySelector('img')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    feed.dispose();
  });

  it('a bad attribute is reported and the default used; a broken file is reported', async () => {
    const map = await fixture<EnvMap>(
      `<env-map style="width:300px;height:300px"><env-station-grid></env-station-grid></env-map>`,
    );
    const grid = map.querySelector('env-station-grid') as EnvStationGrid;
    const error = next<EnvErrorDetail>(grid, 'env-error');
    grid.setAttribute('pollutant', 'pm1');
    const detail = await error;
    expect(detail.attribute).to.equal('pollutant');
    expect(detail.message).to.contain('aqi, pm25, pm10');
    await grid.updateComplete;
    expect(grid.pollutant).to.equal('aqi');
    const broken = next<EnvErrorDetail>(grid, 'env-error');
    grid.src = '/test/fixtures/README.md';
    expect((await broken).message).to.match(
      /station data from .*README\.md could not be loaded: station GeoJSON is not valid JSON/,
    );
    const badUrl = next<EnvErrorDetail>(grid, 'env-error');
    grid.src = 'javascript:alert(1)';
    expect((await badUrl).attribute).to.equal('src');
  });
});
