// `npm start`: the demo on PORT (default 8080) after the build. No network needed.
// Options: --broker mqtt://host:1883 [--broker-ws ws://host:9001] to use an external MQTT broker;
// --broker-journal <file> to keep the embedded broker's sessions across a crash.
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PAGES } from './server.js';
import { startDemo } from './demo.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
if (!existsSync(`${root}/dist/envmap.iife.js`)) {
  console.error('dist/ is missing: run "npm run build" first (npm start does it for you).');
  process.exit(1);
}
const { values } = parseArgs({
  options: {
    broker: { type: 'string' },
    'broker-ws': { type: 'string' },
    'broker-journal': { type: 'string' },
  },
});
const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}"`);
  process.exit(2);
}
const host = process.env.HOST ?? '127.0.0.1';
try {
  const demo = await startDemo({
    root,
    port,
    host,
    brokerUrl: values.broker ?? process.env.ENVMAP_BROKER,
    brokerWsUrl: values['broker-ws'] ?? process.env.ENVMAP_BROKER_WS,
    brokerJournal: values['broker-journal'] ?? process.env.ENVMAP_BROKER_JOURNAL,
    mqttPort: Number(process.env.MQTT_PORT ?? 0),
    hj212Port: Number(process.env.HJ212_PORT ?? 0),
  });
  const base = `http://${host === '0.0.0.0' ? 'localhost' : host}:${demo.port}/`;
  console.log(`envmap demo: ${base}`);
  for (const page of PAGES) console.log(`  ${base}${page}`);
  console.log(
    `feed (simulated Heze, Ji'an patrol fleet and Hunan-style power meters): SSE ${base}feed/sse, WebSocket ${base.replace('http', 'ws')}feed/ws, poll ${base}feed/poll`,
  );
  console.log(
    `MQTT: ${demo.mqttPort ? `embedded broker on tcp ${demo.mqttPort} and ${base.replace('http', 'ws')}mqtt` : `external ${values.broker ?? process.env.ENVMAP_BROKER}`}`,
  );
  console.log(`SensorThings: ${base}sta/v1.1   HJ 212 bridge: tcp ${host}:${demo.hj212Port}`);
  const stop = () => void demo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  const err = e as NodeJS.ErrnoException;
  console.error(
    err.code === 'EADDRINUSE'
      ? `a port is in use (${err.message}): set PORT, MQTT_PORT or HJ212_PORT`
      : err.message,
  );
  process.exit(1);
}
