import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type {
  EnvMap,
  EnvRankingTable,
  EnvSelectDetail,
  EnvErrorDetail,
} from '../../widgets/index.js';
import { StationHistory } from '../../src/index.js';
import { cleanup, fixture } from './helpers.js';

const bj = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h - 8);

function history(): StationHistory {
  const h = new StationHistory();
  const levels: Record<string, [number, number]> = { A: [80, 20], B: [40, 40], C: [20, 90] };
  for (const [id, [before, now]] of Object.entries(levels)) {
    h.setStation({
      id,
      name: `<b>${id}</b>镇`,
      lon: 115 + id.charCodeAt(0) / 100,
      lat: 35,
      kind: 'township',
    });
    for (let d = 1; d <= 30; d++)
      for (let i = 0; i < 24; i++) {
        const base = { so2: 8, no2: 20, co: 0.8, o3_1h: 90 };
        h.add(id, bj(2020, 4, d, i), { ...base, pm25: before, pm10: before * 1.5 });
        h.add(id, bj(2020, 5, d, i), { ...base, pm25: now, pm10: now * 1.5 });
      }
  }
  return h;
}

const ids = (table: EnvRankingTable) =>
  [...table.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => tr.getAttribute('data-id'));

describe('<env-ranking-table>', () => {
  afterEach(cleanup);

  it('ranks cleanest first with rank changes, sorts by header, selects by keyboard', async () => {
    const map = await fixture<EnvMap>(
      `<env-map style="width:400px;height:300px" lang="en">
        <env-ranking-table slot="top-left"></env-ranking-table></env-map>`,
    );
    const table = map.querySelector('env-ranking-table') as EnvRankingTable;
    table.history = history();
    await table.updateComplete;
    table.recompute();
    await table.updateComplete;
    const root = table.shadowRoot!;
    expect(root.querySelector('h2')!.textContent).to.contain('Monthly ranking (composite index)');
    expect(root.querySelector('h2')!.textContent).to.contain('2020-05');
    expect(ids(table)).to.deep.equal(['A', 'B', 'C']);
    const cells = [...root.querySelectorAll('tbody tr:first-child td')].map((td) =>
      td.textContent!.trim(),
    );
    expect(cells[1]).to.equal('<b>A</b>镇', 'names are text');
    expect(root.querySelector('tbody b')).to.equal(null);
    expect(root.querySelector('tbody tr:first-child .up')!.getAttribute('aria-label')).to.equal(
      'up 2',
    );
    expect(root.querySelector('tbody tr:last-child .down')!.getAttribute('aria-label')).to.equal(
      'down 2',
    );

    const nameHeader = [...root.querySelectorAll('th button')][1] as HTMLButtonElement;
    nameHeader.click();
    await table.updateComplete;
    expect(nameHeader.closest('th')!.getAttribute('aria-sort')).to.equal('ascending');
    nameHeader.click();
    await table.updateComplete;
    expect(ids(table)).to.deep.equal(['C', 'B', 'A']);

    const selected = new Promise<EnvSelectDetail>((r) =>
      map.addEventListener('env-select', (e) => r(e.detail), { once: true }),
    );
    (root.querySelector('tbody tr[data-id="B"]') as HTMLElement).focus();
    await sendKeys({ press: 'Enter' });
    const detail = await selected;
    expect(detail.id).to.equal('B');
    expect(detail.lon).to.be.closeTo(115.66, 1e-9);
  });

  it('daily AQI for a chosen date; a bad measure is reported', async () => {
    const map = await fixture<EnvMap>(
      `<env-map style="width:400px;height:300px">
        <env-ranking-table slot="top-left" by="aqi" period="day" date="2020-04-10T04:00:00Z"></env-ranking-table></env-map>`,
    );
    const table = map.querySelector('env-ranking-table') as EnvRankingTable;
    table.history = history();
    await table.updateComplete;
    const r = table.recompute()!;
    expect(r.period).to.deep.equal([bj(2020, 4, 10), bj(2020, 4, 11)]);
    expect(r.rows.map((x) => x.id)).to.deep.equal(['C', 'B', 'A']);
    const error = new Promise<EnvErrorDetail>((res) =>
      table.addEventListener('env-error', (e) => res(e.detail), { once: true }),
    );
    table.setAttribute('by', 'median');
    await table.updateComplete;
    table.recompute();
    expect((await error).message).to.contain('composite or aqi');
  });
});
