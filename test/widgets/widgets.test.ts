import { expect } from '@esm-bundle/chai';
import type { EnvGeoJsonLayer, EnvLayerSwitcher, EnvLegend, EnvMap } from '../../widgets/index.js';
import { OfflineBaseLayer } from '../../layers/index.js';
import TileLayer from 'ol/layer/Tile.js';
import { cleanup, fixture, rendered, until } from './helpers.js';

const STATIONS = '/demo/data/heze-stations.json';

async function composed(): Promise<EnvMap> {
  const map = await fixture<EnvMap>(`
    <env-map id="m1" style="width: 500px; height: 400px">
      <env-geojson-layer name="国控站点" color="#ff7e00" src="${STATIONS}"></env-geojson-layer>
      <env-geojson-layer name="<img src=x onerror=alert(1)>" color="#00e400"></env-geojson-layer>
      <env-layer-switcher slot="top-right"></env-layer-switcher>
      <env-legend slot="bottom-left"></env-legend>
    </env-map>`);
  await rendered(map);
  return map;
}

const legendLabels = (legend: EnvLegend) =>
  [...legend.shadowRoot!.querySelectorAll('li span:not(.swatch)')].map((s) =>
    s.textContent!.trim(),
  );

describe('widgets', () => {
  afterEach(cleanup);

  it('slot into the corners and find the map through context', async () => {
    const map = await composed();
    const switcher = map.querySelector('env-layer-switcher') as EnvLayerSwitcher;
    const legend = map.querySelector('env-legend') as EnvLegend;
    await until(() => legendLabels(legend).length === 2, 'legend entries');
    expect(switcher.hasAttribute('standalone')).to.equal(false);
    const box = switcher.getBoundingClientRect();
    const mapBox = map.getBoundingClientRect();
    expect(box.right).to.be.closeTo(mapBox.right, 12);
    expect(box.top).to.be.closeTo(mapBox.top, 12);
    const legendBox = legend.getBoundingClientRect();
    expect(legendBox.left).to.be.closeTo(mapBox.left, 12);
    expect(legendBox.bottom).to.be.lessThan(mapBox.bottom);
  });

  it('legend lists each layer entry as text and follows visibility', async () => {
    const map = await composed();
    const legend = map.querySelector('env-legend') as EnvLegend;
    await until(() => legendLabels(legend).length === 2, 'legend entries');
    expect(legendLabels(legend)).to.include('国控站点');
    // hostile names are text, never markup
    expect(legendLabels(legend)).to.include('<img src=x onerror=alert(1)>');
    expect(legend.shadowRoot!.querySelector('img')).to.equal(null);
    const swatch = legend.shadowRoot!.querySelector('.swatch') as HTMLElement;
    expect(swatch.getAttribute('style')).to.not.equal(null); // set through the CSSOM
    const layerEl = map.querySelector('env-geojson-layer') as EnvGeoJsonLayer;
    layerEl.layer!.setVisible(false);
    await until(() => !legendLabels(legend).includes('国控站点'), 'hidden layer leaves the legend');
    layerEl.remove();
    await legend.updateComplete;
    expect(legendLabels(legend)).to.deep.equal(['<img src=x onerror=alert(1)>']);
  });

  it('legend entry follows a renamed layer', async () => {
    const map = await composed();
    const legend = map.querySelector('env-legend') as EnvLegend;
    const layerEl = map.querySelector('env-geojson-layer') as EnvGeoJsonLayer;
    layerEl.name = '国控站点（新）';
    await until(() => legendLabels(legend).includes('国控站点（新）'), 'renamed entry');
  });

  it('layer switcher toggles overlays and changes the base map with native controls', async () => {
    const map = await composed();
    const switcher = map.querySelector('env-layer-switcher') as EnvLayerSwitcher;
    await switcher.updateComplete;
    const boxes = [
      ...switcher.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'),
    ];
    expect(boxes).to.have.length(2);
    const layerEl = map.querySelector('env-geojson-layer') as EnvGeoJsonLayer;
    const box = boxes.find((b) => b.parentElement!.textContent!.includes('国控站点'))!;
    expect(box.checked).to.equal(true);
    box.click();
    expect(layerEl.layer!.getVisible()).to.equal(false);
    const radios = [
      ...switcher.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]'),
    ];
    // no Tianditu key: Tianditu is not offered
    expect(radios.map((r) => r.value)).to.deep.equal(['offline', 'amap', 'osm']);
    radios.find((r) => r.value === 'osm')!.click();
    await map.updateComplete;
    expect(map.getAttribute('basemap')).to.equal('osm');
    expect(map.map.getLayers().item(0)).to.be.instanceOf(TileLayer);
    radios.find((r) => r.value === 'offline')!.click();
    await map.updateComplete;
    expect(map.map.getLayers().item(0)).to.be.instanceOf(OfflineBaseLayer);
  });

  it('offers Tianditu when the map has a key', async () => {
    const map = await fixture<EnvMap>(`
      <env-map tianditu-key="${'0a'.repeat(16)}" style="width: 300px; height: 200px">
        <env-layer-switcher slot="top-right"></env-layer-switcher>
      </env-map>`);
    const switcher = map.querySelector('env-layer-switcher') as EnvLayerSwitcher;
    await switcher.updateComplete;
    const values = [
      ...switcher.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]'),
    ].map((r) => r.value);
    expect(values).to.include('tianditu-vec');
    expect(values).to.include('tianditu-img');
  });

  it('work outside the map with for="id", copying its theme', async () => {
    const wrapper = await fixture<HTMLDivElement>(`
      <div>
        <env-legend for="m2"></env-legend>
        <env-map id="m2" theme="public" style="width: 300px; height: 200px">
          <env-geojson-layer name="道路扬尘点" color="#99004c"></env-geojson-layer>
        </env-map>
      </div>`);
    const legend = wrapper.querySelector('env-legend') as EnvLegend;
    await until(() => legendLabels(legend).includes('道路扬尘点'), 'legend via for');
    expect(legend.hasAttribute('standalone')).to.equal(true);
    expect(legend.getAttribute('theme')).to.equal('public');
    expect(getComputedStyle(legend).getPropertyValue('--env-color-surface').trim()).to.equal(
      '#ffffff',
    );
    const map = wrapper.querySelector('env-map') as EnvMap;
    map.theme = 'command-center';
    await until(() => legend.getAttribute('theme') === 'command-center', 'theme follows');
  });

  it('find a map that appears after them', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      '<div><env-legend for="late"></env-legend></div>',
    );
    const legend = wrapper.querySelector('env-legend') as EnvLegend;
    expect(legend.shadowRoot!.querySelector('.panel')).to.equal(null);
    wrapper.insertAdjacentHTML(
      'beforeend',
      '<env-map id="late" style="width: 200px; height: 150px"><env-geojson-layer name="后来"></env-geojson-layer></env-map>',
    );
    await until(() => legendLabels(legend).includes('后来'), 'late map found');
  });

  it('follow the map language', async () => {
    const map = await composed();
    const switcher = map.querySelector('env-layer-switcher') as EnvLayerSwitcher;
    await switcher.updateComplete;
    expect(switcher.shadowRoot!.querySelector('h2')!.textContent).to.equal('图层');
    map.lang = 'en';
    await until(
      () => switcher.shadowRoot!.querySelector('h2')!.textContent === 'Layers',
      'English title',
    );
    const legend = map.querySelector('env-legend') as EnvLegend;
    await until(
      () => legend.shadowRoot!.querySelector('h2')!.textContent === 'Legend',
      'English legend',
    );
  });
});
