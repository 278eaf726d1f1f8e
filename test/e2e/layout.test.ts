// End-to-end: on every demo page at a phone's, a laptop's, a desktop's and a 4K screen's size,
// the widgets in the corner slots of each map cover neither one another nor anything outside
// the map; a panel the map folded opens and closes again from the keyboard.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { PAGES } from '../../demo/server/server.js';
import { mapRendered, shots, startDemoBrowser, type DemoBrowser } from './helpers.js';

const SIZES = [
  [390, 844],
  [1280, 720],
  [1920, 1080],
  [3840, 2160],
] as const;

/**
 * What is wrong with the corner widgets of every map on the page: pairs of boxes that overlap
 * (each slotted element and the panel in its shadow root) and boxes that leave their map.
 * It runs in the page, so it names no inner functions (the TypeScript loader would wrap them).
 */
function clashes(): string[] {
  const found: string[] = [];
  for (const map of document.querySelectorAll('env-map')) {
    const m = map.getBoundingClientRect();
    const widgets = [...map.querySelectorAll(':scope > [slot]')]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => {
        const panel = el.shadowRoot?.querySelector('.panel');
        const boxes = [el.getBoundingClientRect()];
        if (panel && panel.getClientRects().length > 0) boxes.push(panel.getBoundingClientRect());
        return { name: `${map.id}>${el.localName}[${el.getAttribute('slot')}]`, boxes };
      });
    for (const [i, a] of widgets.entries()) {
      const out = a.boxes.some(
        (r) =>
          r.left < m.left - 0.5 ||
          r.top < m.top - 0.5 ||
          r.right > m.right + 0.5 ||
          r.bottom > m.bottom + 0.5,
      );
      if (out) found.push(`${a.name} leaves the map`);
      for (const b of widgets.slice(i + 1)) {
        const touching = a.boxes.some((x) =>
          b.boxes.some(
            (y) =>
              x.right > y.left + 0.5 &&
              y.right > x.left + 0.5 &&
              x.bottom > y.top + 0.5 &&
              y.bottom > x.top + 0.5,
          ),
        );
        if (touching) found.push(`${a.name} overlaps ${b.name}`);
      }
    }
  }
  return found;
}

async function open(browser: Browser, base: string, name: string, width: number, height: number) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(`${base}/${name}`);
  await mapRendered(page);
  return page;
}

/**
 * The clashes once the page has settled: its data arrive for a while after the first frame,
 * and a panel that grows is refitted a frame later, so the check is repeated until it passes.
 */
async function settledClashes(page: Page): Promise<string[]> {
  const deadline = Date.now() + 8000;
  await page.waitForTimeout(1000);
  for (;;) {
    const found = await page.evaluate(clashes);
    if (found.length === 0 || Date.now() > deadline) return found;
    await page.waitForTimeout(250);
  }
}

describe('layout of the corner widgets', () => {
  let run: DemoBrowser;
  let base: string;
  let browser: Browser;

  before(async () => {
    run = await startDemoBrowser();
    ({ base, browser } = run);
  });

  after(() => run?.close());

  for (const name of PAGES) {
    it(`${name}: no corner widget covers another or leaves its map, at ${SIZES.map((s) => s.join('x')).join(', ')}`, async () => {
      const failures: string[] = [];
      for (const [width, height] of SIZES) {
        const page = await open(browser, base, name, width, height);
        const found = await settledClashes(page);
        if (found.length > 0) {
          failures.push(`${width}x${height}: ${found.join('; ')}`);
          await page.screenshot({
            path: `${shots}/layout-${name.replace('.html', '')}-${width}.png`,
          });
        }
        await page.close();
      }
      assert.deepEqual(failures, []);
    });
  }

  it('command-center.html on a phone: a folded panel opens and closes from the keyboard', async () => {
    const page = await open(browser, base, 'command-center.html', 390, 844);
    const legend = page.locator('env-legend');
    await page.waitForFunction(() =>
      document.querySelector('env-legend')?.hasAttribute('collapsed'),
    );
    const toggle = legend.locator('.collapse-toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await legend.locator('ul').first().isVisible(), false);
    // Tab from the map reaches the toggle.
    await page
      .locator('env-map')
      .evaluate((el) => (el.shadowRoot!.querySelector('.map') as HTMLElement).focus());
    const focused = () =>
      page.evaluate(
        () =>
          document.activeElement?.localName === 'env-legend' &&
          document.activeElement.shadowRoot?.activeElement?.classList.contains('collapse-toggle'),
      );
    let presses = 0;
    while (!(await focused()) && presses < 40) {
      await page.keyboard.press('Tab');
      presses++;
    }
    assert.ok(await focused(), 'Tab reaches the legend’s title button');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => !document.querySelector('env-legend')!.hasAttribute('collapsed'),
    );
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await legend.locator('ul').first().isVisible(), true);
    // Opened by hand it stays open, whatever room it takes, until the map is resized.
    await page.waitForTimeout(300);
    assert.equal(await legend.getAttribute('collapsed'), null);
    await page.keyboard.press('Space');
    await page.waitForFunction(() =>
      document.querySelector('env-legend')!.hasAttribute('collapsed'),
    );
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await page.close();
  });
});
