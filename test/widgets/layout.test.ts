import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { css, html } from 'lit';
import type { EnvLegend, EnvMap, EnvStationChart } from '../../widgets/index.js';
import { EnvWidgetElement } from '../../widgets/index.js';
import { Collapsible } from '../../widgets/base/collapsible.js';
import type { EnvCollapseDetail } from '../../widgets/base/events.js';
import { panelStyles } from '../../styles/index.js';
import { cleanup, fixture, rendered, until } from './helpers.js';

/** A panel of a known height (`--body` on the host) that folds like the kit's panels. */
class TestPanel extends Collapsible(EnvWidgetElement) {
  static override styles = [
    EnvWidgetElement.tokenStyles,
    panelStyles,
    css`
      .body {
        height: var(--body, 100px);
      }
    `,
  ];

  protected override render() {
    return html`<section class="panel">
      <h2>${this.collapseToggle(this.id)}</h2>
      <div class="body"></div>
    </section>`;
  }
}
if (!customElements.get('test-panel')) customElements.define('test-panel', TestPanel);

type Panel = TestPanel & HTMLElement;

const panel = (map: EnvMap, id: string) => map.querySelector(`#${id}`) as Panel;
const toggle = (el: Element) => el.shadowRoot!.querySelector('.collapse-toggle') as HTMLElement;
const folded = (map: EnvMap) =>
  [...map.querySelectorAll('test-panel')]
    .filter((p) => p.hasAttribute('collapsed'))
    .map((p) => p.id);

/** Every pair of slotted boxes that overlap, and the boxes that leave the map. */
function clashes(map: EnvMap): string[] {
  const m = map.getBoundingClientRect();
  const boxes = [...map.querySelectorAll(':scope > [slot]')].map((el) => ({
    id: el.id || el.localName,
    r: el.getBoundingClientRect(),
  }));
  const found: string[] = [];
  for (const [i, a] of boxes.entries()) {
    if (a.r.left < m.left || a.r.top < m.top || a.r.right > m.right || a.r.bottom > m.bottom)
      found.push(`${a.id} leaves the map`);
    for (const b of boxes.slice(i + 1)) {
      const apart =
        a.r.right <= b.r.left ||
        b.r.right <= a.r.left ||
        a.r.bottom <= b.r.top ||
        b.r.bottom <= a.r.top;
      if (!apart) found.push(`${a.id} overlaps ${b.id}`);
    }
  }
  return found;
}

/**
 * Right column of a map: "a" (priority 80) and "b" (20) at the top, "c" (50) at the bottom.
 * Open they are about 140, 140 and 100 px tall, folded about 35; the column is the map's
 * height less 2em (28 px) for the scale line and attribution, less about 40 px of padding.
 */
async function column(width: number, height: number, more = ''): Promise<EnvMap> {
  const map = await fixture<EnvMap>(`
    <env-map style="width: ${width}px; height: ${height}px">
      ${more}
      <test-panel id="a" slot="top-right" collapse-priority="80"></test-panel>
      <test-panel id="b" slot="top-right" collapse-priority="20"></test-panel>
      <test-panel id="c" slot="bottom-right" style="--body: 60px"></test-panel>
    </env-map>`);
  await rendered(map);
  return map;
}

function resize(map: EnvMap, width: number, height: number): void {
  map.style.width = `${width}px`;
  map.style.height = `${height}px`;
}

