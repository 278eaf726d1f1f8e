// Serves feed messages over SSE, WebSocket, polling and MQTT, with a bounded replay log so that
// clients resume where they left off (Last-Event-ID, ?since=). Descriptions of things are kept
// per entity (the latest), and clue updates all (a case's history), for clients that come late.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Envelope } from '../../src/index.js';

/** Message types kept per entity besides `*.meta`: the latest is what a new client is sent first. */
const RETAINED = new Set(['drone.mission', 'incident']);
/**
 * Message types whose every message is kept per entity, not only the latest: a clue's steps are
 * its history, and a page opened late needs all of them to show the case.
 */
const HISTORY = new Set(['clue.update']);

interface Entry {
  seq: number;
  envelope: Envelope;
  text: string;
  /** Kept beyond the replay log (retained, or in a history). */
  kept?: boolean;
}

export interface FeedHubOptions {
  /** Messages kept for replay. Default 20,000. */
  replay?: number;
  /**
   * Called for every message, to publish it on MQTT: `envmap/<type>`, and for descriptions of
   * things (`*.meta`, `drone.mission`, `incident`) `envmap/<type>/<id>` retained, so that late
   * subscribers get them too (histories: see `historyDepth`).
   */
  mqttPublish?: (topic: string, payload: string, retain: boolean) => void;
  /**
   * For types with a history (`clue.update`): messages kept per entity (default 100, what the
   * feed client's store keeps per entity) and entities kept (default 10,000, the least recently
   * updated go first). On MQTT such a history is retained whole on `envmap/<type>/<id>`, as a
   * JSON array of its messages (a batch, which the feed client takes; clients de-duplicate the
   * steps they had), published again when it changes.
   */
  historyDepth?: number;
  historyEntities?: number;
}

const parseTypes = (value: string | null): Set<string> | undefined =>
  value ? new Set(value.split(',').filter(Boolean)) : undefined;

export class FeedHub {
  private readonly log: Entry[] = [];
  private readonly idToSeq = new Map<string, number>();
  private nextSeq = 1;
  private readonly sseClients = new Set<{ res: ServerResponse; types?: Set<string> }>();
  private readonly wsClients = new Set<{ socket: WebSocket; types?: Set<string> }>();
  private readonly replay: number;
  /**
   * The latest `*.meta` (and `drone.mission`, `incident`) entry per entity: what a new client is sent first
   * (like MQTT retained), so that a page opened late still knows the scene and the patrol areas.
   */
  private readonly retained = new Map<string, Entry>();
  /** Every message of an entity of a history type, by `type/id`, the least recently updated first. */
  private readonly histories = new Map<string, Entry[]>();
  private readonly historyDepth: number;
  private readonly historyEntities: number;
  private wss: WebSocketServer | undefined;

  constructor(private readonly options: FeedHubOptions = {}) {
    this.replay = options.replay ?? 20_000;
    this.historyDepth = options.historyDepth ?? 100;
    this.historyEntities = options.historyEntities ?? 10_000;
  }

  /** Sends messages to every connected client and keeps them for replay. */
  publish(envelopes: Envelope[]): void {
    /** Histories changed by these messages, with their MQTT topics. */
    const touched = new Map<string, string>();
    for (const envelope of envelopes) {
      const entry: Entry = { seq: this.nextSeq++, envelope, text: JSON.stringify(envelope) };
      this.log.push(entry);
      this.idToSeq.set(envelope.id, entry.seq);
      if (this.log.length > this.replay) {
        const old = this.log.shift()!;
        if (!old.kept) this.forget(old);
      }
      for (const client of this.sseClients) {
        if (!client.types || client.types.has(envelope.type))
          client.res.write(`id: ${entry.seq}\ndata: ${entry.text}\n\n`);
      }
      for (const client of this.wsClients) {
        if (!client.types || client.types.has(envelope.type)) client.socket.send(entry.text);
      }
      const id = String((envelope.data as { id?: unknown } | null)?.id ?? '');
      const key = `${envelope.type}/${id}`;
      const topic = `envmap/${envelope.type}/${id.replace(/[+#/]/g, '_')}`;
      if (HISTORY.has(envelope.type)) {
        this.keepInHistory(key, entry);
        touched.set(key, topic);
      } else if (RETAINED.has(envelope.type) || envelope.type.endsWith('.meta')) {
        entry.kept = true;
        const old = this.retained.get(key);
        if (old) this.release(old);
        this.retained.set(key, entry);
        this.options.mqttPublish?.(topic, entry.text, true);
      } else {
        this.options.mqttPublish?.(`envmap/${envelope.type}`, entry.text, false);
      }
    }
    // A history goes to MQTT whole, as one batch retained per entity, once per publish.
    for (const [key, topic] of touched) {
      const entries = this.histories.get(key);
      if (entries)
        this.options.mqttPublish?.(topic, `[${entries.map((e) => e.text).join(',')}]`, true);
    }
  }

