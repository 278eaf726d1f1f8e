// The whole demo on one machine: static pages, the simulated Heze feed, the simulated Ji'an
// patrol fleet, the simulated Handan-style river sections and the simulated Xuzhou-style clues
// over SSE, WebSocket, polling, MQTT (embedded aedes, or an external broker) and SensorThings,
// the HJ 212 bridge, and `POST /clues/step` for the steps taken on a page.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import mqtt from 'mqtt';
import { CLUE_STATUSES, checkMessage, FeedMessageError, type ClueUpdate } from '../../src/index.js';
import { createDemoServer, readBody, sendJson } from './server.js';
import { FeedHub } from './feed-hub.js';
import { SensorThingsService } from './sensorthings.js';
import { HezeSimulator } from './simulator/heze.js';
import { JianFleet } from './simulator/jian.js';
import { HandanRivers } from './simulator/handan.js';
import { HunanPower } from './simulator/hunan.js';
import { XuzhouClues, clueUpdateData } from './simulator/xuzhou.js';
import { envelopeMaker } from './simulator/envelope.js';
import { hezeSurfaceTiff } from './simulator/heze-dem.js';
import { startBroker, type RunningBroker } from './broker.js';
import { createHj212Bridge, type Hj212Device } from './hj212-bridge.js';

export interface DemoOptions {
  root: string;
  port?: number;
  host?: string;
  /** External MQTT broker (mqtt://host:port) instead of the embedded one. */
  brokerUrl?: string;
  /** MQTT-over-WebSocket URL of the external broker, as pages should use it. */
  brokerWsUrl?: string;
  /** TCP port of the embedded broker (0: any free port). */
  /** Journal file for the embedded broker (durable sessions); omitted, it runs in memory. */
  brokerJournal?: string;
  mqttPort?: number;
  /** TCP port of the HJ 212 bridge (0: any free port). */
  hj212Port?: number;
  /**
   * Milliseconds between simulation steps. Default 3000; 0 stops the clock (tests step by hand).
   * The patrol fleet moves every second while the clock runs.
   */
  tickMs?: number;
}

export interface RunningDemo {
  http: Server;
  hub: FeedHub;
  simulator: HezeSimulator;
  /** The simulated Ji'an drones and boats, in the same feed. */
  fleet: JianFleet;
  /** The simulated Xuzhou-style clues (their history is published on start). */
  clues: XuzhouClues;
  port: number;
  mqttPort: number | undefined;
  hj212Port: number;
  /** The embedded broker (absent with an external one). */
  broker: RunningBroker | undefined;
  /** Runs one simulation step now (Heze, and the fleet moved on to now). */
  step(): void;
  close(): Promise<void>;
}

