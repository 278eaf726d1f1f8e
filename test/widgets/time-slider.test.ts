import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { EnvMap, EnvTimeSlider, EnvTimeDetail, EnvErrorDetail } from '../../widgets/index.js';
import { cleanup, fixture } from './helpers.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2015-01-01T00:00:00Z');

/** Collects the env-time events the map receives. */
function recorder(map: EnvMap): EnvTimeDetail[] {
  const seen: EnvTimeDetail[] = [];
  map.addEventListener('env-time', (e) => seen.push(e.detail));
  return seen;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('<env-time-slider>', () => {
  afterEach(cleanup);

  it('steps with the keyboard and sends env-time to the map; window mode sends the hours', async () => {
    const map = await fixture<EnvMap>(
      `<env-map style="width:400px;height:300px">
        <env-time-slider slot="bottom-left" start="2015-01-01T00:00:00Z" end="2015-01-02T00:00:00Z"
          value="2015-01-01T05:00:00Z"></env-time-slider>
      </env-map>`,
    );
    const seen = recorder(map);
    const slider = map.querySelector('env-time-slider') as EnvTimeSlider;
    await slider.updateComplete;
    const range = slider.shadowRoot!.querySelector('input[type=range]') as HTMLInputElement;
    expect(range.max).to.equal('24');
    expect(range.value).to.equal('5');
    expect(range.getAttribute('aria-valuetext')).to.equal('2015-01-01 13:00'); // Beijing time
    range.focus();
    await sendKeys({ press: 'ArrowRight' });
    await slider.updateComplete;
    expect(seen.at(-1)).to.deep.equal({ time: T0 + 6 * HOUR, window: 0 });
    await sendKeys({ press: 'End' });
    await slider.updateComplete;
    expect(seen.at(-1)!.time).to.equal(T0 + 24 * HOUR);
    slider.mode = 'window';
    await slider.updateComplete;
    expect(seen.at(-1)).to.deep.equal({ time: T0 + 24 * HOUR, window: 24 });
    const back = slider.shadowRoot!.querySelector(
      'button[aria-label="后退一步"]',
    ) as HTMLButtonElement;
    back.click();
    await slider.updateComplete;
    expect(seen.at(-1)!.time).to.equal(T0 + 23 * HOUR);
  });

  it('takes the span the layers announce, plays, and stops at the end', async () => {
    const map = await fixture<EnvMap>(
      `<env-map id="m" style="width:400px;height:300px"></env-map>
       <env-time-slider for="m" speed="20"></env-time-slider>`,
    );
    const slider = document.querySelector('env-time-slider') as EnvTimeSlider;
    const seen = recorder(map);
    await slider.updateComplete;
    expect(slider.time).to.equal(null);
    map.dispatchEvent(
      new CustomEvent('env-time-range', { detail: { start: T0, end: T0 + 5 * HOUR, step: HOUR } }),
    );
    await slider.updateComplete;
    expect(seen.at(-1)!.time).to.equal(T0 + 5 * HOUR, 'starts at the end');
    slider.value = new Date(T0).toISOString();
    slider.playing = true;
    // Five steps at 20 per second: about 250 ms; a loaded machine may take longer.
    const started = performance.now();
    while (slider.playing && performance.now() - started < 10_000) await wait(50);
    expect(slider.playing).to.equal(false, 'stopped at the end');
    expect(seen.map((d) => d.time)).to.include.members([T0 + HOUR, T0 + 3 * HOUR, T0 + 5 * HOUR]);
    expect(slider.time).to.equal(T0 + 5 * HOUR);
  });

  it('a bad mode is reported and instant used', async () => {
    const map = await fixture<EnvMap>(
      `<env-map style="width:300px;height:200px"><env-time-slider slot="top-left"></env-time-slider></env-map>`,
    );
    const slider = map.querySelector('env-time-slider') as EnvTimeSlider;
    const error = new Promise<EnvErrorDetail>((r) =>
      slider.addEventListener('env-error', (e) => r(e.detail), { once: true }),
    );
    slider.setAttribute('mode', 'forever');
    expect((await error).attribute).to.equal('mode');
    await slider.updateComplete;
    expect(slider.mode).to.equal('instant');
  });
});
