import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { createFeed, type ClueUpdate, type Envelope } from '../../src/index.js';
import type { EnvClueBoard, EnvClueStepDetail, EnvMap } from '../../widgets/index.js';
import { cleanup, fixture, nextEvent, until } from './helpers.js';

const H = 3_600_000;
const NOW = Date.UTC(2026, 11, 3, 2, 0); // 10:00 in Beijing
const HOSTILE = '<img src=x onerror="window.__pwned=1">';
let n = 0;
const up = (
  id: string,
  status: ClueUpdate['status'],
  at: number,
  extra: Partial<ClueUpdate> = {},
) => ({ updateId: `u${n++}`, id, status, time: at, ...extra }) as ClueUpdate;

async function setup(attrs = '') {
  const map = await fixture<EnvMap>(
    `<env-map lang="zh-CN" center="117.2,34.26" zoom="10" style="width:900px;height:700px">
      <env-clue-board slot="top-left" time="${new Date(NOW).toISOString()}" ${attrs}></env-clue-board>
    </env-map>`,
  );
  const board = map.querySelector('env-clue-board') as EnvClueBoard;
  const feed = createFeed({
    url: '/nowhere',
    transport: 'poll',
    fetch: () => new Promise(() => {}),
  });
  map.feed = feed;
  await board.updateComplete;
  return { map, board, feed };
}

const rows = (board: EnvClueBoard) => [...board.shadowRoot!.querySelectorAll<HTMLElement>('.row')];