/** Devices the HJ 212 bridge knows (demo registry). */
export const DEMO_DEVICES: ReadonlyMap<string, Hj212Device> = new Map<string, Hj212Device>([
  ['371700AIR0000000000TS001', { kind: 'air', stationId: 'TS-001' }],
  [
    '371700WQ00000000000WQ003',
    {
      kind: 'water',
      sectionId: 'WQ-03',
      name: '洙赵新河 市区断面',
      river: '洙赵新河',
      lon: 115.5,
      lat: 35.3,
    },
  ],
  [
    '371700PW0000000000EN0003',
    {
      kind: 'power',
      enterpriseId: 'EN-003',
      meters: {
        SB1: { meterId: 'SB1', role: 'treatment', powerCode: 'e10101' },
        SB9: { meterId: 'PROD', role: 'production', powerCode: 'e10109' },
      },
    },
  ],
]);

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const host = options.host ?? '127.0.0.1';
  let broker: RunningBroker | undefined;
  let external: mqtt.MqttClient | undefined;
  const mqttPublish = (topic: string, payload: string, retain = false) => {
    if (broker)
      broker.aedes.publish(
        { cmd: 'publish', topic, payload: Buffer.from(payload), qos: 1, retain, dup: false },
        () => {},
      );
    else external?.publish(topic, payload, { qos: 1, retain });
  };
  const hub = new FeedHub({ mqttPublish });
  const sta = new SensorThingsService(mqttPublish);
  const publish = (envelopes: Parameters<FeedHub['publish']>[0]) => {
    hub.publish(envelopes);
    sta.ingest(envelopes);
  };
  const wsMqttPath = '/mqtt';
  const clues = new XuzhouClues(envelopeMaker('xuzhou'));
  const stepEnvelope = envelopeMaker('clue-step');
  const http = createDemoServer({
    root: options.root,
    post: (req, res, url) => {
      if (url.pathname !== '/clues/step') return false;
      clueStep(req, res)
        .then((step) => {
          if (!step) return;
          clues.takeOver(step.id);
          publish([stepEnvelope('clue.update', step.data, step.time)]);
        })
        .catch((e: Error) => console.error(`POST /clues/step: ${e.message}`));
      return true;
    },
    routes: (req, res, url) => {
      if (url.pathname === '/feed/sse') hub.handleSse(req, res, url);
      else if (url.pathname === '/data/heze-dem-simulated.tif') {
        // Generated on start (see simulator/heze-dem.ts): a SIMULATED surface, not terrain data.
        void hezeSurfaceTiff().then((tiff) => {
          res.writeHead(200, { 'Content-Type': 'image/tiff', 'Cache-Control': 'no-cache' });
          res.end(Buffer.from(tiff));
        });
      } else if (url.pathname === '/feed/poll') hub.handlePoll(res, url);
      else if (url.pathname === '/feed/config.json') {
        const wsBase = `ws://${req.headers.host ?? `${host}`}`;
        res.writeHead(200, {
          'Content-Type': 'application/json; charset=utf-8',
          'Cache-Control': 'no-store',
        });
        res.end(
          JSON.stringify({
            sse: '/feed/sse',
            ws: `${wsBase}/feed/ws`,
            poll: '/feed/poll',
            mqtt: options.brokerWsUrl ?? `${wsBase}${wsMqttPath}`,
            sensorthings: '/sta/v1.1',
            // The poll endpoint is the feed's history (ordered, `since` exclusive): the WebSocket
            // and MQTT feeds fill the gaps of their reconnections from it.
            replayUrl: '/feed/poll',
            simulated: true,
          }),
        );
      } else return sta.handle(res, url);
      return true;
    },
  });
  hub.attachWebSocket(http);
  if (options.brokerUrl) {
    external = mqtt.connect(options.brokerUrl, { clientId: 'envmap-demo-simulator', clean: false });
    external.on('error', (e) => console.error(`external broker: ${e.message}`));
  } else {
    broker = await startBroker({
      tcpPort: options.mqttPort ?? 0,
      httpServer: http,
      path: wsMqttPath,
      host,
      journal: options.brokerJournal,
    });
  }
  const simulator = new HezeSimulator();
  const fleet = new JianFleet();
  const handan = new HandanRivers();
  // The Hunan-style power meters: the current 15-minute interval's readings, once it begins.
  const hunan = new HunanPower();
  publish([...simulator.metadata(), ...fleet.metadata(), ...handan.metadata(), ...clues.start()]);
  const stepHeze = () =>
    publish([...simulator.tick(), ...handan.tick(), ...hunan.tick(), ...clues.tick()]);
  const moveFleet = () => publish(fleet.tick());
  const step = () => {
    stepHeze();
    moveFleet();
  };
  step();
  const timers =
    options.tickMs === 0
      ? []
      : [setInterval(stepHeze, options.tickMs ?? 3000), setInterval(moveFleet, 1000)];
  const bridge = createHj212Bridge({
    devices: DEMO_DEVICES,
    publish,
    onError: (m) => console.warn(m),
  });
  await new Promise<void>((resolve, reject) => {
    bridge.server.once('error', reject);
    bridge.server.listen(options.hj212Port ?? 0, host, resolve);
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 8080, host, resolve);
  });
  return {
    http,
    hub,
    simulator,
    fleet,
    clues,
    port: (http.address() as AddressInfo).port,
    mqttPort: broker?.tcpPort,
    broker,
    hj212Port: (bridge.server.address() as AddressInfo).port,
    step,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      hub.close();
      bridge.server.close();
      await broker?.close();
      external?.end(true);
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

/** The largest body `POST /clues/step` takes. */
export const CLUE_STEP_MAX_BYTES = 8 * 1024;

const isTime = (v: unknown) =>
  (typeof v === 'number' || typeof v === 'string') && Number.isFinite(new Date(v).getTime());

/**
 * `POST /clues/step`: one ClueUpdate as JSON (what a page posts when a step button is pressed),
 * checked for its form only (whether the step fits the case is the boards' business). Answers
 * 202 and resolves to the case, the time and the message data (the fields the feed knows), or
 * 400 with the reason and resolves to undefined.
 */
async function clueStep(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<{ id: string; time: Date; data: Record<string, unknown> } | undefined> {
  const refuse = (reason: string) => {
    sendJson(res, 400, { error: reason });
    return undefined;
  };
  const body = await readBody(req, CLUE_STEP_MAX_BYTES).catch(() => undefined);
  if (body === undefined) return refuse(`a step is at most ${CLUE_STEP_MAX_BYTES} bytes of JSON`);
  let u: unknown;
  try {
    u = JSON.parse(body);
  } catch {
    return refuse('the body is not JSON');
  }
  if (typeof u !== 'object' || u === null || Array.isArray(u))
    return refuse('a step must be a JSON object');
  const step = u as Record<string, unknown>;
  for (const f of ['updateId', 'id'] as const)
    if (typeof step[f] !== 'string' || step[f] === '')
      return refuse(`${f} must be a non-empty string`);
  if (!(CLUE_STATUSES as readonly unknown[]).includes(step.status))
    return refuse(`status must be one of ${CLUE_STATUSES.join(', ')}`);
  if (!isTime(step.time)) return refuse('time must be ms or an ISO 8601 time');
  if (step.deadline !== undefined && !isTime(step.deadline))
    return refuse('deadline must be ms or an ISO 8601 time');
  // The other fields as the feed checks them (texts, position, founded).
  const { time, data } = clueUpdateData(step as unknown as ClueUpdate);
  let checked: Record<string, unknown>;
  try {
    const message = { type: 'clue.update', id: 'step', time: time.toISOString(), data };
    checked = checkMessage(message).envelope.data as Record<string, unknown>;
  } catch (e) {
    return refuse(e instanceof FeedMessageError ? e.reason : String(e));
  }
  sendJson(res, 202, { accepted: step.updateId });
  return { id: step.id as string, time, data: checked };
}
