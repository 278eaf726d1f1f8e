import type { IClientOptions, MqttClient } from 'mqtt';
import type { Transport, TransportContext } from '../types.js';
import { toWebSocketUrl } from './http.js';

/** Loads MQTT.js on first use, so pages without MQTT never download it. */
export async function loadMqtt(): Promise<typeof import('mqtt')> {
  const mod = (await import('mqtt')) as typeof import('mqtt') & { default?: typeof import('mqtt') };
  return typeof mod.connect === 'function' ? mod : mod.default!;
}

/**
 * A browser WebSocket whose `send` does nothing once the socket is closing or closed. MQTT.js
 * writes its queued packets (PUBACKs, a PINGREQ) without looking at the socket's state, and
 * Chromium reports each such write as a console error; a packet written then is lost in any
 * case and MQTT's QoS 1 sends it again on the next connection (ours from its outgoing store,
 * the broker's from the persistent session).
 */
export function closedSafeWebSocket(
  Socket: new (url: string, protocols?: string[]) => WebSocket,
  url: string,
  protocols?: string[],
): WebSocket {
  const socket = new Socket(url, protocols);
  const send = socket.send.bind(socket);
  socket.send = (data) => {
    if (socket.readyState === socket.CLOSING || socket.readyState === socket.CLOSED) return;
    send(data);
  };
  return socket;
}

export interface MqttSession {
  client: MqttClient;
  /** Stops it for good. */
  end(): void;
}

/**
 * Opens an MQTT-over-WebSocket session the way the feed needs it: a fixed client id, a
 * persistent session (clean = false), QoS 1 subscriptions made again on every connection (so
 * also when the broker comes back without the session), PUBACK only after the message was handled (MQTT.js acknowledges
 * when the handler returns), and reconnection delays from the feed's backoff.
 */
export async function openMqttSession(
  ctx: TransportContext,
  topics: string[],
  onMessage: (topic: string, payload: string, retained: boolean) => void,
  onSession: (sessionPresent: boolean) => void = () => {},
): Promise<MqttSession> {
  const mqtt = await loadMqtt();
  const options = ctx.options;
  const clientOptions: IClientOptions = {
    clientId: options.clientId ?? `envmap-${Math.random().toString(16).slice(2, 10)}`,
    clean: false,
    protocolVersion: 4,
    resubscribe: false,
    reconnectPeriod: ctx.backoff.initial,
    connectTimeout: 10_000,
    keepalive: 30,
    queueQoSZero: false,
    username: options.username,
    password: options.token,
  };
  // Only where MQTT.js takes its browser path (in Node it wraps a socket of the `ws` package).
  if (typeof document !== 'undefined' && typeof WebSocket === 'function')
    clientOptions.createWebsocket = (url: string, protocols: string[]) =>
      closedSafeWebSocket(WebSocket, url, protocols);
  const client = mqtt.connect(toWebSocketUrl(options.url), clientOptions);
  let ended = false;
  client.on('connect', (connack) => {
    ctx.backoff.reset();
    client.options.reconnectPeriod = ctx.backoff.initial;
    // Subscribe on every connection, not only when the broker says it lost the session: a
    // broker restored from disk may report a session whose subscriptions it no longer routes.
    // Subscribing again to the same filter replaces it (MQTT 3.1.1, 3.8.4) and loses nothing.
    client.subscribe(topics, { qos: 1 }, (err, granted) => {
      if (err) ctx.error(`MQTT subscribe failed: ${err.message}`);
      else if (granted?.some((g) => g.qos === 128)) ctx.error('MQTT broker refused a subscription');
      // Subscribed: what is published from now on comes live; the gap before, from the replay.
      if (client.connected) ctx.connectionOpened();
    });
    onSession(connack.sessionPresent);
    ctx.setStatus('open');
  });
  client.on('message', (topic, payload, packet) =>
    onMessage(topic, payload.toString('utf8'), packet.retain),
  );
  client.on('close', () => {
    ctx.connectionLost();
    if (ended || ctx.signal.aborted) return;
    ctx.setStatus('reconnecting');
    // MQTT.js waits options.reconnectPeriod before its next attempt: feed it the backoff.
    client.options.reconnectPeriod = ctx.backoff.next();
  });
  client.on('reconnect', () => ctx.reconnected());
  client.on('error', (err) => ctx.error(`MQTT: ${err.message}`));
  return {
    client,
    end: () => {
      ended = true;
      client.end(true);
    },
  };
}

/** MQTT over WebSocket: every message on the subscribed topics is a feed message. */
export function mqttTransport(ctx: TransportContext): Transport {
  let session: MqttSession | undefined;
  let stopped = false;
  const topics =
    ctx.options.topics && ctx.options.topics.length > 0 ? ctx.options.topics : ['envmap/#'];
  return {
    start: () => {
      openMqttSession(ctx, topics, (_topic, payload, retained) =>
        ctx.deliver(payload, undefined, retained),
      )
        .then((s) => {
          if (stopped) s.end();
          else session = s;
        })
        .catch((e: Error) => {
          ctx.error(`MQTT could not start: ${e.message}`);
          ctx.setStatus('closed');
        });
    },
    stop: () => {
      stopped = true;
      session?.end();
    },
  };
}
