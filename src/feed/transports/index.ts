import type { TransportFactory, TransportName } from '../types.js';
import { mqttTransport } from './mqtt.js';
import { pollTransport } from './poll.js';
import { sensorThingsTransport } from './sensorthings.js';
import { sseTransport } from './sse.js';
import { wsTransport } from './ws.js';

export const TRANSPORTS: Readonly<Record<TransportName, TransportFactory>> = Object.freeze({
  sse: sseTransport,
  ws: wsTransport,
  mqtt: mqttTransport,
  sensorthings: sensorThingsTransport,
  poll: pollTransport,
});
