// Real MQTT brokers for tests: Debian's mosquitto and the demo's aedes, each in its own process
// on free loopback ports, so that a test can SIGKILL and restart them.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BrokerProcess {
  name: string;
  tcpUrl: string;
  wsUrl: string;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same ports with the same data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once something accepts TCP connections on the port. */
function waitForPort(port: number, ms = 15_000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() - start > ms) reject(new Error(`broker did not listen on ${port}`));
        else setTimeout(attempt, 20);
      });
    };
    attempt();
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function processBroker(
  name: string,
  start: () => ChildProcess,
  tcp: number,
  ws: number,
): Promise<BrokerProcess> {
  let child = start();
  await Promise.all([waitForPort(tcp), waitForPort(ws)]);
  return {
    name,
    tcpUrl: `mqtt://127.0.0.1:${tcp}`,
    wsUrl: `ws://127.0.0.1:${ws}`,
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    restart: async () => {
      child = start();
      await Promise.all([waitForPort(tcp), waitForPort(ws)]);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

export const MOSQUITTO = '/usr/sbin/mosquitto';

/** mosquitto 2 with durable persistence (its own config file, as the design page describes). */
export async function startMosquitto(): Promise<BrokerProcess> {
  if (!existsSync(MOSQUITTO)) {
    throw new Error(
      `mosquitto not found at ${MOSQUITTO}: install it with "apt-get install -y mosquitto"`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'envmap-mosquitto-'));
  const [tcp, ws] = [await freePort(), await freePort()];
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${tcp} 127.0.0.1`,
      `listener ${ws} 127.0.0.1`,
      'protocol websockets',
      'allow_anonymous true',
      'persistence true',
      `persistence_location ${dir}/`,
      'autosave_interval 1',
      'autosave_on_changes true',
      `user ${userInfo().username}`,
      'max_queued_messages 0',
      'max_inflight_messages 0',
      '',
    ].join('\n'),
  );
  return processBroker(
    'mosquitto',
    () => spawn(MOSQUITTO, ['-c', conf], { stdio: 'ignore' }),
    tcp,
    ws,
  );
}

/**
 * The demo's aedes broker in a child process: with its journal (durable, as mosquitto above) or
 * in memory.
 */
export async function startAedes(durable = true): Promise<BrokerProcess> {
  const [tcp, ws] = [await freePort(), await freePort()];
  const journal = durable
    ? ['--journal', join(mkdtempSync(join(tmpdir(), 'envmap-aedes-')), 'journal.log')]
    : [];
  const cli = fileURLToPath(new URL('../../../demo/server/broker-cli.ts', import.meta.url));
  return processBroker(
    'aedes',
    () =>
      spawn(
        process.execPath,
        ['--import', 'tsx', cli, '--tcp', String(tcp), '--ws', String(ws), ...journal],
        { stdio: 'ignore' },
      ),
    tcp,
    ws,
  );
}
