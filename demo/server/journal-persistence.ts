// A durable persistence for the demo's aedes broker: aedes' own in-memory persistence, with
// every change written to an append-only journal before it takes effect. The journal is
// replayed when the broker starts and compacted into a snapshot of the live state, at start and
// whenever it has grown well past its last snapshot.
//
// Writes are synchronous and a QoS 1 PUBLISH is recorded as it is authorised (`received`), before
// aedes acknowledges it, so a SIGKILL of the broker loses nothing it acknowledged: what was not
// routed yet is routed at the next start (`redeliver`). Pass `fsync: true` to survive a power cut
// as well (every change then waits for the disk).
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import {
  Census,
  MemoryPersistence,
  numbered,
  replay,
  encodeOp,
  snapshot,
  type ClientRef,
  type JournalOp,
  type StoredPacket,
  type Subscription,
} from './journal-format.js';

export { decodeJournal, encodeOp, type JournalOp, type StoredPacket } from './journal-format.js';

/** The parts of an aedes broker the journal hooks into. */
interface AedesHooks {
  authenticate(
    client: { id: string; clean: boolean },
    username: unknown,
    password: unknown,
    done: (err: Error | null, ok?: boolean) => void,
  ): void;
  authorizePublish(client: unknown, packet: StoredPacket, done: (err?: Error | null) => void): void;
  publish(packet: StoredPacket, client: null, done: (err?: Error) => void): void;
}

export interface JournalOptions {
  /** The journal file; created when missing. */
  file: string;
  /** fsync after every write (survives power loss, not only a killed process). Default false. */
  fsync?: boolean;
  /** Compact once this many operations were written since the last snapshot. Default 50,000. */
  compactAfter?: number;
  warn?: (message: string) => void;
}

/** aedes' in-memory persistence with a write-ahead journal (see the top of this file). */
export class JournalPersistence extends MemoryPersistence {
  readonly #file: string;
  readonly #fsync: boolean;
  readonly #compactAfter: number;
  readonly #warn: (message: string) => void;
  #fd = -1;
  #written = 0; // bytes in the journal
  #sinceSnapshot = 0; // operations since the last snapshot
  #snapshotSize = 0;
  #census = new Census();
  /** Operations written while a compaction runs; they follow its snapshot. */
  #pending: JournalOp[] | undefined;
  #compacting: Promise<void> | undefined;
  #replaying = false;
  /** Payload → key of a received PUBLISH not yet routed (aedes copies the payload's reference). */
  #routing = new WeakMap<Buffer, string>();
  readonly #instance = Math.random().toString(36).slice(2, 10);
  #sequence = 0;

  constructor(options: JournalOptions) {
    super();
    this.#file = options.file;
    this.#fsync = options.fsync ?? false;
    this.#compactAfter = options.compactAfter ?? 50_000;
    this.#warn = options.warn ?? console.warn;
  }

