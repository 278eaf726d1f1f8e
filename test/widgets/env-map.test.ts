import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { fromLonLat, toLonLat } from 'ol/proj.js';
import type MultiPoint from 'ol/geom/MultiPoint.js';
import gcoord from 'gcoord';
import { OfflineBaseLayer, TOKENS } from '../../widgets/entry/index.js';
import type { EnvMap } from '../../widgets/index.js';
import type { EnvErrorDetail } from '../../widgets/base/events.js';
import { canvasStats, cleanup, fixture, nextEvent, rendered, until } from './helpers.js';

const MAP = '<env-map style="width: 640px; height: 480px"></env-map>';

function captureWarnings(): { messages: string[]; restore: () => void } {
  const messages: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    messages.push(args.map(String).join(' '));
  };
  return { messages, restore: () => (console.warn = original) };
}

/** Creates a map with attributes, collecting env-error events fired while it starts. */
async function mapWith(
  attrs: string,
): Promise<{ map: EnvMap; errors: EnvErrorDetail[]; warnings: string[] }> {
  const errors: EnvErrorDetail[] = [];
  const listener = (e: Event) => errors.push((e as CustomEvent<EnvErrorDetail>).detail);
  document.addEventListener('env-error', listener);
  const warn = captureWarnings();
  try {
    const map = await fixture<EnvMap>(
      `<env-map ${attrs} style="width: 400px; height: 300px"></env-map>`,
    );
    await rendered(map);
    return { map, errors, warnings: warn.messages };
  } finally {
    warn.restore();
    document.removeEventListener('env-error', listener);
  }
}

