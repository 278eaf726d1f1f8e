import { expect } from '@esm-bundle/chai';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { fromLonLat } from 'ol/proj.js';
import type {
  EnvErrorDetail,
  EnvMap,
  EnvZoneDrillDetail,
  EnvZoneRanking,
  EnvZones,
  EnvZoneSelectDetail,
  EnvZonesLoadDetail,
} from '../../widgets/index.js';
import type { ZoneIndex } from '../../src/index.js';
import { cleanup, fixture, listenerCount, nextEvent, until } from './helpers.js';
import { getLegend } from '../../layers/index.js';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
/** The demo's zones file. */
const HEZE = '/demo/data/heze-zones.geojson';

const box = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const feature = (
  id: string,
  name: string,
  level: string,
  parent: string | null,
  ring: number[][],
  extra: object = {},
) => ({
  type: 'Feature',
  properties: { id, name, level, parent, ...extra },
  geometry: { type: 'Polygon', coordinates: [ring] },
});

/** A city 0.2° square in four counties (A south-west, B south-east, D north-west, E north-east); A has two townships. */
const SMALL = {
  type: 'FeatureCollection',
  features: [
    feature('C', '测试市', 'city', null, box(115.0, 35.0, 115.2, 35.2)),
    feature('A', HOSTILE, 'county', 'C', box(115.0, 35.0, 115.1, 35.1)),
    feature('B', '东南县', 'county', 'C', box(115.1, 35.0, 115.2, 35.1)),
    feature('D', '西北县', 'county', 'C', box(115.0, 35.1, 115.1, 35.2)),
    feature('E', '东北县', 'county', 'C', box(115.1, 35.1, 115.2, 35.2)),
    feature('A1', '甲镇', 'township', 'A', box(115.0, 35.0, 115.05, 35.1), { leader: '张某' }),
    feature('A2', '乙镇', 'township', 'A', box(115.05, 35.0, 115.1, 35.1), { leader: HOSTILE }),
  ],
};

/** Clicks the map at a lon/lat with the real mouse (so OpenLayers' singleclick fires). */
async function clickAt(map: EnvMap, lon: number, lat: number): Promise<void> {
  const pixel = map.map.getPixelFromCoordinate(fromLonLat([lon, lat]))!;
  const box = map.map.getViewport()!.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(box.left + pixel[0]!), Math.round(box.top + pixel[1]!)],
  });
}

/** Clicks the middle of an element with the real mouse. */
async function clickOn(el: Element): Promise<void> {
  const r = el.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)],
  });
}

/** A point well inside a zone: the centre of a cell of its box whose neighbourhood it holds. */
function inside(index: ZoneIndex, id: string): [number, number] {
  const [x0, y0, x1, y1] = index.bbox(id)!;
  const d = Math.min(x1 - x0, y1 - y0) / 12;
  for (let i = 1; i < 20; i++)
    for (let j = 1; j < 20; j++) {
      const [x, y] = [x0 + ((x1 - x0) * i) / 20, y0 + ((y1 - y0) * j) / 20];
      const around = [
        [x, y],
        [x - d, y],
        [x + d, y],
        [x, y - d],
        [x, y + d],
      ];
      if (around.every(([a, b]) => index.contains(id, a!, b!))) return [x, y];
    }
  throw new Error(`no interior point for ${id}`);
}

/** Waits for the view to stop moving (after a drill zoomed to the zones). */
const settled = (map: EnvMap) =>
  until(() => !map.map.getView().getAnimating(), 'the view to settle', 5000);

const shown = (zones: EnvZones) =>
  zones
    .layer!.getSource()!
    .getFeatures()
    .map((f) => String(f.getId()))
    .sort();

/** Runs `body` with console.warn silenced (reported errors also warn). */
async function quietly(body: () => Promise<void>): Promise<void> {
  const warn = console.warn;
  console.warn = () => {};
  try {
    await body();
  } finally {
    console.warn = warn;
  }
}

