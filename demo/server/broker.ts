// The demo's embedded MQTT broker: aedes over TCP and over WebSocket. In memory by default; with
// a journal file its sessions, queues and retained messages survive a crash (see
// journal-persistence.ts).
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, createWebSocketStream } from 'ws';
import { Aedes } from 'aedes';
import { JournalPersistence, type JournalOptions } from './journal-persistence.js';

export interface BrokerOptions {
  /** TCP port (0 picks a free one). */
  tcpPort?: number;
  /** MQTT-over-WebSocket port (0 picks a free one), or an HTTP server to attach to at `path`. */
  wsPort?: number;
  httpServer?: HttpServer;
  /** WebSocket path when attached to an HTTP server. Default /mqtt. */
  path?: string;
  host?: string;
  /** Journal file (or options) for durable sessions; omitted, the broker keeps them in memory. */
  journal?: string | JournalOptions;
}

export interface RunningBroker {
  aedes: Aedes;
  tcpPort: number;
  wsPort: number | undefined;
  close(): Promise<void>;
}

function listen(server: NetServer | HttpServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Starts the broker; resolves when it listens. */
export async function startBroker(options: BrokerOptions = {}): Promise<RunningBroker> {
  const host = options.host ?? '127.0.0.1';
  const journal = typeof options.journal === 'string' ? { file: options.journal } : options.journal;
  // The journal persistence also records QoS 1 PUBLISHes before aedes acknowledges them.
  const aedes = await Aedes.createBroker(
    journal ? { persistence: new JournalPersistence(journal) as never } : {},
  );
  const tcp = createNetServer(aedes.handle);
  const tcpPort = await listen(tcp, options.tcpPort ?? 0, host);
  let http = options.httpServer;
  let ownHttp = false;
  if (!http && options.wsPort !== undefined) {
    http = createHttpServer((_req, res) => res.writeHead(426).end('MQTT over WebSocket only'));
    ownHttp = true;
  }
  let wsPort: number | undefined;
  let wss: WebSocketServer | undefined;
  if (http) {
    wss = new WebSocketServer({ noServer: true });
    wss.on('connection', (socket, req) =>
      aedes.handle(createWebSocketStream(socket) as never, req as never),
    );
    const path = options.path ?? '/mqtt';
    // Route by path by hand: several WebSocket services share the demo's HTTP server.
    http.on('upgrade', (req, socket, head) => {
      const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (ownHttp || pathname === path)
        wss!.handleUpgrade(req, socket, head, (ws) => wss!.emit('connection', ws, req));
    });
    wsPort = ownHttp ? await listen(http, options.wsPort ?? 0, host) : undefined;
  }
  return {
    aedes,
    tcpPort,
    wsPort,
    close: async () => {
      for (const client of wss?.clients ?? []) client.terminate();
      wss?.close();
      tcp.close();
      if (ownHttp) {
        http!.closeAllConnections();
        http!.close();
      }
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
    },
  };
}
