import type { Envelope } from './envelope.js';

/** Purge options in the manner of ArcGIS StreamLayer. */
export interface StoreLimits {
  /** Observations kept per entity (its track); older ones are dropped. Default 100. */
  maxObservations?: number;
  /** Observations older than this many milliseconds (by message time) are purged. Default none. */
  maxAgeMs?: number;
  /** Entities kept per message type; the least recently updated go first (a sixteenth at a time). Default 10,000. */
  maxEntities?: number;
  /** How many of the latest observations `track()` returns by default. Default all kept. */
  displayCount?: number;
  /**
   * Observations kept per entity for particular message types, instead of `maxObservations`
   * (merged over {@link DEFAULT_OBSERVATIONS_BY_TYPE}: `{ 'drone.mission': 100 }` keeps a
   * mission's past versions again).
   */
  observationsByType?: Readonly<Record<string, number>>;
}

/**
 * Descriptions (a station, a camera, a drone's mission) are re-sent as they are, or changed
 * as a whole: their latest version is what the kit reads, and a hundred copies of each would
 * only take memory (a page open for an hour at the demo's rate held 700 missions).
 */
export const DEFAULT_OBSERVATIONS_BY_TYPE: Readonly<Record<string, number>> = Object.freeze({
  'station.meta': 1,
  'camera.meta': 1,
  'drone.mission': 1,
});

/** Called with how many observations a purge dropped. */
export type DropListener = (count: number) => void;

/**
 * A ring of at most `capacity` observations with their times (ms), oldest first. Its room grows
 * by doubling as observations arrive: an entity seen a few times (a case, an incident) holds a
 * few slots, not `capacity`.
 */
class Ring {
  private items: Array<Envelope | undefined> = [];
  private times = new Float64Array(0);
  private start = 0;
  size = 0;

  constructor(readonly capacity: number) {}

  /** Appends; returns 1 when the oldest item had to go, else 0. */
  push(item: Envelope, time: number): number {
    if (this.size === this.times.length && this.size < this.capacity) this.grow();
    const room = this.times.length;
    if (this.size < room) {
      const at = (this.start + this.size++) % room;
      this.items[at] = item;
      this.times[at] = time;
      return 0;
    }
    this.items[this.start] = item;
    this.times[this.start] = time;
    this.start = (this.start + 1) % room;
    return 1;
  }

  /** Doubles the room (up to the capacity), the items moved oldest first to the front. */
  private grow(): void {
    const room = Math.min(this.capacity, Math.max(4, this.times.length * 2));
    const items = new Array<Envelope | undefined>(room);
    const times = new Float64Array(room);
    for (let i = 0; i < this.size; i++) {
      const j = (this.start + i) % this.times.length;
      items[i] = this.items[j];
      times[i] = this.times[j]!;
    }
    this.items = items;
    this.times = times;
    this.start = 0;
  }

  at(i: number): Envelope {
    return this.items[(this.start + i) % this.times.length]!;
  }

  /** Drops items from the front while their time is before `cutoff`; returns how many went. */
  dropBefore(cutoff: number): number {
    let n = 0;
    while (this.size > 0 && this.times[this.start]! < cutoff) {
      this.items[this.start] = undefined;
      this.start = (this.start + 1) % this.times.length;
      this.size--;
      n++;
    }
    return n;
  }

  toArray(last = this.size): Envelope[] {
    const n = Math.min(last, this.size);
    const out = new Array<Envelope>(n);
    for (let i = 0; i < n; i++) out[i] = this.at(this.size - n + i);
    return out;
  }
}

interface Entity {
  latest: Envelope;
  latestTime: number;
  history: Ring;
  /** When it was last updated, on the store's clock (for eviction). */
  touched: number;
}

/**
 * Latest value and bounded history per entity and type. Nothing here grows without bound:
 * tracks are rings, entities per type are capped, and every observation dropped is counted.
 */