describe('slot layout and collapsible panels', () => {
  afterEach(cleanup);

  it('a panel folds to its title button, by click and by keyboard, and says so', async () => {
    const map = await column(900, 800);
    const a = panel(map, 'a');
    await until(() => a.collapsible, 'the toggle');
    const events: EnvCollapseDetail[] = [];
    a.addEventListener('env-collapse', (e) => events.push(e.detail));
    const button = toggle(a);
    const body = a.shadowRoot!.querySelector('.body') as HTMLElement;
    expect(button.localName).to.equal('button');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(body.getClientRects().length).to.equal(1);

    button.click();
    await a.updateComplete;
    expect(a.collapsed).to.equal(true);
    expect(a.hasAttribute('collapsed')).to.equal(true);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(body.getClientRects().length).to.equal(0);
    expect(a.getBoundingClientRect().height).to.be.lessThan(60);

    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !a.collapsed, 'Enter opens it');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Space' });
    await until(() => a.collapsed, 'Space folds it');
    expect(events).to.deep.equal([
      { collapsed: true, auto: false },
      { collapsed: false, auto: false },
      { collapsed: true, auto: false },
    ]);
  });

  it('folds the lowest-priority panels that do not fit, and opens them when room returns', async () => {
    const map = await column(900, 300);
    await until(() => folded(map).length === 2, 'two panels folded');
    expect(folded(map)).to.deep.equal(['b', 'c']);
    expect(clashes(map)).to.deep.equal([]);
    const events: Array<[string, EnvCollapseDetail]> = [];
    map.addEventListener('env-collapse', (e) => events.push([(e.target as Element).id, e.detail]));

    resize(map, 900, 390);
    await until(() => folded(map).length === 1, 'one panel folded');
    expect(folded(map)).to.deep.equal(['b']);
    expect(events).to.deep.equal([['c', { collapsed: false, auto: true }]]);
    expect(clashes(map)).to.deep.equal([]);

    resize(map, 900, 700);
    await until(() => folded(map).length === 0, 'every panel open');
    expect(clashes(map)).to.deep.equal([]);
    // The bottom slot stays at the bottom, the top slot at the top.
    const m = map.getBoundingClientRect();
    expect(panel(map, 'a').getBoundingClientRect().top - m.top).to.be.lessThan(20);
    expect(m.bottom - panel(map, 'c').getBoundingClientRect().bottom).to.be.lessThan(60);
  });

  it('lays the columns out again when a panel grows taller, not when it only grows wider', async () => {
    const map = await column(900, 700);
    await until(() => folded(map).length === 0, 'every panel open');
    const a = panel(map, 'a');
    let layouts = 0;
    const autoCollapse = a.autoCollapse.bind(a);
    a.autoCollapse = (collapsed: boolean) => {
      layouts++;
      autoCollapse(collapsed);
    };
    const frames = async (n: number) => {
      for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
    };
    await frames(3);
    layouts = 0;
    a.style.width = '300px';
    await frames(4);
    expect(a.getBoundingClientRect().width).to.equal(300);
    expect(layouts, 'layouts after a panel grew wider').to.equal(0);
    a.style.setProperty('--body', '400px');
    await until(() => layouts > 0, 'a layout after a panel grew taller');
    // The taller "a" no longer fits with "b": the lower priority folds.
    await until(() => folded(map).includes('b'), 'b folded');
    expect(clashes(map)).to.deep.equal([]);
  });

  it('a panel opened or closed by hand keeps its state until the map is resized', async () => {
    const map = await column(900, 300);
    await until(() => folded(map).join() === 'b,c', 'b and c folded');
    // Opening "b" by hand makes "a" fold to leave room for it.
    toggle(panel(map, 'b')).click();
    await until(() => folded(map).join() === 'a,c', 'a folds for b');
    expect(panel(map, 'b').collapseChosen).to.equal(true);
    expect(clashes(map)).to.deep.equal([]);
    resize(map, 900, 302);
    await until(() => folded(map).join() === 'b,c', 'the layout decides again');
    expect(panel(map, 'b').collapseChosen).to.equal(false);
    // Closing "a" by hand is kept, and gives "c" the room to open.
    toggle(panel(map, 'a')).click();
    await until(() => folded(map).join() === 'a,b', 'c opens in the room a left');
    expect(panel(map, 'a').collapseChosen).to.equal(true);
    expect(clashes(map)).to.deep.equal([]);
  });

  it('a panel folded in the markup stays folded until the map is resized', async () => {
    const map = await fixture<EnvMap>(`
      <env-map style="width: 900px; height: 600px">
        <test-panel id="a" slot="top-left" collapsed></test-panel>
      </env-map>`);
    await rendered(map);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(panel(map, 'a').collapsed).to.equal(true);
    resize(map, 900, 640);
    await until(() => !panel(map, 'a').collapsed, 'opened once the map is resized');
  });

  it('on a narrow map the open panels fill at most half of the columns', async () => {
    // "d" (priority 60) on the left, about 240 px tall open.
    const d =
      '<test-panel id="d" slot="top-left" collapse-priority="60" style="--body: 200px"></test-panel>';
    const wide = await column(900, 560, d);
    await until(() => folded(wide).length === 0, 'all open on a wide map');
    cleanup();
    const narrow = await column(400, 560, d);
    await until(() => folded(narrow).length === 2, 'two folded on a narrow map');
    expect(folded(narrow)).to.deep.equal(['b', 'c']);
    // The columns share the width: each at most half the map.
    const m = narrow.getBoundingClientRect();
    for (const el of narrow.querySelectorAll('test-panel'))
      expect(el.getBoundingClientRect().width).to.be.at.most(m.width / 2);
    expect(clashes(narrow)).to.deep.equal([]);
  });

  it('on a narrow map a panel alone may fill its column', async () => {
    const map = await fixture<EnvMap>(`
      <env-map style="width: 400px; height: 300px">
        <test-panel id="a" slot="bottom-left" style="--body: 180px"></test-panel>
      </env-map>`);
    await rendered(map);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(panel(map, 'a').collapsed).to.equal(false);
    expect(clashes(map)).to.deep.equal([]);
  });

  it('keeps the left and right columns apart and leaves other elements as they are', async () => {
    const map = await fixture<EnvMap>(`
      <env-map style="width: 420px; height: 420px">
        <test-panel id="l1" slot="top-left" style="--body: 160px"></test-panel>
        <div id="fixed" slot="bottom-left" style="height: 120px; width: 300px; background: red"></div>
        <test-panel id="r1" slot="top-right" style="--body: 160px"></test-panel>
        <test-panel id="r2" slot="bottom-right" style="--body: 160px"></test-panel>
      </env-map>`);
    await rendered(map);
    await until(() => folded(map).length >= 2, 'panels folded');
    expect(clashes(map)).to.deep.equal([]);
    expect((map.querySelector('#fixed') as HTMLElement).getBoundingClientRect().height).to.equal(
      120,
    );
  });

  it("the kit's panels fold: the legend by its title; a station chart without a station has nothing to fold to", async () => {
    const map = await fixture<EnvMap>(`
      <env-map style="width: 900px; height: 600px">
        <env-geojson-layer name="站点" color="#ff7e00" src="/demo/data/heze-stations.json"></env-geojson-layer>
        <env-legend slot="bottom-left"></env-legend>
        <env-station-chart slot="bottom-right"></env-station-chart>
      </env-map>`);
    await rendered(map);
    const legend = map.querySelector('env-legend') as EnvLegend;
    const chart = map.querySelector('env-station-chart') as EnvStationChart;
    await until(() => legend.shadowRoot!.querySelectorAll('li').length > 0, 'legend entries');
    expect(legend.collapsible).to.equal(true);
    expect(chart.collapsible).to.equal(false);
    expect(legend.shadowRoot!.querySelector('h2')!.textContent).to.equal('图例');
    toggle(legend).click();
    await legend.updateComplete;
    expect(legend.shadowRoot!.querySelector('ul')!.getClientRects().length).to.equal(0);
    expect(legend.collapsePriority).to.be.greaterThan(chart.collapsePriority);
  });
});
