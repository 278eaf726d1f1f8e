// What the end-to-end tests share: the demo server and Debian's Chromium, started once per file,
// and a page's first complete frame.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../demo/server/demo.js';
import { chromiumArgs, chromiumPath } from '../chromium.js';

/** The project's root folder. */
export const root = fileURLToPath(new URL('../..', import.meta.url));
/** Where the tests leave screenshots. */
export const shots = `${root}/test-results/e2e`;

export interface DemoBrowser {
  demo: RunningDemo;
  /** The demo server's address, `http://127.0.0.1:<port>`. */
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Starts the demo server on a free port (simulation step `tickMs`, default 500 ms; 0 steps only
 * when asked) and Chromium (with `extraArgs` after the usual flags).
 */
export async function startDemoBrowser(
  options: { tickMs?: number; extraArgs?: string[] } = {},
): Promise<DemoBrowser> {
  assert.ok(existsSync(`${root}/dist/envmap.iife.js`), 'dist/ is missing: run npm run build first');
  mkdirSync(shots, { recursive: true });
  const demo = await startDemo({ root, port: 0, tickMs: options.tickMs ?? 500 });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...chromiumArgs, ...(options.extraArgs ?? [])],
  });
  return {
    demo,
    base: `http://127.0.0.1:${demo.port}`,
    browser,
    async close() {
      await browser.close();
      await demo.close();
    },
  };
}

/** Resolves when the page's first `<env-map>` has drawn everything. */
export async function mapRendered(page: Page, timeout = 30000): Promise<void> {
  await page.waitForFunction(
    () =>
      (document.querySelector('env-map') as unknown as { renderComplete?: boolean })
        ?.renderComplete === true,
    undefined,
    { timeout },
  );
}
