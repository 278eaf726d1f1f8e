// The whole demo on one machine: static pages, the simulated Heze feed, the simulated Ji'an
// patrol fleet and the simulated Handan-style river sections over SSE, WebSocket, polling, MQTT (embedded aedes, or an external broker) and
// SensorThings, and the HJ 212 bridge.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import mqtt from 'mqtt';
import { createDemoServer } from './server.js';
import { FeedHub } from './feed-hub.js';
import { SensorThingsService } from './sensorthings.js';
import { HezeSimulator } from './simulator/heze.js';
import { JianFleet } from './simulator/jian.js';
import { HandanRivers } from './simulator/handan.js';
import { HunanPower } from './simulator/hunan.js';
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
  const http = createDemoServer({
    root: options.root,
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
  publish([...simulator.metadata(), ...fleet.metadata(), ...handan.metadata()]);
  const stepHeze = () => publish([...simulator.tick(), ...handan.tick(), ...hunan.tick()]);
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
