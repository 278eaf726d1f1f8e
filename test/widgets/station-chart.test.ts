import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { EnvMap, EnvStationChart } from '../../widgets/index.js';
import { StationHistory, computeAqi } from '../../src/index.js';
import { cleanup, fixture, until } from './helpers.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2015-01-01T00:00:00Z');

describe('<env-station-chart>', () => {
  afterEach(cleanup);

  it('opens on a selected station and draws its AQI over the level bands; Escape closes', async () => {
    const map = await fixture<EnvMap>(
      `<env-map style="width:500px;height:400px" lang="en">
        <env-station-chart slot="bottom-right" hours="24"></env-station-chart></env-map>`,
    );
    const chart = map.querySelector('env-station-chart') as EnvStationChart;
    const h = new StationHistory();
    h.setStation({ id: 'S', name: '<script>x</script>', lon: 115, lat: 35 });
    for (let i = 0; i < 48; i++) h.add('S', T0 + i * HOUR, { pm25: 20 + 5 * i, no2: 30 });
    chart.history = h;
    await chart.updateComplete;
    expect(chart.shadowRoot!.textContent).to.contain('Click a station');

    map.dispatchEvent(
      new CustomEvent('env-select', { detail: { kind: 'station', id: 'S' }, bubbles: true }),
    );
    await chart.updateComplete;
    const root = chart.shadowRoot!;
    expect(root.querySelector('h2')!.textContent).to.equal('<script>x</script> · AQI');
    expect(root.querySelector('script')).to.equal(null);
    const points = chart.series();
    expect(points.length).to.equal(24, 'the last 24 hours');
    const last = computeAqi({ pm25: 20 + 5 * 47, no2: 30 }).aqi!;
    expect(points.at(-1)).to.deep.equal([T0 + 47 * HOUR, last]);
    // The chart code loads on first use.
    await until(() => root.querySelector('svg') !== null, 'the chart');
    const svgEl = root.querySelector('svg')!;
    expect(svgEl.getAttribute('aria-label')).to.contain(`latest ${last}`);
    const bands = [...svgEl.querySelectorAll('rect')].map((r) => r.getAttribute('fill'));
    expect(bands.slice(0, 3)).to.deep.equal(['#00e400', '#ffff00', '#ff7e00']);
    const d = root.querySelector('path.series')!.getAttribute('d')!;
    expect(d.split(/[ML]/).filter(Boolean).length).to.equal(24);

    // Follows the time slider: ending 12 hours earlier.
    map.dispatchEvent(
      new CustomEvent('env-time', { detail: { time: T0 + 35 * HOUR }, bubbles: true }),
    );
    await chart.updateComplete;
    expect(chart.series().at(-1)![0]).to.equal(T0 + 35 * HOUR);

    (root.querySelector('button') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Escape' });
    await chart.updateComplete;
    expect(chart.station).to.equal(null);
  });
});