describe('<env-zones>', () => {
  afterEach(cleanup);

  it('loads the Heze zones from src: 1,225 zones in four levels, the top level shown', async () => {
    const loaded = nextEvent<CustomEvent<EnvZonesLoadDetail>>(document, 'env-zones-load', 15000);
    const map = await fixture<EnvMap>(
      `<env-map lang="en" center="115.7,35.25" zoom="8" style="width:600px;height:450px">
        <env-zones src="${HEZE}"></env-zones>
      </env-map>`,
    );
    const zones = map.querySelector('env-zones')!;
    const { detail } = await loaded;
    expect(detail.zones).to.equal(1225);
    expect(detail.levels).to.deep.equal(['city', 'county', 'township', 'grid']);
    expect(detail.warnings).to.deep.equal([]);
    expect(zones.index!.size).to.equal(1225);
    expect(zones.index!.zones('grid')).to.have.length(1045);
    await until(() => zones.layer !== undefined, 'the layer');
    expect(shown(zones)).to.deep.equal(['371700']);
    expect(zones.layer!.getShownLevel()).to.equal('city');
    expect(zones.layer!.get('title')).to.equal('Grid zones');
    // What a hotspot list does: the grid of a point and its leader.
    const grid = zones.index!.zones('grid')[100]!;
    const [lon, lat] = inside(zones.index!, grid.id);
    const found = zones.index!.locate(lon, lat)!;
    expect(found.id).to.equal(grid.id);
    expect((found.properties as { leader?: string }).leader).to.be.a('string');
  });

  it('drills into a clicked zone and fires env-zone-select and env-zone-drill; a leaf is selected', async () => {
    const loaded = nextEvent(document, 'env-zones-load', 15000);
    const map = await fixture<EnvMap>(
      `<env-map lang="en" center="115.7,35.25" zoom="8" style="width:600px;height:450px">
        <env-zones src="${HEZE}"></env-zones>
      </env-map>`,
    );
    const zones = map.querySelector('env-zones')!;
    await loaded;
    await until(() => zones.layer !== undefined, 'the layer');
    const index = zones.index!;
    // The city's interior point inside 牡丹区 (a county), so that one point works twice.
    const [lon, lat] = inside(index, '371702');

    let select = nextEvent<CustomEvent<EnvZoneSelectDetail>>(map, 'env-zone-select');
    const drill = nextEvent<CustomEvent<EnvZoneDrillDetail>>(map, 'env-zone-drill');
    await clickAt(map, lon, lat);
    const first = (await select).detail;
    expect(first).to.deep.include({ id: '371700', name: '菏泽市', level: 'city', drilled: true });
    expect(first.path).to.deep.equal([{ id: '371700', name: '菏泽市', level: 'city' }]);
    const drilled = (await drill).detail;
    expect(drilled).to.deep.equal({
      id: '371700',
      level: 'county',
      path: [{ id: '371700', name: '菏泽市', level: 'city' }],
    });
    await zones.updateComplete;
    expect(zones.zone).to.equal('371700');
    expect(zones.getAttribute('zone')).to.equal('371700');
    expect(shown(zones)).to.have.length(11);
    expect(zones.layer!.getShownLevel()).to.equal('county');
    await settled(map);
    // The view zoomed to the counties.
    expect(map.map.getView().getZoom()!).to.be.greaterThan(8);

    select = nextEvent<CustomEvent<EnvZoneSelectDetail>>(map, 'env-zone-select');
    await clickAt(map, lon, lat);
    const second = (await select).detail;
    expect(second.id).to.equal('371702');
    expect(second.path.map((z) => z.id)).to.deep.equal(['371700', '371702']);
    expect(zones.zone).to.equal('371702');
    expect(shown(zones)).to.deep.equal(
      index
        .children('371702')
        .map((z) => z.id)
        .sort(),
    );
    expect(zones.path.map((z) => z.level)).to.deep.equal(['city', 'county']);
    await settled(map);

    // Down to the grids of one township; a grid has nothing below it: selected, not drilled.
    const township = index.children('371702')[0]!;
    expect(zones.drill(township.id)).to.equal(true);
    await settled(map);
    const grid = index.children(township.id)[0]!;
    const [gx, gy] = inside(index, grid.id);
    select = nextEvent<CustomEvent<EnvZoneSelectDetail>>(map, 'env-zone-select');
    await clickAt(map, gx, gy);
    const third = (await select).detail;
    expect(third).to.deep.include({ id: grid.id, level: 'grid', drilled: false });
    expect((third.properties as { leader?: string }).leader).to.match(/^网格员/);
    expect(third.path).to.have.length(4);
    expect(zones.zone).to.equal(township.id);
    expect(zones.selected).to.equal(grid.id);
    expect(zones.layer!.getSelected()).to.equal(grid.id);
  });

  it('reports a bad src, text that is not JSON and zones ZoneIndex refuses, keeping the zones shown', async () => {
    const map = await fixture<EnvMap>(
      `<env-map lang="en" center="115.1,35.1" zoom="10" style="width:400px;height:300px">
        <env-zones zone="C"></env-zones>
      </env-map>`,
    );
    const zones = map.querySelector('env-zones')!;
    zones.data = SMALL;
    await until(() => zones.layer !== undefined && shown(zones).length === 4, 'the counties');
    await quietly(async () => {
      const cases: Array<[() => void, RegExp]> = [
        [() => (zones.src = '/does-not-exist.geojson'), /HTTP 404.*does-not-exist\.geojson/],
        [() => (zones.src = '/README.md'), /not JSON/],
        [() => (zones.src = '/package.json'), /could not be read: ZoneIndex: expected an array/],
      ];
      zones.data = undefined;
      for (const [act, message] of cases) {
        const error = nextEvent<CustomEvent<EnvErrorDetail>>(zones, 'env-error');
        act();
        const { detail } = await error;
        expect(detail.source).to.equal('env-zones');
        expect(detail.code).to.equal('data');
        expect(detail.message).to.match(message);
        expect(shown(zones), 'the zones shown are kept').to.have.length(4);
      }
      const cycle = {
        type: 'FeatureCollection',
        features: [
          feature('P', 'p', 'county', 'Q', box(115, 35, 115.1, 35.1)),
          feature('Q', 'q', 'county', 'P', box(115.1, 35, 115.2, 35.1)),
        ],
      };
      let error = nextEvent<CustomEvent<EnvErrorDetail>>(zones, 'env-error');
      zones.data = cycle;
      expect((await error).detail.message).to.match(/parent cycle/);
      error = nextEvent<CustomEvent<EnvErrorDetail>>(zones, 'env-error');
      zones.data = '{"type": "FeatureCollection", "features": [';
      expect((await error).detail.message).to.match(/not JSON/);
      error = nextEvent<CustomEvent<EnvErrorDetail>>(zones, 'env-error');
      zones.data = undefined;
      zones.src = 'javascript:alert(1)';
      expect((await error).detail.attribute).to.equal('src');
      expect(zones.index!.size).to.equal(7);
      expect(shown(zones)).to.have.length(4);
    });
  });

  it('reports a zone attribute naming no zone with children and shows the top level', async () => {
    const map = await fixture<EnvMap>(
      `<env-map lang="en" center="115.1,35.1" zoom="10" style="width:400px;height:300px">
        <env-zones zone="A1"></env-zones>
      </env-map>`,
    );
    const zones = map.querySelector('env-zones')!;
    await quietly(async () => {
      const error = nextEvent<CustomEvent<EnvErrorDetail>>(zones, 'env-error');
      zones.data = SMALL;
      const { detail } = await error;
      expect(detail).to.deep.include({ code: 'attribute', attribute: 'zone', value: 'A1' });
      expect(detail.message).to.match(/no zones below it/);
      await zones.updateComplete;
      expect(zones.zone).to.equal(null);
      expect(zones.hasAttribute('zone')).to.equal(false);
      await until(() => zones.layer !== undefined, 'the layer');
      expect(shown(zones)).to.deep.equal(['C']);
    });
  });

  it('takes fill-opacity to the layer, and reports a value outside 0 to 1', async () => {
    const map = await fixture<EnvMap>(
      `<env-map lang="en" center="115.1,35.1" zoom="10" style="width:400px;height:300px">
        <env-zones fill-opacity="0.3"></env-zones>
      </env-map>`,
    );
    const zones = map.querySelector('env-zones')!;
    zones.data = SMALL;
    await until(() => zones.layer !== undefined, 'the layer');
    const legendFill = () =>
      getLegend(zones.layer!).find((e) => e.shape === 'fill' && e.color.startsWith('rgba'))?.color;
    zones.values = { C: 3 };
    await until(() => legendFill() !== undefined, 'a legend entry');
    expect(legendFill()).to.match(/, 0\.3\)$/);
    await quietly(async () => {
      const error = nextEvent<CustomEvent<EnvErrorDetail>>(zones, 'env-error');
      zones.setAttribute('fill-opacity', '2');
      const { detail } = await error;
      expect(detail).to.deep.include({ code: 'attribute', attribute: 'fill-opacity', value: '2' });
      await until(() => /, 0\.75\)$/.test(legendFill() ?? ''), 'the default opacity');
    });
  });

  it('removes its layer and listeners when removed, and comes back with its zones', async () => {
    const map = await fixture<EnvMap>(
      `<env-map lang="en" center="115.1,35.1" zoom="10" style="width:400px;height:300px">
      </env-map>`,
    );
    const before = map.map.getLayers().getLength();
    const listeners = listenerCount(map.map);
    const zones = document.createElement('env-zones');
    zones.data = SMALL;
    zones.zone = 'C';
    zones.values = { A: 1 };
    map.append(zones);
    await until(() => zones.layer !== undefined && shown(zones).length === 4, 'the counties');
    expect(map.map.getLayers().getLength()).to.equal(before + 1);
    zones.remove();
    expect(map.map.getLayers().getLength()).to.equal(before);
    expect(listenerCount(map.map)).to.equal(listeners);
    map.append(zones);
    await until(() => zones.layer !== undefined, 'the layer again');
    expect(shown(zones)).to.have.length(4);
    expect(zones.layer!.getValue('A')).to.equal(1);
  });
});