  /**
   * Replays the journal, compacts it, and, given an aedes broker, hooks its `authorizePublish`
   * to record QoS 1 PUBLISHes, its `authenticate` to renumber a resumed session's queue, and
   * routes the PUBLISHes a crash left unrouted.
   */
  override async setup(broker: unknown): Promise<void> {
    await super.setup(broker);
    const text = existsSync(this.#file) ? readFileSync(this.#file, 'utf8') : '';
    // Replayed operations are already in the journal: #log lets them through unwritten.
    this.#replaying = true;
    try {
      await replay(this, this.#census, text, this.#warn);
    } finally {
      this.#replaying = false;
    }
    this.#install(await snapshot(this, this.#census));
    const aedes = broker as Partial<AedesHooks> | null;
    if (typeof aedes?.authorizePublish === 'function') {
      // aedes sends PUBACK before it routes a QoS 1 PUBLISH: record it while authorising it.
      const authorize = aedes.authorizePublish.bind(aedes);
      aedes.authorizePublish = (client, packet, done) =>
        authorize(client, packet, (err) => {
          if (!err && packet.qos === 1) this.received(packet);
          done(err);
        });
    }
    if (typeof aedes?.authenticate === 'function') {
      // A client resuming its session gets its unacknowledged messages again under new packet
      // ids (see `numbered` in journal-format.ts). authenticate is the first step of a CONNECT,
      // before the connection restores subscriptions or sends anything.
      const authenticate = aedes.authenticate.bind(aedes);
      aedes.authenticate = (client, username, password, done) =>
        authenticate(client, username, password, (err, ok) => {
          if (err || !ok || client.clean !== false) return done(err, ok);
          this.renumber(client.id).then(
            () => done(err, ok),
            // 3: "server unavailable" (the journal could not be written)
            (e: Error) => done(Object.assign(e, { returnCode: 3 }), false),
          );
        });
    }
    if (typeof aedes?.publish === 'function') await this.redeliver(aedes as AedesHooks);
  }

  /**
   * Records a QoS 1 PUBLISH as the broker receives it. aedes sends PUBACK before it routes the
   * message: the record lets a broker killed in between route it when it comes back
   * (`redeliver`). `setup` hooks it into an aedes broker's `authorizePublish`.
   */
  received(packet: StoredPacket): void {
    if (!packet.payload) return;
    const key = `${this.#instance}-${++this.#sequence}`;
    this.#routing.set(packet.payload, key);
    this.#log(['rp', key, packet]);
  }

  /** Routes the PUBLISHes received but not routed before the last crash (`setup` does it). */
  async redeliver(broker: Pick<AedesHooks, 'publish'>): Promise<number> {
    const pending = [...this.#census.received];
    for (const [key, packet] of pending) {
      if (packet.payload) this.#routing.set(packet.payload, key);
      await new Promise<void>((resolve) =>
        broker.publish({ ...packet, messageId: undefined }, null, (err) => {
          if (err) this.#warn(`broker journal: ${packet.topic} not routed again: ${err.message}`);
          resolve();
        }),
      );
    }
    return pending.length;
  }

  /**
   * Forgets the packet ids of a client's queued, unacknowledged QoS 1 PUBLISHes, so that the
   * connection resuming its session numbers them afresh (`setup` hooks it into aedes).
   */
  async renumber(clientId: string): Promise<void> {
    const stale = await numbered(this, clientId);
    if (stale.length === 0) return;
    this.#log(['or', clientId]);
    for (const packet of stale) packet.messageId = undefined;
  }

  /** The key of a received PUBLISH being routed, once. */
  #routed(packet: StoredPacket): string | undefined {
    const key = packet.payload && this.#routing.get(packet.payload);
    if (key) this.#routing.delete(packet.payload!);
    return key;
  }

  /** Resolves when a running compaction has finished (tests and shutdown). */
  async settled(): Promise<void> {
    while (this.#compacting) await this.#compacting;
  }

  /** Replaces the journal by the given operations, atomically (write, fsync, rename). */
  #install(ops: JournalOp[]): void {
    const temp = `${this.#file}.tmp`;
    const fd = openSync(temp, 'w');
    let bytes = 0;
    for (const op of ops) bytes += writeSync(fd, encodeOp(op));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, this.#file);
    if (this.#fd >= 0) closeSync(this.#fd);
    this.#fd = openSync(this.#file, 'a');
    this.#written = bytes;
    this.#snapshotSize = ops.length;
    this.#sinceSnapshot = 0;
  }

  #log(op: JournalOp): void {
    if (this.#replaying) return;
    if (this.#fd < 0) throw new Error('broker journal used before setup');
    this.#written += writeSync(this.#fd, encodeOp(op));
    if (this.#fsync) fsyncSync(this.#fd);
    this.#census.note(op);
    this.#pending?.push(op);
    if (
      ++this.#sinceSnapshot > Math.max(this.#compactAfter, 2 * this.#snapshotSize) &&
      !this.#compacting
    ) {
      this.#compacting = this.#compact().finally(() => (this.#compacting = undefined));
    }
  }

  /**
   * Snapshots the journal written so far in a separate store (so that nothing live waits for
   * it), then installs snapshot + what was written meanwhile.
   */
  async #compact(): Promise<void> {
    const length = this.#written;
    this.#pending = [];
    try {
      // The journal up to the start of the compaction (it only grows by appends); what follows
      // is in #pending.
      const prefix = readFileSync(this.#file).subarray(0, length).toString('utf8');
      const store = new MemoryPersistence();
      await store.setup(null);
      const census = new Census();
      await replay(store, census, prefix, this.#warn);
      const ops = await snapshot(store, census);
      await store.destroy();
      this.#install([...ops, ...this.#pending]);
    } catch (e) {
      this.#warn(`broker journal compaction failed, journal kept as is: ${(e as Error).message}`);
    } finally {
      this.#pending = undefined;
    }
  }

  override async storeRetained(packet: StoredPacket) {
    this.#log(['sr', packet]);
    return super.storeRetained(packet);
  }
  override async addSubscriptions(c: ClientRef, subs: Subscription[]) {
    this.#log(['as', c.id, subs]);
    return super.addSubscriptions(c, subs);
  }
  override async removeSubscriptions(c: ClientRef, topics: string[]) {
    this.#log(['rs', c.id, topics]);
    return super.removeSubscriptions(c, topics);
  }
  override async cleanSubscriptions(c: ClientRef) {
    this.#log(['cs', c.id]);
    return super.cleanSubscriptions(c);
  }
  override async outgoingEnqueue(sub: { clientId: string }, packet: StoredPacket) {
    this.#log(['oe', [sub.clientId], packet]);
    return super.outgoingEnqueue(sub, packet);
  }
  override async outgoingEnqueueCombi(subs: { clientId: string }[], packet: StoredPacket) {
    const key = this.#routed(packet);
    if (subs.length) {
      const op: JournalOp = ['oe', subs.map((s) => s.clientId), packet];
      if (key) op.push(key);
      this.#log(op);
    } else if (key) this.#log(['rd', key]);
    return super.outgoingEnqueueCombi(subs, packet);
  }
  override async outgoingUpdate(c: ClientRef, packet: StoredPacket) {
    this.#log(['ou', c.id, packet]);
    return super.outgoingUpdate(c, packet);
  }
  override async outgoingClearMessageId(c: ClientRef, packet: StoredPacket) {
    if (packet.messageId !== undefined) this.#log(['oc', c.id, packet.messageId]);
    return super.outgoingClearMessageId(c, packet);
  }
  override async incomingStorePacket(c: ClientRef, packet: StoredPacket) {
    this.#log(['is', c.id, packet]);
    return super.incomingStorePacket(c, packet);
  }
  override async incomingDelPacket(c: ClientRef, packet: StoredPacket) {
    if (packet.messageId !== undefined) this.#log(['id', c.id, packet.messageId]);
    return super.incomingDelPacket(c, packet);
  }
  override async cleanIncoming(c: ClientRef) {
    this.#log(['ci', c.id]);
    return super.cleanIncoming(c);
  }
  override async putWill(c: ClientRef, packet: StoredPacket) {
    // The base class stamps brokerId and clientId as it is called; the journal keeps both.
    const done = super.putWill(c, packet);
    this.#log(['pw', c.id, packet]);
    return done;
  }
  override async delWill(c: ClientRef) {
    this.#log(['dw', c.id]);
    return super.delWill(c);
  }
  override async destroy() {
    await this.settled();
    if (this.#fd >= 0) closeSync(this.#fd);
    this.#fd = -1;
    return super.destroy();
  }
}
