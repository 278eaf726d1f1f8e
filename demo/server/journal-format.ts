// The broker journal's records: one JSON line per change of aedes' in-memory persistence, how to
// apply them to a store, and the records that rebuild a store's state (a snapshot).
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';

/** The parts of an aedes packet the journal carries; Buffers survive as base64. */
export interface StoredPacket {
  cmd?: string;
  topic?: string;
  payload?: Buffer;
  qos?: number;
  retain?: boolean;
  messageId?: number;
  brokerId?: string;
  brokerCounter?: number;
  clientId?: string;
  [key: string]: unknown;
}
export interface ClientRef {
  id: string;
}
export interface Subscription {
  topic: string;
  qos: number;
  [key: string]: unknown;
}

/** aedes-persistence's in-memory implementation (asyncPersistence.js), as far as we use it. */
export interface MemoryStore {
  setup(broker: unknown): Promise<void>;
  storeRetained(packet: StoredPacket): Promise<void>;
  createRetainedStream(pattern: string): Readable;
  addSubscriptions(client: ClientRef, subs: Subscription[]): Promise<void>;
  removeSubscriptions(client: ClientRef, topics: string[]): Promise<void>;
  subscriptionsByClient(client: ClientRef): Promise<Subscription[]>;
  cleanSubscriptions(client: ClientRef): Promise<void>;
  outgoingEnqueue(sub: { clientId: string }, packet: StoredPacket): Promise<void>;
  outgoingEnqueueCombi(subs: { clientId: string }[], packet: StoredPacket): Promise<void>;
  outgoingUpdate(client: ClientRef, packet: StoredPacket): Promise<void>;
  outgoingClearMessageId(
    client: ClientRef,
    packet: StoredPacket,
  ): Promise<StoredPacket | undefined>;
  outgoingStream(client: ClientRef): Readable;
  incomingStorePacket(client: ClientRef, packet: StoredPacket): Promise<void>;
  incomingGetPacket(client: ClientRef, packet: StoredPacket): Promise<StoredPacket>;
  incomingDelPacket(client: ClientRef, packet: StoredPacket): Promise<void>;
  cleanIncoming(client: ClientRef): Promise<void>;
  putWill(client: ClientRef, packet: StoredPacket): Promise<void>;
  delWill(client: ClientRef): Promise<StoredPacket | undefined>;
  streamWill(brokers?: Record<string, unknown>): Readable;
  destroy(): Promise<void>;
}

const require = createRequire(import.meta.url);
export const MemoryPersistence = require('aedes-persistence/asyncPersistence.js') as new (
  options?: object,
) => MemoryStore;

/**
 * One journal record: an operation and its arguments, clients by id.
 * sr storeRetained · as/rs/cs subscriptions added, removed, cleaned · oe enqueued for clients ·
 * ou outgoing updated · oc outgoing cleared · is/id/ci incoming stored, deleted, cleaned ·
 * pw/dw will put, deleted · rp a QoS 1 PUBLISH received (before its PUBACK), rd that it was
 * routed (an `oe` carrying its key says the same) · or the packet ids of a client's queued QoS 1
 * PUBLISHes forgotten, as it resumes its session (see `numbered`).
 */
export type JournalOp =
  | ['sr', StoredPacket]
  | ['as', string, Subscription[]]
  | ['rs', string, string[]]
  | ['cs', string]
  | ['oe', string[], StoredPacket, string?]
  | ['ou', string, StoredPacket]
  | ['oc', string, number]
  | ['is', string, StoredPacket]
  | ['id', string, number]
  | ['ci', string]
  | ['pw', string, StoredPacket]
  | ['dw', string]
  | ['rp', string, StoredPacket]
  | ['rd', string]
  | ['or', string];

function replacer(this: Record<string, unknown>, key: string, value: unknown) {
  const raw = this[key];
  return raw instanceof Uint8Array ? { $b64: Buffer.from(raw).toString('base64') } : value;
}
function reviver(_key: string, value: unknown) {
  if (value && typeof value === 'object' && typeof (value as { $b64?: unknown }).$b64 === 'string')
    return Buffer.from((value as { $b64: string }).$b64, 'base64');
  return value;
}

export function encodeOp(op: JournalOp): string {
  return JSON.stringify(op, replacer) + '\n';
}

/** Parses journal text; a line that does not parse is reported and skipped, never fatal. */
export function decodeJournal(
  text: string,
  warn: (message: string) => void = console.warn,
): JournalOp[] {
  const ops: JournalOp[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line === '') return;
    try {
      const op = JSON.parse(line, reviver) as unknown;
      if (!Array.isArray(op) || typeof op[0] !== 'string') throw new Error('not an operation');
      ops.push(op as JournalOp);
    } catch (e) {
      // A kill in the middle of a write leaves a partial last line: nothing was acknowledged on it.
      if (i === lines.length - 1) return;
      warn(`broker journal line ${i + 1} skipped: ${(e as Error).message}`);
    }
  });
  return ops;
}

const client = (id: string): ClientRef => ({ id });