describe('<env-zone-ranking>', () => {
  afterEach(cleanup);

  async function setup(attrs = '') {
    const map = await fixture<EnvMap>(
      `<env-map id="zm" lang="en" center="115.1,35.1" zoom="10" style="width:400px;height:300px">
        <env-zones no-fit zone="C"></env-zones>
      </env-map>`,
    );
    const ranking = document.createElement('env-zone-ranking');
    ranking.setAttribute('for', 'zm');
    for (const [k, v] of new URLSearchParams(attrs)) ranking.setAttribute(k, v);
    map.parentElement!.append(ranking);
    const zones = map.querySelector('env-zones')!;
    zones.data = SMALL;
    zones.values = { A: 10, B: 30.56, D: 10 };
    await until(() => rows(ranking).length > 0, 'ranking rows');
    return { map, zones, ranking };
  }

  const root = (r: EnvZoneRanking) => r.shadowRoot!;
  const rows = (r: EnvZoneRanking) => [...root(r).querySelectorAll<HTMLElement>('tbody tr')];
  const ids = (r: EnvZoneRanking) => rows(r).map((tr) => tr.dataset.id);
  /** The text of each cell as read aloud (without the aria-hidden drill mark). */
  const cells = (tr: HTMLElement) =>
    [...tr.querySelectorAll('td')].map((td) => {
      const copy = td.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('[aria-hidden]').forEach((e) => e.remove());
      return copy.textContent!.replace(/\s+/g, ' ').trim();
    });
  const crumbs = (r: EnvZoneRanking) =>
    [...root(r).querySelectorAll('nav li')].map((li) => li.textContent!.trim());
  const live = (r: EnvZoneRanking) => root(r).querySelector('[aria-live]')!.textContent!.trim();

  it('ranks the shown zones highest first, ties sharing a rank, with digits and a limit', async () => {
    const { zones, ranking } = await setup('limit=3&digits=1');
    expect(root(ranking).querySelector('h2')!.textContent!.trim()).to.equal('County ranking');
    expect(ids(ranking)).to.deep.equal(['B', 'A', 'D']);
    expect(rows(ranking).map(cells)).to.deep.equal([
      ['1', '东南县', '30.6'],
      ['2', `${HOSTILE}`, '10.0'],
      ['2', '西北县', '10.0'],
    ]);
    // Names are text, never markup.
    expect(root(ranking).querySelector('img')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    ranking.limit = 10;
    ranking.digits = 0;
    await ranking.updateComplete;
    expect(rows(ranking).map(cells).at(-1)).to.deep.equal(['–', '东北县', '–']);
    zones.values = new Map([
      ['E', 99],
      ['D', 1],
    ]);
    await until(() => ids(ranking)[0] === 'E', 'the new values');
    expect(ids(ranking)).to.deep.equal(['E', 'D', 'A', 'B']);
  });

  it('drills on a row click, goes up by breadcrumb and the up button, selects leaves by keyboard', async () => {
    const { map, zones, ranking } = await setup();
    expect(crumbs(ranking)).to.deep.equal(['Whole city', '测试市']);
    const drills: EnvZoneDrillDetail[] = [];
    map.addEventListener('env-zone-drill', (e) => drills.push(e.detail));

    // A real click on the row of A (it has townships).
    await clickOn(rows(ranking).find((tr) => tr.dataset.id === 'A')!);
    await until(() => ids(ranking).includes('A1'), 'the townships of A');
    expect(zones.zone).to.equal('A');
    expect(shown(zones)).to.deep.equal(['A1', 'A2']);
    expect(drills.at(-1)).to.deep.include({ id: 'A', level: 'township' });
    expect(root(ranking).querySelector('h2')!.textContent!.trim()).to.equal('Township ranking');
    expect(crumbs(ranking)).to.deep.equal(['Whole city', '测试市', HOSTILE]);
    expect(root(ranking).querySelector('[aria-current]')!.textContent).to.equal(HOSTILE);
    expect(live(ranking)).to.equal(`${HOSTILE}: 2 zones (Township)`);
    // The leaders of the zones shown get a column; a hostile leader is text too.
    expect([...root(ranking).querySelectorAll('th')].map((th) => th.textContent)).to.include(
      'Grid leader',
    );
    expect(rows(ranking).map((tr) => cells(tr)[3])).to.deep.equal(['张某', HOSTILE]);
    expect(root(ranking).querySelector('img')).to.equal(null);
    // Focus moved to the first row: Enter on a zone with nothing below selects it.
    expect(root(ranking).activeElement).to.equal(rows(ranking)[0]);
    const select = nextEvent<CustomEvent<EnvZoneSelectDetail>>(map, 'env-zone-select');
    await sendKeys({ press: 'Enter' });
    expect((await select).detail).to.deep.include({ id: 'A1', drilled: false });
    expect(zones.selected).to.equal('A1');
    await ranking.updateComplete;
    expect(live(ranking)).to.equal('Selected 甲镇');
    expect(rows(ranking)[0]!.classList.contains('selected')).to.equal(true);
    // Arrow down moves to the next row.
    await sendKeys({ press: 'ArrowDown' });
    expect(root(ranking).activeElement).to.equal(rows(ranking)[1]);

    // The breadcrumb button of the city goes back up to the counties.
    const city = [...root(ranking).querySelectorAll('nav li button')].find(
      (b) => b.textContent!.trim() === '测试市',
    )!;
    await clickOn(city);
    await until(() => zones.zone === 'C', 'back to the counties');
    expect(ids(ranking)).to.have.length(4);
    expect(zones.selected).to.equal(null);

    // The up button: to the top level, where it is disabled.
    const up = root(ranking).querySelector<HTMLButtonElement>('button.up')!;
    await clickOn(up);
    await until(() => zones.zone === null, 'the top level');
    await ranking.updateComplete;
    expect(ids(ranking)).to.deep.equal(['C']);
    expect(crumbs(ranking)).to.deep.equal(['Whole city']);
    expect(up.disabled).to.equal(true);
    expect(drills.map((d) => d.id)).to.deep.equal(['A', 'C', null]);

    // By keyboard from the top: Enter on the city's row drills into it.
    rows(ranking)[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => zones.zone === 'C', 'the counties by keyboard');
    // Tab to the breadcrumb's first button and Enter: the top again.
    await ranking.updateComplete;
    root(ranking).querySelector<HTMLButtonElement>('nav li button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => zones.zone === null, 'the top by the breadcrumb');
  });

  it('ranks the Heze counties by the values given to <env-zones>', async () => {
    const loaded = nextEvent(document, 'env-zones-load', 15000);
    const map = await fixture<EnvMap>(
      `<env-map lang="zh-CN" center="115.7,35.25" zoom="8" style="width:600px;height:450px">
        <env-zones id="hz" src="${HEZE}" zone="371700"></env-zones>
        <env-zone-ranking slot="top-left" source="hz" digits="0"></env-zone-ranking>
      </env-map>`,
    );
    const zones = map.querySelector('env-zones')!;
    const ranking = map.querySelector('env-zone-ranking')!;
    await loaded;
    const counties = zones.index!.children('371700');
    zones.values = Object.fromEntries(counties.map((c, i) => [c.id, i * 10]));
    await until(() => ids(ranking)[0] === counties.at(-1)!.id, 'the counties ranked');
    expect(ids(ranking)).to.deep.equal(counties.map((c) => c.id).reverse());
    expect(root(ranking).querySelector('h2')!.textContent!.trim()).to.equal('县区排名');
    expect(crumbs(ranking)).to.deep.equal(['全市', '菏泽市']);
    expect(cells(rows(ranking)[0]!)).to.deep.equal(['1', counties.at(-1)!.name, '100']);
  });
});
