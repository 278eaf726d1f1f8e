import { expect } from '@esm-bundle/chai';
import { TOKENS, THEMES } from '../../styles/index.js';

describe('design tokens', () => {
  it('are all documented in styles/README.md with both theme values', async () => {
    const doc = await (await fetch('/styles/README.md')).text();
    for (const [name, spec] of Object.entries(TOKENS)) {
      const row = doc.split('\n').find((line) => line.split('|')[1]?.trim() === `\`${name}\``);
      expect(row, `${name} row`).to.be.a('string');
      for (const theme of THEMES) expect(row).to.contain(spec[theme]);
    }
  });

  it('are all read by some stylesheet or by the base map palette', async () => {
    const sources = await Promise.all(
      [
        '/styles/shared.ts',
        '/widgets/env-map/styles.ts',
        '/widgets/env-map/basemap-slot.ts',
        '/widgets/env-legend/EnvLegend.ts',
        '/widgets/env-layer-switcher/EnvLayerSwitcher.ts',
        '/widgets/env-feed-status/EnvFeedStatus.ts',
        '/widgets/env-track-list/styles.ts',
      ].map(async (path) => (await fetch(path)).text()),
    );
    const all = sources.join('\n');
    for (const name of Object.keys(TOKENS).filter((n) => !n.startsWith('--env-aqi-'))) {
      expect(all.includes(name), `${name} is used`).to.equal(true);
    }
  });
});
