import { expect } from '@esm-bundle/chai';
import { sendMouse } from '@web/test-runner-commands';
import { fromLonLat } from 'ol/proj.js';
import { createFeed, type Envelope } from '../../src/index.js';
import { getLegend } from '../../layers/index.js';
import type {
  EnvEmergency,
  EnvEmergencyDetail,
  EnvEmergencyPanel,
  EnvErrorDetail,
  EnvMap,
  EnvRiverTrace,
  EnvRiverTraceDetail,
  EnvTraceList,
} from '../../widgets/index.js';
import { cleanup, fixture, nextEvent, until } from './helpers.js';

const DATA = '/demo/data/handan';
const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const iso = (t: number) => new Date(t).toISOString();
const T0 = Date.UTC(2026, 11, 2, 2, 0);

interface Section {
  id: string;
  name: string;
  river: string;
  lon: number;
  lat: number;
}

const section = (s: Section, nh3n: number, id: string, time = T0): Envelope => ({
  type: 'river.section',
  id,
  time: iso(time),
  data: {
    id: s.id,
    name: s.name,
    river: s.river,
    lon: s.lon,
    lat: s.lat,
    values: { nh3n, cod: 16, do: 6.5 },
  },
});

async function setup(extra = '') {
  const map = await fixture<EnvMap>(
    `<env-map lang="zh-CN" center="114.5,36.65" zoom="10" style="width:700px;height:500px">
      <env-river-trace
        src="${DATA}/rivers.geojson"
        to-id-field="toId"
        velocity-field="velocityMs"
        sources="${DATA}/enterprises.geojson"
        intakes="${DATA}/intakes.geojson"
        target-class="IV"
        ${extra}
      ></env-river-trace>
      <env-emergency
        villages="${DATA}/villages.geojson"
        receptors="${DATA}/receptors.geojson"
        materials="${DATA}/materials.geojson"
        experts="${DATA}/experts.geojson"
        enterprises="${DATA}/enterprises.geojson"
      ></env-emergency>
      <env-trace-list slot="top-left"></env-trace-list>
      <env-emergency-panel slot="top-right"></env-emergency-panel>
    </env-map>`,
  );
  const river = map.querySelector('env-river-trace') as EnvRiverTrace;
  const emergency = map.querySelector('env-emergency') as EnvEmergency;
  const list = map.querySelector('env-trace-list') as EnvTraceList;
  const panel = map.querySelector('env-emergency-panel') as EnvEmergencyPanel;
  const feed = createFeed({
    url: '/nowhere',
    transport: 'poll',
    fetch: () => new Promise(() => {}),
  });
  map.feed = feed;
  await until(() => river.layer !== undefined && river.network !== undefined, 'the network', 8000);
  const sections = (await (await fetch(`${DATA}/sections.json`)).json()) as Section[];
  return { map, river, emergency, list, panel, feed, sections };
}

