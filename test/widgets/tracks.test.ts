import { expect } from '@esm-bundle/chai';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { fromLonLat } from 'ol/proj.js';
import type {
  EnvErrorDetail,
  EnvGeofenceDetail,
  EnvMap,
  EnvTrackList,
  EnvTrackLoadDetail,
  EnvTracks,
  EnvTrackSelectDetail,
} from '../../widgets/index.js';
import { createFeed, type Envelope, type FeedClient } from '../../src/index.js';
import { cleanup, fixture, nextEvent, rendered, until } from './helpers.js';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const T0 = Date.UTC(2026, 10, 25, 2, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
let seq = 0;

function position(
  droneId: string,
  s: number,
  lon: number,
  lat: number,
  extra: object = {},
): Envelope {
  return {
    type: 'drone.position',
    id: `p${++seq}`,
    time: iso(T0 + s * 1000),
    data: { droneId, lon, lat, ...extra },
  };
}

function quietFeed(): FeedClient {
  // The poll transport against a URL that never answers: messages come in by `ingest` only.
  return createFeed({ url: '/nowhere', transport: 'poll', fetch: () => new Promise(() => {}) });
}

/** A DJI Mavic 2 style SRT: `frames` cues one second apart, heading east from 114.99, 27.11. */
function srt(frames: number): string {
  let text = '';
  for (let n = 0; n < frames; n++) {
    const ss = String(n).padStart(2, '0');
    text +=
      `${n + 1}\n00:00:${ss},000 --> 00:00:${ss},033\n<font size="36">FrameCnt : ${n + 1}, DiffTime : 33ms\n` +
      `2026-11-25 10:00:${ss},000,000\n[iso : 100] [shutter : 1/1000.0] [fnum : 280] ` +
      `[latitude : 27.110000] [longtitude : ${(114.99 + n * 0.002).toFixed(6)}] [altitude: 120.5] </font>\n\n`;
  }
  return text;
}

/** Clicks the map at a lon/lat (a real mouse click, so OpenLayers' singleclick fires). */
async function clickAt(map: EnvMap, lon: number, lat: number): Promise<void> {
  const pixel = map.map.getPixelFromCoordinate(fromLonLat([lon, lat]))!;
  const box = map.map.getViewport()!.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(box.left + pixel[0]!), Math.round(box.top + pixel[1]!)],
  });
}

async function setup(listAttrs = '', tracksAttrs = '') {
  const map = await fixture<EnvMap>(
    `<env-map lang="en" center="114.99,27.11" zoom="13" style="width:600px;height:450px">
      <env-tracks ${tracksAttrs}></env-tracks>
      <env-track-list slot="top-left" ${listAttrs}></env-track-list>
    </env-map>`,
  );
  const tracks = map.querySelector('env-tracks') as EnvTracks;
  const list = map.querySelector('env-track-list') as EnvTrackList;
  const feed = quietFeed();
  map.feed = feed;
  await until(() => tracks.layer !== undefined, 'the track layer');
  return { map, tracks, list, feed };
}

const rows = (list: EnvTrackList) =>
  [...list.shadowRoot!.querySelectorAll('tbody tr')] as HTMLTableRowElement[];
const cells = (row: HTMLTableRowElement) =>
  [...row.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim());