/** Applies one operation to a store (a failing operation failed the same way when it was live). */
async function apply(store: MemoryStore, op: JournalOp): Promise<void> {
  try {
    switch (op[0]) {
      case 'sr':
        return await store.storeRetained(op[1]);
      case 'as':
        return await store.addSubscriptions(client(op[1]), op[2]);
      case 'rs':
        return await store.removeSubscriptions(client(op[1]), op[2]);
      case 'cs':
        return await store.cleanSubscriptions(client(op[1]));
      case 'oe':
        return await store.outgoingEnqueueCombi(
          op[1].map((clientId) => ({ clientId })),
          op[2],
        );
      case 'ou':
        return await store.outgoingUpdate(client(op[1]), op[2]);
      case 'oc':
        await store.outgoingClearMessageId(client(op[1]), { messageId: op[2] });
        return;
      case 'is':
        return await store.incomingStorePacket(client(op[1]), op[2]);
      case 'id':
        return await store.incomingDelPacket(client(op[1]), { messageId: op[2] });
      case 'ci':
        return await store.cleanIncoming(client(op[1]));
      case 'pw': {
        // putWill stamps the running broker's id; keep the id of the broker that stored it, so
        // that the will of a client of a crashed broker is still published.
        const brokerId = op[2].brokerId;
        await store.putWill(client(op[1]), op[2]);
        op[2].brokerId = brokerId;
        return;
      }
      case 'dw':
        await store.delWill(client(op[1]));
        return;
      case 'or':
        for (const packet of await numbered(store, op[1])) packet.messageId = undefined;
        return;
      case 'rp':
      case 'rd':
        return; // kept by the census, published again by redeliver()
    }
  } catch {
    // e.g. an update of a packet that was already gone: no effect, as when it happened.
  }
}

/** Applies the operations of journal text to a store, noting them in the census. */
export async function replay(
  store: MemoryStore,
  census: Census,
  text: string,
  warn: (message: string) => void,
): Promise<void> {
  for (const op of decodeJournal(text, warn)) {
    census.note(op);
    await apply(store, op);
  }
}

async function collect<T>(stream: Readable): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream) out.push(item as T);
  return out;
}

/**
 * A client's queued QoS 1 PUBLISHes that carry a packet id, i.e. that a connection sent and the
 * client did not acknowledge yet. As the client resumes its session they must lose it: aedes
 * would send them again under it (lib/handlers/connect.js emptyQueue) while the new connection
 * numbers what it sends from a random start (lib/client.js `_nextId`), and the memory store
 * matches packets by id alone (aedes-persistence asyncPersistence.js: outgoingUpdate replaces an
 * other broker's packet with the same id, outgoingClearMessageId removes the first with the id),
 * so a reused id replaced or removed a message the client never received. Without an id they are
 * numbered with the rest. The memory store streams its queued objects themselves
 * (outgoingStream), which is what lets the caller change them in place.
 */
export async function numbered(store: MemoryStore, clientId: string): Promise<StoredPacket[]> {
  return (await collect<StoredPacket>(store.outgoingStream(client(clientId)))).filter(
    (p) =>
      (p.cmd ?? 'publish') === 'publish' &&
      p.qos === 1 &&
      p.messageId !== undefined &&
      p.messageId !== null,
  );
}

/** The operations that rebuild a store's state, given every client id it has seen. */
export async function snapshot(store: MemoryStore, census: Census): Promise<JournalOp[]> {
  const ops: JournalOp[] = [];
  for (const [key, packet] of census.received) ops.push(['rp', key, packet]);
  for (const packet of await collect<StoredPacket>(store.createRetainedStream('#')))
    ops.push(['sr', packet]);
  for (const id of census.clients) {
    const subs = await store.subscriptionsByClient(client(id));
    if (subs.length) ops.push(['as', id, subs]);
    for (const packet of await collect<StoredPacket>(store.outgoingStream(client(id)))) {
      ops.push(['oe', [id], packet]);
      if (packet.messageId !== undefined && packet.messageId !== null) ops.push(['ou', id, packet]);
    }
  }
  for (const [id, messageId] of census.incoming.values()) {
    const packet = await store.incomingGetPacket(client(id), { messageId }).catch(() => undefined);
    if (packet) ops.push(['is', id, packet]);
  }
  for (const will of await collect<StoredPacket>(store.streamWill({})))
    if (will.clientId) ops.push(['pw', will.clientId, will]);
  return ops;
}

/**
 * Client ids, stored incoming packets and PUBLISHes received but not yet routed, named by a
 * sequence of operations.
 */
export class Census {
  readonly clients = new Set<string>();
  readonly incoming = new Map<string, [string, number]>();
  readonly received = new Map<string, StoredPacket>();

  note(op: JournalOp): void {
    if (op[0] === 'sr') return;
    if (op[0] === 'rp') return void this.received.set(op[1], op[2]);
    if (op[0] === 'rd') return void this.received.delete(op[1]);
    if (op[0] === 'oe') {
      for (const id of op[1]) this.clients.add(id);
      if (op[3] !== undefined) this.received.delete(op[3]);
    } else if (typeof op[1] === 'string') this.clients.add(op[1]);
    if (op[0] === 'is' && op[2].messageId !== undefined)
      this.incoming.set(`${op[1]}\u0000${op[2].messageId}`, [op[1], op[2].messageId]);
    if (op[0] === 'id') this.incoming.delete(`${op[1]}\u0000${op[2]}`);
    if (op[0] === 'ci')
      for (const [key, [id]] of this.incoming) if (id === op[1]) this.incoming.delete(key);
  }
}
