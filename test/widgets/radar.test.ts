import { expect } from '@esm-bundle/chai';
import type {
  EnvDispatchDetail,
  EnvErrorDetail,
  EnvHotspotList,
  EnvMap,
  EnvRadar,
} from '../../widgets/index.js';
import { createFeed, encodeRadarScan, type Envelope, type RadarScan } from '../../src/index.js';
import { cleanup, fixture, until } from './helpers.js';

const RADAR: [number, number] = [115.48, 35.24];
// 10:30 Beijing time on 2026-11-25.
const T0 = Date.UTC(2026, 10, 25, 2, 30, 0);
const iso = (ms: number) => new Date(ms).toISOString();

/** 360 rays x 400 gates of 15 m: noisy background and a blob at 88-92°, 2,400-2,700 m. */
function scan(time: number, seed: number): RadarScan {
  const rays = 360;
  const gates = 400;
  const values = new Float32Array(rays * gates);
  let x = seed;
  for (let i = 0; i < values.length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    values[i] = 0.1 + 0.02 * (x / 2147483648);
  }
  for (let r = 88; r <= 92; r++)
    for (let g = 0; g < gates; g++) {
      const range = 30 + (g + 0.5) * 15;
      if (range >= 2400 && range <= 2700) values[r * gates + g] = 3;
    }
  return {
    radarId: 'R1',
    lon: RADAR[0],
    lat: RADAR[1],
    time,
    azimuths: Float32Array.from({ length: rays }, (_, i) => i),
    rangeStartM: 30,
    gateM: 15,
    gates,
    values,
  };
}

const message = (id: string, time: number, seed: number): Envelope => ({
  type: 'radar.scan',
  id,
  time: iso(time),
  data: encodeRadarScan(scan(time, seed), { encoding: 'uint16', scale: 0.001, offset: 0 }),
});

async function setup() {
  const map = await fixture<EnvMap>(
    `<env-map lang="zh-CN" center="115.5,35.24" zoom="12" style="width:600px;height:450px">
      <env-radar renderer="canvas" min-scans="2"></env-radar>
      <env-hotspot-list slot="top-left" roads="/test/fixtures/radar-roads.json"></env-hotspot-list>
    </env-map>`,
  );
  const radar = map.querySelector('env-radar') as EnvRadar;
  const list = map.querySelector('env-hotspot-list') as EnvHotspotList;
  const feed = createFeed({
    url: '/nowhere',
    transport: 'poll',
    fetch: () => new Promise(() => {}),
  });
  map.feed = feed;
  await until(() => radar.layer !== undefined, 'the radar layer');
  return { map, radar, list, feed };
}

const items = (list: EnvHotspotList) => [...list.shadowRoot!.querySelectorAll('li')];