describe('<env-tracks> and <env-track-list>', () => {
  afterEach(cleanup);

  it('lists vehicles from the feed with kind, status, speed, altitude, battery and mission; names are text', async () => {
    const { tracks, list, feed } = await setup();
    feed.ingest([
      {
        type: 'drone.mission',
        id: 'm1',
        time: iso(T0),
        data: {
          id: 'M-1',
          droneId: 'UAV-1',
          name: '西岸农田巡查',
          status: 'active',
          area: [
            [114.97, 27.1],
            [115.01, 27.1],
            [115.01, 27.12],
            [114.97, 27.12],
          ],
        },
      },
      position('UAV-1', 0, 114.99, 27.11, {
        kind: 'drone',
        name: HOSTILE,
        altM: 118,
        speedMs: 9.5,
        batteryPct: 76,
        missionId: 'M-1',
        heading: 90,
      }),
      position('USV-1', 0, 114.985, 27.09, {
        kind: 'boat',
        name: '无人船 1',
        speedMs: 2.25,
        batteryPct: 12,
      }),
    ]);
    await until(() => rows(list).length === 2, 'two rows');
    await list.updateComplete;
    const [first, second] = rows(list);
    // The low-battery boat comes first (more urgent), then the drone.
    expect(first!.dataset.id).to.equal('USV-1');
    expect(first!.dataset.status).to.equal('lowBattery');
    expect(cells(first!)).to.deep.equal([
      'Unmanned boat',
      '无人船 1',
      'Low battery',
      '2.3',
      '–',
      '12%',
      '–',
    ]);
    expect(second!.dataset.status).to.equal('online');
    expect(cells(second!)).to.deep.equal([
      'Drone',
      HOSTILE,
      'Online',
      '9.5',
      '118',
      '76%',
      '西岸农田巡查',
    ]);
    expect(list.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(tracks.layer!.getVehicle('UAV-1')!.kind).to.equal('drone');
    expect(list.shadowRoot!.querySelector('h2')!.textContent).to.contain('2');
  });

  it('marks a live vehicle offline after stale-after seconds without a position, and online again when one comes', async () => {
    const { list, feed } = await setup('', 'stale-after="1"');
    feed.ingest([position('UAV-9', 0, 114.99, 27.11, { name: 'Nine' })]);
    await until(() => rows(list)[0]?.dataset.status === 'online', 'online');
    await until(() => rows(list)[0]?.dataset.status === 'stale', 'offline after a second', 4000);
    feed.ingest([position('UAV-9', 5, 114.991, 27.11, { name: 'Nine' })]);
    await until(() => rows(list)[0]?.dataset.status === 'online', 'online again', 3000);
  });

  it('fires env-geofence once per excursion out of a mission area or a boat corridor, and shows it in the list', async () => {
    const { map, list, feed } = await setup();
    const fences: EnvGeofenceDetail[] = [];
    map.addEventListener('env-geofence', (e) => fences.push(e.detail));
    feed.ingest([
      {
        type: 'drone.mission',
        id: 'm1',
        time: iso(T0),
        data: {
          id: 'M-1',
          droneId: 'UAV-1',
          status: 'active',
          area: [
            [114.98, 27.1],
            [115.0, 27.1],
            [115.0, 27.12],
            [114.98, 27.12],
          ],
        },
      },
      {
        type: 'drone.mission',
        id: 'm2',
        time: iso(T0),
        data: {
          id: 'M-2',
          droneId: 'USV-1',
          status: 'active',
          route: [
            [114.98, 27.09],
            [115.0, 27.09],
          ],
          corridorM: 100,
        },
      },
      position('UAV-1', 0, 114.99, 27.11, { missionId: 'M-1' }),
      position('USV-1', 0, 114.99, 27.0905, { kind: 'boat', missionId: 'M-2' }),
    ]);
    await until(() => rows(list).length === 2, 'two rows');
    expect(fences).to.deep.equal([]);
    // Out, still out, back in, out again: two excursions, two events.
    feed.ingest([position('UAV-1', 1, 115.01, 27.11, { missionId: 'M-1' })]);
    await until(
      () => rows(list).find((r) => r.dataset.id === 'UAV-1')?.dataset.status === 'outside',
      'outside',
    );
    feed.ingest([position('UAV-1', 2, 115.02, 27.11, { missionId: 'M-1' })]);
    feed.ingest([position('UAV-1', 3, 114.99, 27.11, { missionId: 'M-1' })]);
    await until(
      () => rows(list).find((r) => r.dataset.id === 'UAV-1')?.dataset.status === 'online',
      'back in',
    );
    feed.ingest([position('UAV-1', 4, 114.97, 27.11, { missionId: 'M-1' })]);
    // The boat 300 m off its river corridor.
    feed.ingest([position('USV-1', 4, 114.99, 27.093, { kind: 'boat', missionId: 'M-2' })]);
    await until(() => fences.length === 3, 'three geofence events');
    expect(fences.map((f) => [f.vehicleId, f.missionId, f.time])).to.deep.equal([
      ['UAV-1', 'M-1', T0 + 1000],
      ['UAV-1', 'M-1', T0 + 4000],
      ['USV-1', 'M-2', T0 + 4000],
    ]);
    await list.updateComplete;
    expect(list.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain(
      'left its patrol area',
    );
    // A done mission lifts the fence.
    feed.ingest([
      {
        type: 'drone.mission',
        id: 'm3',
        time: iso(T0 + 5000),
        data: { id: 'M-2', droneId: 'USV-1', status: 'done' },
      },
    ]);
    await until(
      () => rows(list).find((r) => r.dataset.id === 'USV-1')?.dataset.status === 'online',
      'fence lifted',
    );
  });

  it('replays on env-time: each track where it was then (interpolated), live again at the newest time', async () => {
    const { map, tracks, list, feed } = await setup();
    const range = nextEvent<CustomEvent<{ start: number; end: number }>>(
      map,
      'env-time-range',
      5000,
    );
    feed.ingest([
      position('UAV-1', 0, 114.98, 27.11, { altM: 100 }),
      position('UAV-1', 10, 115.0, 27.11, { altM: 200 }),
      position('UAV-1', 20, 115.0, 27.13, { altM: 200 }),
    ]);
    const announced = (await range).detail;
    expect([announced.start, announced.end]).to.deep.equal([T0, T0 + 20_000]);
    map.dispatchEvent(new CustomEvent('env-time', { detail: { time: T0 + 5000 } }));
    const layer = tracks.layer!;
    expect(layer.time).to.equal(T0 + 5000);
    const v = layer.getVehicle('UAV-1')!;
    expect(v.lon).to.be.closeTo(114.99, 1e-9);
    expect(v.lat).to.be.closeTo(27.11, 1e-9);
    expect(v.alt).to.be.closeTo(150, 1e-6);
    await until(
      () => rows(list)[0] !== undefined && cells(rows(list)[0]!)[4] === '150',
      'the list at the replay time',
    );
    map.dispatchEvent(new CustomEvent('env-time', { detail: { time: T0 + 20_000 } }));
    expect(layer.time).to.equal(undefined);
    expect(layer.getVehicle('UAV-1')!.lat).to.be.closeTo(27.13, 1e-9);
  });

  it('reads a dropped SRT file; clicking a point of its trail gives the time and the video offset', async () => {
    const { map, tracks } = await setup();
    const loaded = nextEvent<CustomEvent<EnvTrackLoadDetail>>(map, 'env-track-load');
    const ids = tracks.addFile('DJI_0001.SRT', new TextEncoder().encode(srt(10)));
    const load = (await loaded).detail;
    expect(ids).to.deep.equal(['DJI_0001.SRT']);
    expect(load).to.include({ file: 'DJI_0001.SRT', format: 'dji-srt', points: 10 });
    await rendered(map);
    const selected = nextEvent<CustomEvent<EnvTrackSelectDetail>>(map, 'env-track-select');
    // Frame 4 (index 3) is at 114.996: a point of the trail, away from the icon at the end.
    await clickAt(map, 114.996, 27.11);
    const detail = (await selected).detail;
    expect(detail.vehicleId).to.equal('DJI_0001.SRT');
    expect(detail.index).to.equal(3);
    expect(detail.videoMs).to.equal(3000);
    expect(detail.time).to.equal(Date.parse('2026-11-25T02:00:03Z'));
    expect(detail.file).to.equal('DJI_0001.SRT');
  });

  it('shows boats’ water samples along the track; clicking one gives its values', async () => {
    const { map, feed } = await setup();
    feed.ingest([
      position('USV-1', 0, 114.99, 27.105, { kind: 'boat' }),
      position('USV-1', 30, 114.995, 27.105, {
        kind: 'boat',
        sample: { pH: 7.4, DO: 6.8, NH3N: 0.42 },
      }),
      position('USV-1', 60, 115.005, 27.105, { kind: 'boat' }),
    ]);
    await rendered(map);
    const selected = nextEvent<CustomEvent<EnvTrackSelectDetail>>(map, 'env-track-select');
    await clickAt(map, 114.995, 27.105);
    const detail = (await selected).detail;
    expect(detail.vehicleId).to.equal('USV-1');
    expect(detail.sample).to.deep.equal({ pH: 7.4, DO: 6.8, NH3N: 0.42 });
    expect(detail.time).to.equal(T0 + 30_000);
  });

  it('clicking a vehicle in the list follows it (the map centres on it); again stops following', async () => {
    const { map, tracks, list, feed } = await setup();
    feed.ingest([
      position('UAV-1', 0, 115.03, 27.15, { name: 'One' }),
      position('UAV-2', 0, 114.99, 27.11, { name: 'Two' }),
    ]);
    await until(() => rows(list).length === 2, 'two rows');
    const selected = nextEvent<CustomEvent<EnvTrackSelectDetail>>(map, 'env-track-select');
    const one = rows(list).find((r) => r.dataset.id === 'UAV-1')!;
    one.querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    expect((await selected).detail.vehicleId).to.equal('UAV-1');
    expect(tracks.follow).to.equal('UAV-1');
    expect(tracks.getAttribute('follow')).to.equal('UAV-1');
    const [lon, lat] = map.getViewState().center;
    expect(lon).to.be.closeTo(115.03, 1e-6);
    expect(lat).to.be.closeTo(27.15, 1e-6);
    await list.updateComplete;
    expect(one.querySelector('button')!.getAttribute('aria-pressed')).to.equal('true');
    // A new position moves the map with it.
    await new Promise((r) => setTimeout(r, 300));
    feed.ingest([position('UAV-1', 1, 115.04, 27.15, { name: 'One' })]);
    await until(() => Math.abs(map.getViewState().center[0] - 115.04) < 1e-6, 'the map following');
    rows(list)
      .find((r) => r.dataset.id === 'UAV-1')!
      .click();
    expect(tracks.follow).to.equal(null);
  });

  it('reports bad attributes, unreadable files and missing URLs, and keeps what was valid', async () => {
    const { map, tracks } = await setup('', 'color-by="rainbow"');
    const errors: EnvErrorDetail[] = [];
    map.addEventListener('env-error', (e) => errors.push(e.detail));
    tracks.colorBy = 'sparkle' as never;
    await tracks.updateComplete;
    expect(tracks.colorBy).to.equal('vehicle');
    expect(errors.some((e) => e.attribute === 'color-by' && e.value === 'sparkle')).to.equal(true);
    tracks.addFile('good.SRT', srt(3));
    expect(
      tracks.addFile('garbage.gpx', new Uint8Array([0, 1, 2, 255, 254, 0, 0, 9])),
    ).to.deep.equal([]);
    expect(tracks.addFile('empty.igc', '')).to.deep.equal([]);
    const fileErrors = errors.filter((e) => e.code === 'data');
    expect(fileErrors.map((e) => e.message)).to.satisfy(
      (m: string[]) => m[0]!.includes('garbage.gpx') && m[1]!.includes('empty.igc'),
    );
    tracks.src = '/test/fixtures/no-such-track.gpx javascript:alert(1)';
    await until(
      () =>
        errors.some((e) => e.message.includes('no-such-track.gpx') && e.message.includes('404')),
      'the 404',
    );
    expect(errors.some((e) => e.attribute === 'src')).to.equal(true);
    expect(tracks.layer!.has('good.SRT')).to.equal(true);
    expect([...tracks.vehicles.keys()]).to.deep.equal(['good.SRT']);
  });
});
