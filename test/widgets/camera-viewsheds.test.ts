import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type {
  EnvAlarmDetail,
  EnvAlarmList,
  EnvCameraViewsheds,
  EnvErrorDetail,
  EnvMap,
} from '../../widgets/index.js';
import { createFeed, lonLatTransform, type CameraMeta } from '../../src/index.js';
import { cleanup, fixture } from './helpers.js';

const utm = lonLatTransform('EPSG:32612');
const at = (x: number, y: number) => utm.toLonLat([x, y]);
const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const [lon1, lat1] = at(318000, 4130000);
const [lon2, lat2] = at(320500, 4130000);
const Z1: CameraMeta = { id: 'Z1', name: HOSTILE, lon: lon1, lat: lat1, heightM: 40, rangeM: 3000 };
const Z2: CameraMeta = { id: 'Z2', name: '东塔', lon: lon2, lat: lat2, heightM: 40, rangeM: 3000 };

async function until(check: () => boolean, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const bearingFromTo = (a: [number, number], b: [number, number]) =>
  ((Math.atan2(b[0] - a[0], b[1] - a[1]) * 180) / Math.PI + 360) % 360;

describe('<env-camera-viewsheds> and <env-alarm-list>', () => {
  afterEach(cleanup);

  it('viewsheds over a GeoTIFF DEM, alarms from the feed listed newest first, steps by button and keyboard', async () => {
    const map = await fixture<EnvMap>(
      `<env-map lang="en" center="${lon1},${lat1}" zoom="12" style="width:500px;height:400px">
        <env-camera-viewsheds dem="/test/fixtures/zion-srtm-utm12n.tif"></env-camera-viewsheds>
        <env-alarm-list slot="top-right"></env-alarm-list>
      </env-map>`,
    );
    const cams = map.querySelector('env-camera-viewsheds') as EnvCameraViewsheds;
    const list = map.querySelector('env-alarm-list') as EnvAlarmList;
    const feed = createFeed({
      url: '/nowhere',
      transport: 'poll',
      fetch: () => new Promise(() => {}),
    });
    map.feed = feed;
    cams.cameras = [Z1];
    await cams.updateComplete;
    const events: EnvAlarmDetail[] = [];
    map.addEventListener('env-alarm', (e) => events.push(e.detail));
    const time = (m: number) => new Date(Date.UTC(2026, 10, 25, 2, m)).toISOString();
    // A fire 1.2 km north of the middle of the two towers: both rays cross there.
    const fire: [number, number] = [319250, 4131200];
    feed.ingest([
      { type: 'camera.meta', id: 'm2', time: time(0), data: Z2 },
      {
        type: 'camera.alarm',
        id: 'e1',
        time: time(1),
        data: {
          id: 'A1',
          cameraId: 'Z1',
          kind: 'fire',
          bearing: bearingFromTo([318000, 4130000], fire),
          confidence: 0.91,
          snapshotUrl: 'javascript:alert(1)',
        },
      },
      {
        type: 'camera.alarm',
        id: 'e2',
        time: time(3),
        data: {
          id: 'A2',
          cameraId: 'Z2',
          kind: 'smoke',
          bearing: bearingFromTo([320500, 4130000], fire),
          confidence: 0.8,
          snapshotUrl: 'https://cams.example.org/snap/A2.jpg',
        },
      },
    ]);
    const layer = cams.layer!;
    await until(
      () => layer.getViewshed('Z1') !== undefined && layer.getViewshed('Z2') !== undefined,
    );
    expect(layer.getViewshed('Z1')!.km2).to.be.within(1, Math.PI * 9);
    expect(events.map((e) => [e.action, e.id])).to.deep.equal([
      ['raised', 'A1'],
      ['raised', 'A2'],
    ]);
    expect(events[0]!.snapshotUrl).to.equal(null, 'javascript: URLs are dropped');
    expect(layer.getFixes().length).to.equal(1);
    await list.updateComplete;
    const root = list.shadowRoot!;
    const items = () => [...root.querySelectorAll('li')];
    expect(items().map((li) => li.dataset.id)).to.deep.equal(['A2', 'A1']);
    expect(items()[1]!.textContent).to.contain(HOSTILE);
    expect(root.querySelector('li img')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    const links = [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['https://cams.example.org/snap/A2.jpg']);
    expect(root.querySelector('[role=status]')!.textContent).to.contain('Smoke alarm from 东塔');

    // Acknowledge A1 by button; its acknowledge button is then disabled.
    (items()[1]!.querySelector('button[data-action=acknowledge]') as HTMLButtonElement).click();
    await list.updateComplete;
    expect(cams.board.get('A1')!.state).to.equal('acknowledged');
    expect(
      (items()[1]!.querySelector('button[data-action=acknowledge]') as HTMLButtonElement).disabled,
    ).to.equal(true);
    // A portal that cancels the step keeps the alarm as it was.
    const veto = (e: Event) => e.preventDefault();
    map.addEventListener('env-alarm', veto);
    (items()[1]!.querySelector('button[data-action=dispatch]') as HTMLButtonElement).click();
    map.removeEventListener('env-alarm', veto);
    expect(cams.board.get('A1')!.state).to.equal('acknowledged');
    (items()[1]!.querySelector('button[data-action=dispatch]') as HTMLButtonElement).click();
    expect(cams.board.get('A1')!.state).to.equal('dispatched');
    expect(events.at(-1)).to.include({ action: 'dispatch', id: 'A1' });

    // Keyboard: arrows move between alarms, Enter selects.
    items()[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(root.activeElement).to.equal(items()[1]);
    await sendKeys({ press: 'Enter' });
    expect(events.at(-1)).to.include({ action: 'select', id: 'A1', cameraName: HOSTILE });

    // Closing removes an alarm from the list (show-closed brings it back) and from the fix.
    (items()[0]!.querySelector('button[data-action=close]') as HTMLButtonElement).click();
    await list.updateComplete;
    expect(items().map((li) => li.dataset.id)).to.deep.equal(['A1']);
    expect(layer.getFixes().length).to.equal(0);
    list.showClosed = true;
    await list.updateComplete;
    expect(items().map((li) => li.dataset.id)).to.deep.equal(['A2', 'A1']);
    feed.dispose();
  });

  it('bad DEMs: an unsafe URL and a TIFF without georeferencing are reported', async () => {
    const map = await fixture<EnvMap>(
      `<env-map style="width:300px;height:200px">
        <env-camera-viewsheds dem="javascript:alert(1)"></env-camera-viewsheds>
      </env-map>`,
    );
    const errors: EnvErrorDetail[] = [];
    map.addEventListener('env-error', (e) => errors.push(e.detail));
    const cams = map.querySelector('env-camera-viewsheds') as EnvCameraViewsheds;
    await until(() => cams.layer !== undefined);
    cams.dem = 'javascript:alert(2)';
    await cams.updateComplete;
    expect(
      errors.some((e) => e.attribute === 'dem' && /http\(s\) or relative URL/.test(e.message)),
    ).to.equal(true);
    cams.dem = '/test/fixtures/no-georef.tif';
    await until(() => errors.some((e) => e.code === 'data'));
    expect(errors.find((e) => e.code === 'data')!.message).to.match(
      /no-georef\.tif could not be used: .*no georeferencing/,
    );
  });
});