describe('<env-map>', () => {
  afterEach(cleanup);

  it('renders the offline base map around Heze by default', async () => {
    const map = await fixture<EnvMap>(MAP);
    await rendered(map);
    expect(map.map.getView().getProjection().getCode()).to.equal('EPSG:3857');
    const [lon, lat] = toLonLat(map.map.getView().getCenter()!);
    expect(lon).to.be.closeTo(115.48, 1e-6);
    expect(lat).to.be.closeTo(35.23, 1e-6);
    const base = map.map.getLayers().item(0);
    expect(base).to.be.instanceOf(OfflineBaseLayer);
    expect((base as OfflineBaseLayer).getSource()!.getFeatures().length).to.be.greaterThan(500);
    const stats = canvasStats(map);
    expect(stats.painted).to.be.greaterThan(640 * 480 * 0.5);
    expect(stats.colours).to.be.greaterThan(3);
    const attribution = map.shadowRoot!.querySelector('.ol-attribution')!.textContent!;
    expect(attribution).to.contain('国家基础地理信息中心');
  });

  it('bundles OpenLayers CSS into its shadow root, with no <link>', async () => {
    const map = await fixture<EnvMap>(MAP);
    expect(map.shadowRoot!.querySelector('link')).to.equal(null);
    expect(document.querySelector('link[href*="ol.css"]')).to.equal(null);
    const viewport = map.shadowRoot!.querySelector('.ol-viewport') as HTMLElement;
    const zoom = map.shadowRoot!.querySelector('.ol-zoom') as HTMLElement;
    expect(getComputedStyle(zoom).position).to.equal('absolute');
    expect(viewport.getBoundingClientRect().width).to.equal(640);
  });

  for (const [attrs, attribute] of [
    ['center="abc"', 'center'],
    ['center="200,10"', 'center'],
    ['projection="EPSG:9999"', 'projection'],
    ['basemap="google"', 'basemap'],
    ['basemap="javascript:alert(1)/{z}/{x}/{y}"', 'basemap'],
    ['zoom="far"', 'zoom'],
    ['lang="fr"', 'lang'],
    ['theme="neon"', 'theme'],
    ['basemap="tianditu-vec"', 'tianditu-key'],
  ] as const) {
    it(`reports ${attrs} naming "${attribute}" and still renders with defaults`, async () => {
      const { map, errors, warnings } = await mapWith(attrs);
      const error = errors.find((e) => e.attribute === attribute);
      expect(error !== undefined, `env-error for ${attribute}: ${JSON.stringify(errors)}`).to.equal(
        true,
      );
      expect(error!.source).to.equal('env-map');
      expect(
        warnings.some((w) => w.includes(attribute)),
        warnings.join('\n'),
      ).to.equal(true);
      expect(map.map.getLayers().item(0)).to.be.instanceOf(OfflineBaseLayer);
      expect(canvasStats(map).painted).to.be.greaterThan(400 * 300 * 0.5);
      const [lon, lat] = map.getViewState().center;
      if (attribute === 'center') {
        expect(lon).to.be.closeTo(115.48, 1e-6);
        expect(lat).to.be.closeTo(35.23, 1e-6);
      }
    });
  }

  it('takes EPSG:4326, EPSG:4490 and Gauss-Krüger projections', async () => {
    for (const code of ['EPSG:4326', 'EPSG:4490', 'EPSG:4547']) {
      const { map, errors } = await mapWith(`projection="${code}" center="115.48,35.23"`);
      expect(errors).to.deep.equal([]);
      expect(map.map.getView().getProjection().getCode()).to.equal(code);
      const [lon, lat] = map.getViewState().center;
      expect(lon).to.be.closeTo(115.48, 1e-6);
      expect(lat).to.be.closeTo(35.23, 1e-6);
      expect(canvasStats(map).painted).to.be.greaterThan(1000);
      cleanup();
    }
  });

  it('draws WGS84 data where gcoord puts them in a GCJ-02 (AMap) view', async () => {
    const map = await fixture<EnvMap>(
      '<env-map projection="GCJ-02-MERCATOR" style="width: 400px; height: 300px"><env-geojson-layer></env-geojson-layer></env-map>',
    );
    const layerEl = map.querySelector('env-geojson-layer')!;
    const stations: Array<[number, number]> = [
      [115.42277, 35.248889],
      [115.474722, 35.2375],
      [115.455, 35.27],
    ];
    layerEl.data = {
      type: 'MultiPoint',
      coordinates: stations,
    };
    await layerEl.updateComplete;
    await rendered(map);
    const drawn = (
      layerEl.layer!.getSource()!.getFeatures()[0].getGeometry() as MultiPoint
    ).getCoordinates();
    stations.forEach((p, i) => {
      const expected = fromLonLat(
        gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number],
      );
      const metres =
        Math.hypot(drawn[i][0] - expected[0], drawn[i][1] - expected[1]) *
        Math.cos((p[1] * Math.PI) / 180);
      expect(metres, `station ${i}`).to.be.below(1);
      const a = map.map.getPixelFromCoordinate(drawn[i]);
      const b = map.map.getPixelFromCoordinate(expected);
      expect(Math.hypot(a[0] - b[0], a[1] - b[1])).to.be.below(0.1);
    });
  });

  it('changes projection at run time and keeps the centre', async () => {
    const map = await fixture<EnvMap>(MAP);
    await rendered(map);
    map.projection = 'EPSG:4326';
    await map.updateComplete;
    await rendered(map);
    expect(map.map.getView().getProjection().getCode()).to.equal('EPSG:4326');
    expect(map.getViewState().center[0]).to.be.closeTo(115.48, 1e-6);
  });

  it('pans with arrow keys, zooms with + and -, and announces the view politely', async () => {
    const map = await fixture<EnvMap>(MAP);
    await rendered(map);
    const target = map.shadowRoot!.querySelector('.map') as HTMLElement;
    expect(target.tabIndex).to.equal(0);
    target.focus();
    const view = map.map.getView();
    const before = view.getCenter()!.slice();
    await sendKeys({ press: 'ArrowRight' });
    await until(() => view.getCenter()![0] > before[0] + 1, 'pan east');
    const zoom = view.getZoom()!;
    await sendKeys({ press: '+' });
    await until(() => view.getZoom()! > zoom + 0.5, 'zoom in');
    const live = map.shadowRoot!.querySelector('[role="status"]')!;
    expect(live.getAttribute('aria-live')).to.equal('polite');
    await until(() => /缩放级别 10/.test(live.textContent ?? ''), 'announcement');
    expect(live.textContent).to.match(/东经 115\.\d+°/);
    await sendKeys({ press: '-' });
    await until(() => view.getZoom()! < zoom + 0.5, 'zoom out');
  });

  it('fires env-view-change with the centre in WGS84', async () => {
    const map = await fixture<EnvMap>(MAP);
    await rendered(map);
    const event = nextEvent<CustomEvent>(map, 'env-view-change');
    map.map.getView().setZoom(7);
    const { detail } = await event;
    expect(detail.zoom).to.equal(7);
    expect(detail.center[0]).to.be.closeTo(115.48, 1e-6);
  });

  it('switches theme tokens and base map colours', async () => {
    const map = await fixture<EnvMap>(MAP);
    await rendered(map);
    const base = map.map.getLayers().item(0) as OfflineBaseLayer;
    expect(base.getPalette().land).to.equal(TOKENS['--env-basemap-land']['command-center']);
    map.theme = 'public';
    await map.updateComplete;
    expect(getComputedStyle(map).getPropertyValue('--env-color-surface').trim()).to.equal(
      '#ffffff',
    );
    const now = map.map.getLayers().item(0) as OfflineBaseLayer;
    expect(now.getPalette().land).to.equal(TOKENS['--env-basemap-land'].public);
  });

  it('lets the page override a token on the element', async () => {
    const map = await fixture<EnvMap>(
      '<env-map style="width: 300px; height: 200px; --env-basemap-land: rgb(1, 2, 3)"></env-map>',
    );
    await rendered(map);
    expect((map.map.getLayers().item(0) as OfflineBaseLayer).getPalette().land).to.equal(
      'rgb(1, 2, 3)',
    );
  });

  it('speaks English when lang="en"', async () => {
    const map = await fixture<EnvMap>(
      '<env-map lang="en" style="width: 300px; height: 200px"></env-map>',
    );
    await rendered(map);
    expect(map.shadowRoot!.querySelector('.map')!.getAttribute('aria-label')).to.equal(
      'Environmental supervision map',
    );
    expect(map.shadowRoot!.querySelector('.ol-attribution')!.textContent).to.contain(
      'National Geomatics Center',
    );
  });

  it('uses Tianditu on the c matrix set for a geographic view', async () => {
    const key = 'ab'.repeat(16);
    const { map, errors } = await mapWith(
      `basemap="tianditu-img" tianditu-key="${key}" projection="EPSG:4490"`,
    ).catch(() => ({ map: document.querySelector('env-map') as EnvMap, errors: [] }));
    expect(errors).to.deep.equal([]);
    const group = map.map.getLayers().item(0) as unknown as {
      getLayers(): {
        getArray(): Array<{ getSource(): { getUrls(): string[]; matrixSet: string } }>;
      };
    };
    const sources = group
      .getLayers()
      .getArray()
      .map((l) => l.getSource());
    expect(sources.map((s) => s.matrixSet)).to.deep.equal(['c', 'c']);
    expect(sources[0].getUrls()[0]).to.contain('img_c/wmts');
    expect(sources[1].getUrls()[0]).to.contain('cia_c/wmts');
    expect(sources[0].getUrls()[0]).to.contain(`tk=${key}`);
  });

  it('gives the public theme WCAG AA text contrast', () => {
    const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    const lum = (hex: string) => {
      const [r, g, b] = rgb(hex).map((c) =>
        c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
      );
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    for (const theme of ['public', 'command-center'] as const) {
      const surface = TOKENS['--env-color-surface'][theme];
      for (const token of [
        '--env-color-text',
        '--env-color-text-muted',
        '--env-color-accent',
        '--env-color-danger',
      ]) {
        expect(contrast(TOKENS[token][theme], surface), `${theme} ${token}`).to.be.at.least(4.5);
      }
    }
  });
});