describe('<env-clue-board>', () => {
  afterEach(cleanup);

  it('lists cases most urgent first with how late, from the feed, old statuses read as new', async () => {
    const { board, feed } = await setup();
    const env = (id: string, data: Record<string, unknown>, time: number): Envelope => ({
      type: 'clue.update',
      id,
      time: new Date(time).toISOString(),
      data,
    });
    feed.ingest([
      env(
        'e1',
        {
          id: 'A',
          status: 'discovered',
          title: '夜间异味',
          deadline: new Date(NOW + 30 * H).toISOString(),
          source: '12345',
          department: '环保局',
        },
        NOW - 5 * H,
      ),
      env(
        'e2',
        {
          id: 'B',
          status: 'discovered',
          title: '工地扬尘',
          deadline: new Date(NOW - 5 * H).toISOString(),
          source: '12369',
          department: '住建局',
        },
        NOW - 20 * H,
      ),
      env(
        'e3',
        {
          id: 'C',
          status: 'discovered',
          title: HOSTILE,
          deadline: new Date(NOW + 3 * H).toISOString(),
          source: 'wechat',
        },
        NOW - 2 * H,
      ),
      env('e4', { id: 'A', status: 'assigned', assignee: '生态环境分局' }, NOW - 4 * H),
    ]);
    await until(() => rows(board).length === 3, 'three rows');
    expect(rows(board).map((r) => r.dataset.id)).to.deep.equal(['B', 'C', 'A']);
    const [b, c, a] = rows(board);
    expect(b!.querySelector('.badge')!.className).to.contain('overdue');
    expect(b!.querySelector('.badge')!.textContent).to.contain('超期 5 小时');
    expect(c!.querySelector('.badge')!.className).to.contain('due-soon');
    expect(c!.querySelector('.badge')!.textContent).to.contain('剩余 3 小时');
    expect(a!.textContent).to.contain('已派发').and.contain('生态环境分局');
    expect(board.board.get('A')!.status).to.equal('dispatched');
    // Hostile titles are text.
    expect(c!.querySelector('.title')!.textContent).to.equal(HOSTILE);
    expect(board.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    // Filters.
    board.department = '住建局';
    await until(() => rows(board).length === 1, 'filtered');
    board.department = '';
    board.state = 'overdue';
    await until(() => rows(board).length === 1 && rows(board)[0]!.dataset.id === 'B', 'by state');
    board.state = '';
    // A refused update is kept with its reason; nothing else changes.
    feed.ingest([env('e5', { id: 'Z', status: 'closed' }, NOW)]);
    await until(() => board.refused.length === 1, 'refused');
    expect(board.refused[0]!.reason).to.contain('unknown case "Z"');
    expect(board.board.size).to.equal(3);
  });

  it('virtualises tens of thousands of cases; the keyboard moves through them and opens one', async () => {
    const { board } = await setup();
    for (let i = 0; i < 20000; i++)
      board.apply(
        up(`K${i}`, 'discovered', NOW - H, {
          title: `案件 ${i}`,
          deadline: NOW + (i + 1) * 60_000,
        }),
      );
    const t = performance.now();
    await board.updateComplete;
    await until(() => rows(board).length > 0, 'rows');
    const firstRender = performance.now() - t;
    expect(rows(board).length).to.be.below(60);
    expect(board.shadowRoot!.querySelector('h2')!.textContent).to.contain('20000');
    expect(firstRender).to.be.below(5000);
    const list = board.shadowRoot!.querySelector('.list') as HTMLElement;
    list.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await until(() => list.getAttribute('aria-activedescendant') === 'clue-row-2', 'active row 2');
    await sendKeys({ press: 'End' });
    await until(() => list.getAttribute('aria-activedescendant') === 'clue-row-19999', 'the last');
    await until(() => rows(board).some((r) => r.id === 'clue-row-19999'), 'the last drawn');
    expect(rows(board).length).to.be.below(60);
    const selected = nextEvent<CustomEvent<{ id: string }>>(board, 'env-clue-select');
    await sendKeys({ press: 'Enter' });
    expect((await selected).detail.id).to.equal('K19999');
    expect(board.shadowRoot!.querySelector('.detail h3')!.textContent).to.equal('案件 19999');
  });

  it('steps fire a cancelable env-clue-step; with apply-steps the board takes them; history as a timeline', async () => {
    const { board } = await setup('apply-steps');
    board.apply(
      up('A', 'discovered', NOW - 3 * H, {
        title: '露天焚烧',
        note: '群众来电',
        deadline: NOW + H,
      }),
    );
    board.select('A');
    await board.updateComplete;
    const buttons = () =>
      [...board.shadowRoot!.querySelectorAll<HTMLButtonElement>('.steps button')].map(
        (b) => b.dataset.to,
      );
    expect(buttons()).to.deep.equal(['dispatched', 'closed']);
    // Cancelled: nothing applied.
    const veto = (e: Event) => e.preventDefault();
    board.addEventListener('env-clue-step', veto);
    const cancelled = nextEvent<CustomEvent<EnvClueStepDetail>>(board, 'env-clue-step');
    board
      .shadowRoot!.querySelector<HTMLButtonElement>('.steps button[data-to=dispatched]')!
      .click();
    const { detail } = await cancelled;
    expect(detail).to.include({ id: 'A', from: 'discovered', to: 'dispatched' });
    expect(detail.update).to.include({ id: 'A', status: 'dispatched' });
    expect(board.board.get('A')!.status).to.equal('discovered');
    board.removeEventListener('env-clue-step', veto);
    board
      .shadowRoot!.querySelector<HTMLButtonElement>('.steps button[data-to=dispatched]')!
      .click();
    await until(() => board.board.get('A')!.status === 'dispatched', 'dispatched');
    await until(() => buttons().join() === 'rectifying,closed', 'next steps');
    const items = board.shadowRoot!.querySelectorAll('.timeline li');
    expect(items.length).to.equal(2);
    expect(items[0]!.textContent).to.contain('发现').and.contain('群众来电');
    expect(board.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('露天焚烧');
    // Closed as unfounded from dispatched.
    board.shadowRoot!.querySelector<HTMLButtonElement>('.steps button[data-to=closed]')!.click();
    await until(() => board.board.get('A')!.status === 'closed', 'closed');
    expect(board.board.get('A')!.founded).to.equal(false);
  });

  it('columns by step; a dispatched power anomaly opens a case once', async () => {
    const { board, map } = await setup('view="columns" show-closed');
    board.apply(up('A', 'discovered', NOW - H, { title: '甲' }));
    board.apply(up('B', 'discovered', NOW - H, { title: '乙' }));
    board.apply(up('B', 'dispatched', NOW - H / 2));
    const counts = () =>
      [...board.shadowRoot!.querySelectorAll('.column .n')].map((e) => e.textContent).join();
    await until(() => counts() === '1,1,0,0,0,0', 'one case discovered, one dispatched');
    const anomaly = {
      enterpriseId: 'E1',
      kind: 'treatment-off',
      start: NOW - 2 * H,
      end: NOW - H,
      meterIds: ['P'],
    };
    const send = (cancel: boolean) => {
      const event = new CustomEvent('env-dispatch', {
        detail: {
          kind: 'power-anomaly',
          anomaly,
          enterprise: { id: 'E1', name: '甲厂', lon: 117.2, lat: 34.2 },
        },
        bubbles: true,
        composed: true,
        cancelable: true,
      });
      if (cancel) map.addEventListener('env-dispatch', (e) => e.preventDefault(), { once: true });
      map.dispatchEvent(event);
    };
    send(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(board.board.size).to.equal(2);
    send(false);
    await until(() => board.board.size === 3, 'a case from the dispatch');
    const c = board.board.list().find((x) => x.source === 'power')!;
    expect(c.title).to.equal('甲厂：治污设施停运');
    send(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(board.board.size).to.equal(3);
  });

  it('radar pushes, traced sources and dispatched camera alarms open cases, placed and zoned', async () => {
    const { board, map, feed } = await setup();
    const fire = (type: string, detail: unknown) =>
      map.dispatchEvent(
        new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: true }),
      );
    feed.ingest([
      {
        type: 'camera.meta',
        id: 'm1',
        time: new Date(NOW).toISOString(),
        data: { id: 'CAM-1', name: '1 号塔', lon: 117.3, lat: 34.3, heightM: 40, rangeM: 3000 },
      },
    ]);
    fire('env-dispatch', {
      action: 'push',
      hotspotId: 'R1-5',
      radarId: 'R1',
      lon: 117.21,
      lat: 34.25,
      start: NOW - H,
      end: NOW,
      text: '10:00-11:00，东方红西街与贵阳路交汇处南侧',
    });
    fire('env-dispatch', {
      action: 'inspect',
      hotspotId: 'R1-5',
      radarId: 'R1',
      lon: 0,
      lat: 0,
      start: 0,
      end: 0,
      text: '',
    });
    fire('env-dispatch', {
      kind: 'source-trace',
      sourceId: 'S9',
      name: '模拟工地 9',
      lon: 117.1,
      lat: 34.2,
      stationId: 'ST1',
      pollutant: 'pm25',
      hoursBefore: 1.4,
      offsetM: 420,
    });
    fire('env-alarm', {
      action: 'dispatch',
      id: 'F7',
      cameraId: 'CAM-1',
      kind: 'fire',
      bearing: 90,
      confidence: 0.8,
      time: new Date(NOW).toISOString(),
      state: 'dispatched',
      snapshotUrl: null,
    });
    fire('env-alarm', {
      action: 'acknowledge',
      id: 'F8',
      cameraId: 'CAM-1',
      kind: 'fire',
      time: new Date(NOW).toISOString(),
    });
    await until(() => board.board.size === 3, 'three cases');
    const bySource = Object.fromEntries(board.board.list().map((c) => [c.source, c]));
    expect(bySource.radar!.history[0]!.note).to.contain('贵阳路');
    expect(bySource['source-trace']!.title).to.equal('溯源疑似来源：模拟工地 9');
    expect(bySource['source-trace']!.history[0]!.note).to.contain('约 1.4 小时前');
    expect(bySource.camera!.title).to.equal('1 号塔 火情报警');
    expect([bySource.camera!.lon, bySource.camera!.lat]).to.deep.equal([117.3, 34.3]);
  });
});