describe('<env-river-trace> and <env-trace-list>', () => {
  afterEach(cleanup);

  it('classes sections from the feed and traces upstream when one starts to exceed', async () => {
    const { river, list, feed, sections } = await setup('auto-trace');
    const s3 = sections.find((s) => s.id === 'HD-S3')!;
    feed.ingest([section(s3, 0.6, 'a')]);
    await until(() => river.sections.length === 1, 'the section');
    expect(river.sections[0]!.waterClass).to.equal('III');
    expect(river.result).to.equal(null);
    const traced = nextEvent<CustomEvent<EnvRiverTraceDetail>>(river, 'env-river-trace');
    feed.ingest([section(s3, 1.9, 'b', T0 + 60_000)]);
    const { detail } = await traced;
    expect(detail.direction).to.equal('upstream');
    expect(detail.start.section).to.equal('HD-S3');
    expect(detail.pollutant).to.equal('nh3n');
    expect(detail.reaches).to.be.greaterThan(10);
    expect(detail.candidates.length).to.be.greaterThan(0);
    for (const c of detail.candidates)
      expect(c.pollutants.map((p) => p.toLowerCase())).to.include('nh3n');
    const hours = detail.candidates.map((c) => c.hours!);
    expect([...hours].sort((a, b) => a - b)).to.deep.equal(hours);
    expect(detail.candidates[0]!.releaseTime).to.equal(T0 + 60_000 - hours[0]! * 3_600_000);
    // Still exceeding: no new trace.
    let again = 0;
    river.addEventListener('env-river-trace', () => again++);
    feed.ingest([section(s3, 2.0, 'c', T0 + 120_000)]);
    await until(() => river.sections[0]!.time === T0 + 120_000, 'the next message');
    expect(again).to.equal(0);
    // The list shows the candidates in order, with their release times.
    await until(
      () => list.shadowRoot!.querySelectorAll('li').length === detail.candidates.length,
      'the list',
    );
    const first = list.shadowRoot!.querySelector('li')!;
    expect(first.textContent).to.contain(detail.candidates[0]!.name);
    expect(first.textContent).to.contain('推算排放时间');
    expect(getLegend(river.layer!).map((e) => e.label)).to.include.members([
      '追溯河段（近）',
      '疑似污染源',
    ]);
    // The start section's items, as last heard: NH3-N 2.0 mg/L is class V, 0.33 times over the class IV limit.
    const row = list.shadowRoot!.querySelector('tr[data-item="nh3n"]')!;
    expect(row.className).to.equal('exceeds');
    expect(row.textContent).to.contain('V类').and.contain('0.33');
    expect(list.shadowRoot!.querySelector('tr[data-item="cod"]')!.className).to.equal('');
    // A lake section is classed by the lake limits (TP 0.06 mg/L: IV in a lake, III in a river).
    feed.ingest([
      {
        type: 'river.section',
        id: 'lake',
        time: iso(T0),
        data: {
          id: 'L1',
          name: '水库',
          lon: 114.3,
          lat: 36.5,
          values: { tp: 0.06 },
          waterBody: 'lake',
        },
      },
    ]);
    await until(() => river.sections.some((x) => x.id === 'L1'), 'the lake section');
    expect(river.sections.find((x) => x.id === 'L1')!.waterClass).to.equal('IV');
  });

  it('a click on a reach traces upstream from it; the clear button clears', async () => {
    const { map, river, list } = await setup();
    const reach = river.network!.indexOf('FY12');
    const net = river.network!;
    const feature = (await (await fetch(`${DATA}/rivers.geojson`)).json()).features[reach];
    const [lon, lat] = feature.geometry.coordinates[2];
    const pixel = map.map!.getPixelFromCoordinate(fromLonLat([lon, lat]));
    const rect = map.getBoundingClientRect();
    const traced = nextEvent<CustomEvent<EnvRiverTraceDetail>>(river, 'env-river-trace');
    await sendMouse({
      type: 'click',
      position: [Math.round(rect.left + pixel[0]!), Math.round(rect.top + pixel[1]!)],
    });
    const { detail } = await traced;
    expect(detail.start.reach).to.equal('FY12');
    expect(detail.pollutant).to.equal(null);
    const all = net.upstream('FY12', { hours: 24 });
    expect(detail.reaches).to.be.at.most(all.ids.length);
    await until(() => !!list.shadowRoot!.querySelector('button'), 'the clear button');
    list.shadowRoot!.querySelector('button')!.click();
    await until(() => river.result === null, 'cleared');
  });

  it('a spill downstream reaches sections and intakes with arrival times', async () => {
    const { river, feed, sections } = await setup();
    feed.ingest(sections.map((s, i) => section(s, 0.5, `s${i}`)));
    await until(() => river.sections.length === 5, 'the sections');
    const spill = river.traceDownstream({ reach: 'FY08' }, { time: T0 })!;
    expect(spill.direction).to.equal('downstream');
    const kinds = new Set(spill.arrivals.map((a) => a.kind));
    expect([...kinds].sort()).to.deep.equal(['intake', 'section']);
    for (const a of spill.arrivals) expect(a.arrivalTime).to.equal(T0 + a.hours! * 3_600_000);
    expect(spill.arrivals.map((a) => a.id)).to.not.include('HD-S1'); // upstream of FY08
  });

  it('bad input: reported, nothing thrown, what was shown kept', async () => {
    const { river, feed, sections } = await setup();
    const errors: EnvErrorDetail[] = [];
    river.addEventListener('env-error', (e) =>
      errors.push((e as CustomEvent<EnvErrorDetail>).detail),
    );
    expect(river.traceUpstream({ reach: 'nope' })).to.equal(null);
    expect(river.traceUpstream({ section: 'nope' })).to.equal(null);
    expect(river.traceUpstream({ lon: 100, lat: 20 })).to.equal(null);
    expect(errors.map((e) => e.message).join('\n'))
      .to.match(/no reach "?nope/)
      .and.match(/not within 1000 m/);
    feed.ingest([
      {
        ...section(sections[0]!, 0.5, 'h'),
        data: { ...(section(sections[0]!, 0.5, 'h').data as object), name: HOSTILE },
      },
    ]);
    await until(() => river.sections.length === 1, 'the hostile section');
    river.traceUpstream({ section: sections[0]!.id });
    await until(() => !!river.result, 'a trace');
    const size = river.network!.size;
    river.src = '/test/fixtures/no-such-rivers.geojson';
    await until(() => errors.some((e) => /could not be loaded/.test(e.message)), 'the 404');
    expect(river.network!.size).to.equal(size);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});

describe('<env-emergency> and <env-emergency-panel>', () => {
  afterEach(cleanup);

  it('an incident from the feed: rings, people, risks, experts and the spill downstream', async () => {
    const { emergency, panel, feed } = await setup();
    await until(
      () => (emergency as unknown as { emap: unknown }).emap !== undefined,
      'the element',
    );
    // An enterprise of the data, beside a river.
    const enterprises = (await (await fetch(`${DATA}/enterprises.geojson`)).json()).features;
    const e = enterprises[4];
    await new Promise((r) => setTimeout(r, 300)); // the place files load
    const placed = nextEvent<CustomEvent<EnvEmergencyDetail>>(emergency, 'env-emergency');
    feed.ingest([
      {
        type: 'incident',
        id: 'i1',
        time: iso(T0),
        data: {
          id: 'INC-1',
          kind: '泄漏',
          lon: e.geometry.coordinates[0],
          lat: e.geometry.coordinates[1],
          severity: 'high',
          enterpriseId: e.properties.id,
        },
      },
    ]);
    const { detail } = await placed;
    const s = detail.summary;
    expect(s.people.map((r) => r.radiusM)).to.deep.equal([1000, 3000]);
    expect(s.risks.map((r) => r.radiusM)).to.deep.equal([300, 600]);
    expect(s.substances).to.deep.equal(e.properties.riskSubstances);
    expect(s.risks[0]!.places.map((p) => p.id)).to.include(e.properties.id);
    const pop = s.people[1]!.cumulativePopulation;
    expect(pop).to.equal(
      s.people.flatMap((r) => r.places).reduce((n, p) => n + Number(p.properties['population']), 0),
    );
    if (s.experts.some((x) => x.matches.length > 0))
      for (const x of s.experts) expect(x.matches.length).to.be.greaterThan(0);
    expect(detail.downstream?.direction).to.equal('downstream');
    await until(
      () => panel.shadowRoot!.querySelectorAll('tr').length === 2,
      'the rings in the panel',
    );
    expect(panel.shadowRoot!.textContent).to.contain('泄漏');
    // The printable summary names the same things, as text.
    const doc = emergency.summaryDocument()!;
    expect(doc.body.textContent).to.contain(e.properties.name);
    expect(doc.querySelectorAll('tr').length).to.equal(2);
  });

  it('an incident before the river has its network, intakes and sections is traced again as they come; a trace asked of the river since is left', async () => {
    const map = await fixture<EnvMap>(
      `<env-map center="114.5,36.65" zoom="10" style="width:700px;height:500px">
        <env-river-trace velocity-field="velocityMs" target-class="IV"></env-river-trace>
        <env-emergency></env-emergency>
      </env-map>`,
    );
    const river = map.querySelector('env-river-trace') as EnvRiverTrace;
    const emergency = map.querySelector('env-emergency') as EnvEmergency;
    const feed = createFeed({
      url: '/nowhere',
      transport: 'poll',
      fetch: () => new Promise(() => {}),
    });
    map.feed = feed;
    await until(() => emergency.layer !== undefined && river.layer !== undefined, 'the layers');
    const reaches = (await (await fetch(`${DATA}/rivers.geojson`)).json()).features as Array<{
      properties: { id: string };
      geometry: { coordinates: number[][] };
    }>;
    const fy08 = reaches.find((f) => f.properties.id === 'FY08')!.geometry.coordinates;
    const [lon, lat] = fy08[Math.floor(fy08.length / 2)]!;
    const events: EnvEmergencyDetail[] = [];
    emergency.addEventListener('env-emergency', (e) =>
      events.push((e as CustomEvent<EnvEmergencyDetail>).detail),
    );
    // No network yet: the incident is listed, with no trace.
    emergency.setIncident({ id: 'early', kind: '泄漏', lon: lon!, lat: lat!, time: T0 });
    expect(emergency.downstream).to.equal(null);
    // The network comes: the spill is traced on it (no places to reach yet).
    river.toIdField = 'toId';
    river.src = `${DATA}/rivers.geojson`;
    await until(() => emergency.downstream !== null, 'the trace once the network is read', 8000);
    expect(emergency.downstream!.direction).to.equal('downstream');
    expect(emergency.downstream!.arrivals).to.deep.equal([]);
    // The intakes come, then the sections: each time the trace reaches more.
    river.intakes = `${DATA}/intakes.geojson`;
    await until(
      () => emergency.downstream!.arrivals.some((a) => a.kind === 'intake'),
      'the intakes reached',
      8000,
    );
    const sections = (await (await fetch(`${DATA}/sections.json`)).json()) as Section[];
    feed.ingest(sections.map((s, i) => section(s, 0.5, `s${i}`)));
    await until(
      () => emergency.downstream!.arrivals.some((a) => a.kind === 'section'),
      'the sections reached',
    );
    expect(emergency.downstream!.arrivals.map((a) => a.id)).to.not.include('HD-S1');
    expect(events.at(-1)!.downstream).to.equal(emergency.downstream);
    expect(river.result).to.equal(emergency.downstream);
    // New values of the same sections do not trace again.
    const traced = emergency.downstream;
    const count = events.length;
    feed.ingest(sections.map((s, i) => section(s, 0.9, `t${i}`, T0 + 60_000)));
    await until(() => river.sections.every((s) => s.time === T0 + 60_000), 'the new values');
    expect(emergency.downstream).to.equal(traced);
    expect(events.length).to.equal(count);
    // Someone traces upstream on the river; a section moved since leaves their trace shown.
    const upstream = river.traceUpstream({ reach: 'FY08' })!;
    feed.ingest([
      section({ ...sections[0]!, lon: sections[0]!.lon + 0.001 }, 0.5, 'u0', T0 + 120_000),
    ]);
    await until(() => river.sections.some((s) => s.time === T0 + 120_000), 'the moved section');
    expect(river.result).to.equal(upstream);
    expect(emergency.downstream).to.equal(traced);
    // Cleared: the river's changes no longer reach the element.
    emergency.clear();
    river.bufferM = 2000;
    await river.updateComplete;
    expect(emergency.downstream).to.equal(null);
    expect(river.result).to.equal(upstream);
  });

  it('configurable rings; a bad ring attribute is reported and the default used', async () => {
    const { emergency } = await setup();
    const errors: EnvErrorDetail[] = [];
    emergency.addEventListener('env-error', (e) =>
      errors.push((e as CustomEvent<EnvErrorDetail>).detail),
    );
    emergency.peopleRings = '500 2000 5000';
    await emergency.updateComplete;
    expect(
      emergency.setIncident({ kind: 'x', lon: 114.5, lat: 36.65 })!.people.map((r) => r.radiusM),
    ).to.deep.equal([500, 2000, 5000]);
    emergency.resourceRings = 'near far';
    await emergency.updateComplete;
    expect(emergency.summary!.risks.map((r) => r.radiusM)).to.deep.equal([300, 600]);
    expect(errors.some((e) => e.attribute === 'resource-rings')).to.equal(true);
    expect(emergency.setIncident({ kind: 'x', lon: 500, lat: 0 })).to.equal(null);
    emergency.clear();
    expect(emergency.summary).to.equal(null);
  });
});