export class FeedStore {
  readonly limits: Required<Omit<StoreLimits, 'maxAgeMs' | 'displayCount'>> &
    Pick<StoreLimits, 'maxAgeMs' | 'displayCount'>;
  /** Ring capacity per message type (maxObservations for types not named). */
  private readonly capacityOf = new Map<string, number>();
  private readonly types = new Map<string, Map<string, Entity>>();
  private clock = 0;
  /** Observations dropped by the limits since the store was made. */
  dropped = 0;

  constructor(limits: StoreLimits = {}) {
    const positive = (v: number | undefined, name: string, fallback: number) => {
      if (v === undefined) return fallback;
      if (!Number.isInteger(v) || v < 1)
        throw new RangeError(`${name} must be a positive integer, got ${v}`);
      return v;
    };
    this.limits = {
      maxObservations: positive(limits.maxObservations, 'maxObservations', 100),
      maxEntities: positive(limits.maxEntities, 'maxEntities', 10_000),
      maxAgeMs: limits.maxAgeMs,
      displayCount: limits.displayCount,
      observationsByType: { ...DEFAULT_OBSERVATIONS_BY_TYPE, ...limits.observationsByType },
    };
    for (const [type, n] of Object.entries(this.limits.observationsByType)) {
      this.capacityOf.set(
        type,
        positive(n, `observationsByType['${type}']`, this.limits.maxObservations),
      );
    }
    if (limits.maxAgeMs !== undefined && !(limits.maxAgeMs > 0)) {
      throw new RangeError(`maxAgeMs must be positive, got ${limits.maxAgeMs}`);
    }
  }

  /** Records an observation of entity `key`. Returns how many observations this dropped. */
  apply(envelope: Envelope, key: string, time = Date.parse(envelope.time)): number {
    let entities = this.types.get(envelope.type);
    if (!entities) {
      entities = new Map();
      this.types.set(envelope.type, entities);
    }
    let dropped = 0;
    let entity = entities.get(key);
    if (!entity) {
      if (entities.size >= this.limits.maxEntities) dropped += this.evict(entities);
      entity = {
        latest: envelope,
        latestTime: time,
        history: new Ring(this.capacityOf.get(envelope.type) ?? this.limits.maxObservations),
        touched: 0,
      };
      entities.set(key, entity);
    }
    entity.touched = ++this.clock;
    if (time >= entity.latestTime || entity.history.size === 0) {
      entity.latest = envelope;
      entity.latestTime = time;
    }
    dropped += entity.history.push(envelope, time);
    if (this.limits.maxAgeMs !== undefined) {
      const cutoff = entity.latestTime - this.limits.maxAgeMs;
      dropped += entity.history.dropBefore(cutoff);
    }
    this.dropped += dropped;
    return dropped;
  }

  /**
   * Drops the least recently updated entities: one sixteenth of them at a time (at least one),
   * so that a stream of new entities at the cap costs a sort per sixteenth, not per message.
   * Returns how many observations went with them.
   */
  private evict(entities: Map<string, Entity>): number {
    const count = Math.max(1, Math.floor(entities.size / 16));
    const oldest = [...entities].sort((a, b) => a[1].touched - b[1].touched).slice(0, count);
    let dropped = 0;
    for (const [key, entity] of oldest) {
      entities.delete(key);
      dropped += entity.history.size;
    }
    return dropped;
  }

  /** The latest observation of an entity. */
  latest(type: string, key: string): Envelope | undefined {
    return this.types.get(type)?.get(key)?.latest;
  }

  /** Latest observations of every entity of a type. */
  latestAll(type: string): Envelope[] {
    return [...(this.types.get(type)?.values() ?? [])].map((e) => e.latest);
  }

  /** The kept observations of an entity, oldest first; the last `count` (default displayCount). */
  track(type: string, key: string, count = this.limits.displayCount): Envelope[] {
    return this.types.get(type)?.get(key)?.history.toArray(count) ?? [];
  }

  /** Entity keys of a type. */
  keys(type: string): string[] {
    return [...(this.types.get(type)?.keys() ?? [])];
  }

  /** Number of observations held in all tracks. */
  get size(): number {
    let n = 0;
    for (const entities of this.types.values())
      for (const e of entities.values()) n += e.history.size;
    return n;
  }

  /** Drops everything. */
  clear(): void {
    this.types.clear();
  }
}
