import { expect } from '@esm-bundle/chai';
import { createFeed } from '../../src/index.js';
import type { EnvFeedStatus, EnvMap } from '../../widgets/index.js';
import type { EnvErrorDetail, EnvFeedStatusDetail } from '../../widgets/base/events.js';
import { cleanup, fixture, nextEvent, until } from './helpers.js';

const reading = (i: number) => ({
  type: 'station.reading',
  id: `r${i}`,
  time: '2026-11-25T08:00:00+08:00',
  data: { stationId: 'TS-001', values: { pm25: 40 + i } },
});

const counter = (el: EnvFeedStatus, key: string) =>
  el.shadowRoot!.querySelector(`[data-counter="${key}"]`)?.textContent;

describe('<env-feed-status> and the map feed', () => {
  afterEach(cleanup);

  it('shows the state and counters of a feed set by portal code', async () => {
    const map = await fixture<EnvMap>(
      '<env-map style="width: 300px; height: 200px"><env-feed-status slot="top-right" interval="100"></env-feed-status></env-map>',
    );
    const status = map.querySelector('env-feed-status') as EnvFeedStatus;
    await status.updateComplete;
    expect(status.shadowRoot!.querySelector('[part="status"]')!.textContent!.trim()).to.equal(
      '未配置数据源',
    );
    const feed = createFeed({ url: '/nowhere', transport: 'poll', autoConnect: false });
    const event = nextEvent<CustomEvent<EnvFeedStatusDetail>>(map, 'env-feed-status');
    map.feed = feed;
    expect((await event).detail.status).to.equal('closed');
    for (let i = 0; i < 5; i++) feed.ingest(reading(i));
    feed.ingest(reading(0));
    feed.ingest('{"broken":');
    await until(() => counter(status, 'received') === '7', 'counters refreshed');
    expect(counter(status, 'applied')).to.equal('5');
    expect(counter(status, 'duplicates')).to.equal('1');
    expect(counter(status, 'rejected')).to.equal('1');
    expect(status.shadowRoot!.querySelector('[role="status"]')!.getAttribute('aria-live')).to.equal(
      'polite',
    );
    map.remove();
    // a feed set by portal code survives the map's removal
    expect(feed.stats.applied).to.equal(5);
  });

  it('connects from feed-url, reports a bad transport, and stops its own feed on removal', async () => {
    const errors: EnvErrorDetail[] = [];
    const warn = console.warn;
    console.warn = () => {};
    document.addEventListener('env-error', (e) =>
      errors.push((e as CustomEvent<EnvErrorDetail>).detail),
    );
    try {
      const map = await fixture<EnvMap>(
        '<env-map feed-url="/no-such-feed" feed-transport="pigeon" style="width: 300px; height: 200px"></env-map>',
      );
      expect(errors.some((e) => e.attribute === 'feed-transport')).to.equal(true);
      const feed = map.feed!;
      expect(feed.options.transport).to.equal('sse');
      await until(() => feed.status === 'reconnecting', 'the missing endpoint is retried');
      map.remove();
      expect(feed.status).to.equal('closed');
      expect(map.feed).to.equal(undefined);
    } finally {
      console.warn = warn;
    }
  });

  it('takes a replay history from feed-replay-url; one it cannot use is reported and the live feed runs without it', async () => {
    const errors: EnvErrorDetail[] = [];
    const warn = console.warn;
    console.warn = () => {};
    const onError = (e: Event) => errors.push((e as CustomEvent<EnvErrorDetail>).detail);
    document.addEventListener('env-error', onError);
    try {
      const map = await fixture<EnvMap>(
        '<env-map feed-url="/no-such-feed" feed-transport="ws" feed-replay-url="/feed/history" style="width: 300px; height: 200px"></env-map>',
      );
      expect(map.feed!.options.replayUrl).to.equal('/feed/history');
      expect(errors).to.deep.equal([]);
      // The poll transport has no gap fill: said so, the feed still made.
      map.feedTransport = 'poll';
      await map.updateComplete;
      expect(map.feed!.options.transport).to.equal('poll');
      expect(map.feed!.options.replayUrl).to.equal(undefined);
      const [first] = errors.splice(0);
      expect(first).to.include({ attribute: 'feed-replay-url', value: '/feed/history' });
      expect(first!.message).to.contain('not poll');
      // A history that is not a URL: reported by name, the live feed runs without it.
      map.feedTransport = 'sse';
      map.feedReplayUrl = 'http://[::1';
      await map.updateComplete;
      expect(map.feed!.options.transport).to.equal('sse');
      expect(map.feed!.options.replayUrl).to.equal(undefined);
      expect(errors.map((e) => e.attribute)).to.deep.equal(['feed-replay-url']);
      expect(errors[0]!.message).to.contain('is not a URL');
      map.remove();
    } finally {
      console.warn = warn;
      document.removeEventListener('env-error', onError);
    }
  });
});