  /** Adds an entry to its entity's history (the oldest entity and entry go beyond the limits). */
  private keepInHistory(key: string, entry: Entry): void {
    entry.kept = true;
    let entries = this.histories.get(key);
    if (entries)
      this.histories.delete(key); // moved to the end: the most recently updated
    else if (this.histories.size >= this.historyEntities) {
      const [oldestKey, oldest] = this.histories.entries().next().value!;
      this.histories.delete(oldestKey);
      for (const e of oldest) this.release(e);
    }
    this.histories.set(key, (entries ??= []));
    entries.push(entry);
    if (entries.length > this.historyDepth) this.release(entries.shift()!);
  }

  /** An entry no longer retained nor in a history: forgotten unless the log still has it. */
  private release(entry: Entry): void {
    entry.kept = false;
    if (entry.seq < (this.log[0]?.seq ?? this.nextSeq)) this.forget(entry);
  }

  private forget(entry: Entry): void {
    if (this.idToSeq.get(entry.envelope.id) === entry.seq) this.idToSeq.delete(entry.envelope.id);
  }

  /** The retained entries and the histories, in the order they were published. */
  private kept(): Entry[] {
    const out = [...this.retained.values()];
    for (const entries of this.histories.values()) out.push(...entries);
    return out.sort((a, b) => a.seq - b.seq);
  }

  /**
   * Entries after a sequence number or message id (all kept ones when unknown), with the kept
   * ones that left the log since; for a client without a marker, the retained descriptions of
   * the scene and the histories.
   */
  private after(marker: string | null | undefined): Entry[] {
    if (marker === null || marker === undefined || marker === '') return this.kept();
    const seq = /^\d+$/.test(marker) ? Number(marker) : this.idToSeq.get(marker);
    if (seq === undefined) return this.log.slice();
    const first = this.log[0]?.seq ?? this.nextSeq;
    const start = Math.max(0, seq + 1 - first);
    const left = seq + 1 < first ? this.kept().filter((e) => e.seq > seq && e.seq < first) : [];
    return [...left, ...this.log.slice(start)];
  }

  /** `GET /feed/sse`: text/event-stream, resuming from Last-Event-ID. */
  handleSse(req: IncomingMessage, res: ServerResponse, url: URL): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const types = parseTypes(url.searchParams.get('types'));
    const last = req.headers['last-event-id'];
    for (const entry of this.after(typeof last === 'string' ? last : undefined)) {
      if (!types || types.has(entry.envelope.type))
        res.write(`id: ${entry.seq}\ndata: ${entry.text}\n\n`);
    }
    const client = { res, types };
    this.sseClients.add(client);
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(ping);
      this.sseClients.delete(client);
    });
  }

  /**
   * `GET /feed/poll?since=`: a JSON array of the messages after `since` (at most 1000), in the
   * order they were published. It is also the history the feed clients fill gaps from
   * (`replayUrl`): `since` is a message id (or an SSE id, a sequence number), exclusive; one the
   * hub no longer knows is answered from the oldest message it keeps; pages are cut at a fixed
   * length, so a shorter one is the end.
   */
  handlePoll(res: ServerResponse, url: URL): void {
    const types = parseTypes(url.searchParams.get('types'));
    const since = url.searchParams.get('since');
    const recent = this.log.slice(-200);
    const first = recent[0]?.seq ?? Infinity;
    const entries = (
      since === null
        ? [...this.after(null).filter((e) => e.seq < first), ...recent]
        : this.after(since)
    )
      .filter((e) => !types || types.has(e.envelope.type))
      .slice(0, 1000);
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(`[${entries.map((e) => e.text).join(',')}]`);
  }

  /** WebSocket at `path` on an HTTP server: one message per frame, `?since=` to resume. */
  attachWebSocket(server: Server, path = '/feed/ws'): WebSocketServer {
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== path) return;
      wss.handleUpgrade(req, socket, head, (ws) => {
        const types = parseTypes(url.searchParams.get('types'));
        for (const entry of this.after(url.searchParams.get('since'))) {
          if (!types || types.has(entry.envelope.type)) ws.send(entry.text);
        }
        const client = { socket: ws, types };
        this.wsClients.add(client);
        ws.on('close', () => this.wsClients.delete(client));
        ws.on('error', () => this.wsClients.delete(client));
      });
    });
    this.wss = wss;
    return wss;
  }

  /** Disconnects every client. */
  close(): void {
    for (const { res } of this.sseClients) res.end();
    for (const { socket } of this.wsClients) socket.terminate();
    this.sseClients.clear();
    this.wsClients.clear();
    this.wss?.close();
  }

  get size(): number {
    return this.log.length;
  }
}