describe('<env-radar> and <env-hotspot-list>', () => {
  afterEach(cleanup);

  it('draws scans from the feed, finds the hotspot of the window and words its message from the roads', async () => {
    const { radar, list, feed } = await setup();
    feed.ingest([
      message('s1', T0 - 10 * 60_000, 1),
      message('s2', T0 - 5 * 60_000, 2),
      message('s3', T0, 3),
    ]);
    await until(() => radar.layer!.getScans().length === 3, 'three scans');
    await until(() => items(list).length === 1, 'one hotspot listed', 8000);
    const h = radar.hotspots()[0]!;
    expect(h.scans).to.equal(3);
    expect(h.start).to.equal(T0 - 10 * 60_000);
    expect(h.end).to.equal(T0);
    expect(h.peak).to.be.closeTo(3, 0.001);
    await until(() => items(list)[0]!.textContent!.includes('东方红西街'), 'the roads');
    const text = items(list)[0]!.querySelector('.text')!.textContent!;
    expect(text).to.contain('根据市智慧环保监控指挥平台雷达扫描数据');
    expect(text).to.contain('10:20-10:30期间');
    expect(text).to.contain('东方红西街与贵阳路交汇处南侧发现一处污染热点');
    expect(radar.layer!.getShownHotspots().map((x) => x.id)).to.deep.equal([h.id]);
    expect(list.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('新污染热点');
  });

  it('push fires a cancelable env-dispatch with the text; then inspected and closed', async () => {
    const { map, radar, list, feed } = await setup();
    feed.ingest([message('s1', T0 - 60_000, 1), message('s2', T0, 2)]);
    await until(() => items(list).length === 1, 'one hotspot', 8000);
    const events: EnvDispatchDetail[] = [];
    map.addEventListener('env-dispatch', (e) => events.push(e.detail as EnvDispatchDetail));
    const button = (action: string) =>
      items(list)[0]!.querySelector(`button[data-action=${action}]`) as HTMLButtonElement;
    const veto = (e: Event) => e.preventDefault();
    map.addEventListener('env-dispatch', veto);
    button('push').click();
    map.removeEventListener('env-dispatch', veto);
    const id = radar.hotspots()[0]!.id;
    expect(radar.board.get(id)!.state).to.equal('new');
    button('push').click();
    expect(radar.board.get(id)!.state).to.equal('pushed');
    expect(radar.board.get(id)!.text).to.contain('污染热点');
    expect(events.map((e) => e.action)).to.deep.equal(['push', 'push']);
    expect(events[1]!.hotspotId).to.equal(id);
    expect(events[1]!.text).to.contain('请相关网格工作队');
    await list.updateComplete;
    expect(button('push').disabled).to.equal(true);
    button('inspect').click();
    await list.updateComplete;
    button('close').click();
    await list.updateComplete;
    expect(radar.board.get(id)!.state).to.equal('closed');
    expect(items(list).length).to.equal(0, 'closed ones are hidden');
  });

  it('lists hotspots the platform sends, replays on env-time, and reports bad scans', async () => {
    const { map, radar, list, feed } = await setup();
    const errors: EnvErrorDetail[] = [];
    map.addEventListener('env-error', (e) => errors.push(e.detail));
    feed.ingest([
      message('s1', T0 - 60_000, 1),
      message('s2', T0, 2),
      {
        type: 'radar.hotspot',
        id: 'h1',
        time: iso(T0),
        data: {
          id: 'PLATFORM-1',
          radarId: 'R1',
          lon: 115.45,
          lat: 35.25,
          polygon: [
            [115.449, 35.249],
            [115.451, 35.249],
            [115.451, 35.251],
            [115.449, 35.251],
          ],
          intensity: 2.5,
          start: iso(T0 - 30 * 60_000),
          end: iso(T0),
        },
      },
      {
        type: 'radar.scan',
        id: 's-bad',
        time: iso(T0 + 60_000),
        // Its values are at a URL that is not there.
        data: (({ data: _, ...rest }) => ({ ...rest, url: '/test/fixtures/no-such-scan.bin' }))(
          encodeRadarScan(scan(T0, 9), { encoding: 'float32' }),
        ),
      },
    ]);
    await until(() => items(list).length === 2, 'two hotspots', 8000);
    expect(radar.hotspots().map((h) => h.id)).to.include('PLATFORM-1');
    await until(
      () => errors.some((e) => e.message.includes('s-bad') && e.message.includes('404')),
      'the bad scan reported',
    );
    expect(radar.layer!.getScans().length).to.equal(2);
    map.dispatchEvent(new CustomEvent('env-time', { detail: { time: T0 - 30_000 } }));
    expect(radar.layer!.time).to.equal(T0 - 30_000);
    expect(new Date(radar.layer!.getShownScans()[0]!.time).getTime()).to.equal(T0 - 60_000);
    map.dispatchEvent(new CustomEvent('env-time', { detail: { time: T0 } }));
    expect(radar.layer!.time).to.equal(undefined);
    radar.setAttribute('min-scans', '0');
    await radar.updateComplete;
    expect(errors.some((e) => e.attribute === 'min-scans')).to.equal(true);
  });
});
