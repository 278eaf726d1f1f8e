// The points of every vehicle's track in typed arrays shared by both renderers: one block of
// slots per vehicle in a pool (a ring for live vehicles), positions in the view projection
// relative to an origin (so that 32-bit floats keep centimetres), and per vehicle the window of
// points that is visible now (the last N up to the replay time).

/** What a vehicle is; decides its icon. */
export type VehicleKind = 'drone' | 'boat' | 'vehicle';

/** A point as the layer receives it: lon/lat in WGS84, time in ms since the epoch. */
export interface LayerTrackPoint {
  time: number;
  lon: number;
  lat: number;
  alt?: number;
  /** Offset of this point in the vehicle's video (DJI SRT frames), ms. */
  videoMs?: number;
  /** Degrees clockwise from north; derived from the track when absent. */
  heading?: number;
  /** Metres per second; derived from the track when absent. */
  speedMs?: number;
}

/** What the layer knows about a vehicle besides its points. */
export interface VehicleInfo {
  kind?: VehicleKind;
  name?: string;
  /** CSS colour (`#rrggbb`) of its trail and icon when coloured by vehicle; default from a palette. */
  color?: string;
}

/** Stored for a point without altitude or speed (GPUs need not keep NaN). */
export const NO_ALT = -3e38;
export const NO_SPEED = -1;

/** Slots per row of the pool (and of its GPU texture). */
export const POOL_WIDTH = 2048;
const KIND_CODE: Record<VehicleKind, number> = { drone: 0, boat: 1, vehicle: 2 };

/** Ten distinguishable colours (Tableau 10), used in turn for vehicles without a colour. */
export const VEHICLE_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
] as const;

/** `#rgb` or `#rrggbb` as a 24-bit integer; undefined for anything else. */
export function parseHexColor(color: string | undefined): number | undefined {
  if (!color) return undefined;
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return undefined;
  const h = m[1];
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  return parseInt(full, 16);
}

/** One vehicle's record. Ring positions are 0..cap-1 inside its block starting at `offset`. */
export interface VehicleRecord {
  id: string;
  index: number;
  info: Required<Pick<VehicleInfo, 'kind'>> & VehicleInfo;
  rgb: number;
  offset: number;
  cap: number;
  /** Points stored. */
  count: number;
  /** Ring position of the newest point. */
  head: number;
  /** Whether the block is a ring that drops its oldest point when full (live) or grows (files). */
  ring: boolean;
  /**
   * Points added by `push` so far (never falls): a renderer that keeps earlier frames' pixels
   * draws only the points pushed since it last looked.
   */
  pushes: number;
  /** Visible window: ring position of its last point, and how many points end there. */
  end: number;
  visible: number;
  /** Where the icon is (view projection, absolute) and its heading, degrees from north. */
  x: number;
  y: number;
  heading: number;
  /** Time the icon stands for, ms. */
  time: number;
  /** Latest speed known, m/s (NaN when unknown). */
  speedMs: number;
  /** Altitude where the icon is, metres (interpolated in replay; NaN when unknown). */
  alt: number;
}

/** Converts lon/lat to the view projection, writing into `out`. */
export type Project = (lon: number, lat: number, out: [number, number]) => void;

export interface TrackStoreOptions {
  trailLength: number;
  /** Points a live vehicle keeps for replay (at least trailLength). */
  history: number;
  project: Project;
}

/**
 * The tracks of every vehicle. Changes mark rows of the pool dirty (`dirtyRows`) and the vehicle
 * table (`vehiclesDirty`) so that a GPU renderer uploads only what changed.
 */
export class TrackStore {
  readonly trailLength: number;
  readonly history: number;
  private readonly project: Project;
  /** Origin of the stored coordinates (view projection); set by the first point. */
  originX = NaN;
  originY = NaN;
  rows = 0;
  /** x, y (relative to the origin), altitude (NaN: none), speed (m/s, NaN: unknown) per slot. */
  pool = new Float32Array(0);
  /** Index of the vehicle owning a slot, -1 when free. */
  slotVehicle = new Float32Array(0);
  times = new Float64Array(0);
  videoMs = new Float64Array(0);
  /** Slots in use up to here (the bump allocator's mark). */
  used = 0;
  readonly vehicles: VehicleRecord[] = [];
  private readonly byId = new Map<string, VehicleRecord>();
  private freeBlocks: Array<{ offset: number; cap: number }> = [];
  /** Per pool row: the lowest and highest changed slot column, or -1. */
  dirtyLo = new Int32Array(0);
  dirtyHi = new Int32Array(0);
  dirtyRowList: number[] = [];
  /** Set when the pool was reallocated: everything must be uploaded again. */
  poolResized = true;
  vehiclesDirty = true;
  /** Incremented on any change of what is drawn. */
  revision = 0;
  /**
   * Incremented by the changes that are not points appended to live tracks: a whole track set
   * (`setTrack`), a vehicle removed (indices move), a new replay time or a new trail colour. A
   * renderer that keeps earlier frames' pixels draws again in full when it changes.
   */
  redrawRevision = 0;
  /** Bumped when vehicles come or go or their name, kind or colour change (the legend's cue). */
  infoRevision = 0;
  /** Replay time, or undefined for live (the newest points). */
  time: number | undefined;
  altRange: [number, number] = [Infinity, -Infinity];
  speedMax = 0;
  private readonly tmp: [number, number] = [0, 0];

  constructor(options: TrackStoreOptions) {
    this.trailLength = Math.max(2, Math.floor(options.trailLength));
    this.history = Math.max(this.trailLength, Math.floor(options.history));
    this.project = options.project;
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): VehicleRecord | undefined {
    return this.byId.get(id);
  }

  /** Adds a point to a vehicle's track (creating the vehicle); false when the point was refused. */
  push(id: string, p: LayerTrackPoint, info?: VehicleInfo): boolean {
    if (!validPoint(p)) return false;
    let v = this.byId.get(id);
    if (!v) v = this.addVehicle(id, info, Math.min(this.history, 64), true);
    else if (info) this.setInfo(v, info);
    if (v.count > 0) {
      const last = v.head;
      const lt = this.times[v.offset + last];
      if (lt === p.time && this.sameAs(v.offset + last, p)) return true; // a redelivered fix
    }
    // A vehicle read from a file that then moves live keeps its file's points but becomes a
    // ring: it grows to `history` at most, then drops its oldest points.
    v.ring = true;
    if (v.count === v.cap && v.cap < this.history) this.grow(v, Math.min(this.history, v.cap * 2));
    let pos: number;
    if (v.count < v.cap) {
      pos = (v.head + 1) % v.cap;
      v.count++;
    } else pos = (v.head + 1) % v.cap; // full ring: overwrite the oldest
    v.head = pos;
    v.pushes++;
    this.write(v, pos, p);
    // A late fix: move it back to its place in time.
    let i = v.count - 1;
    while (i > 0) {
      const a = this.ringAt(v, i - 1);
      const b = this.ringAt(v, i);
      if (!(this.times[v.offset + a] > this.times[v.offset + b])) break;
      this.swap(v, a, b);
      i--;
    }
    if (this.pool[(v.offset + this.ringAt(v, i)) * 4 + 3] < 0) this.deriveSpeed(v, i);
    this.afterChange(v);
    return true;
  }

  /** Replaces a vehicle's whole track (points ordered by time; the block holds all of them). */
  setTrack(id: string, points: readonly LayerTrackPoint[], info?: VehicleInfo): number {
    const good = points.filter(validPoint);
    // Files are in time order; a file with every point timed but out of order is sorted.
    if (good.every((p) => Number.isFinite(p.time))) good.sort((a, b) => a.time - b.time);
    let v = this.byId.get(id);
    const cap = Math.max(2, good.length);
    if (v && v.cap < cap) {
      this.release(v);
      this.allocate(v, cap);
    } else if (!v) v = this.addVehicle(id, info, cap, false);
    if (info) this.setInfo(v, info);
    v.ring = false;
    v.count = 0;
    v.head = v.cap - 1;
    for (let k = 0; k < good.length; k++) {
      v.head = k;
      v.count = k + 1;
      this.write(v, k, good[k]);
      if (this.pool[(v.offset + k) * 4 + 3] < 0) this.deriveSpeed(v, k);
    }
    this.afterChange(v);
    this.redrawRevision++;
    return good.length;
  }

  remove(id: string): boolean {
    const v = this.byId.get(id);
    if (!v) return false;
    this.release(v);
    this.byId.delete(id);
    const last = this.vehicles.pop()!;
    if (last !== v) {
      last.index = v.index;
      this.vehicles[v.index] = last;
      this.fillOwner(last);
    }
    this.vehiclesDirty = true;
    this.revision++;
    this.redrawRevision++;
    this.infoRevision++;
    return true;
  }

  clear(): void {
    for (const v of [...this.vehicles]) this.remove(v.id);
    this.freeBlocks = [];
    this.used = 0;
    this.originX = this.originY = NaN;
    this.altRange = [Infinity, -Infinity];
    this.speedMax = 0;
    this.redrawRevision++;
  }

  /** Logical index (0 = oldest stored) to ring position. */
  ringAt(v: VehicleRecord, i: number): number {
    return (v.head - v.count + 1 + i + v.cap * 2) % v.cap;
  }

  /** Points of a vehicle, oldest first (a copy, for lists and picking). */
  points(v: VehicleRecord): Array<LayerTrackPoint & { x: number; y: number }> {
    const out: Array<LayerTrackPoint & { x: number; y: number }> = [];
    for (let i = 0; i < v.count; i++) out.push(this.pointAt(v, this.ringAt(v, i)));
    return out;
  }

  /** The stored point at a ring position (lon/lat are not kept: x/y in the view projection). */
  pointAt(v: VehicleRecord, ring: number): LayerTrackPoint & { x: number; y: number } {
    const s = v.offset + ring;
    const alt = this.pool[s * 4 + 2];
    const speed = this.pool[s * 4 + 3];
    const video = this.videoMs[s];
    return {
      time: this.times[s],
      lon: NaN,
      lat: NaN,
      x: this.pool[s * 4] + this.originX,
      y: this.pool[s * 4 + 1] + this.originY,
      alt: alt === NO_ALT ? undefined : alt,
      speedMs: speed < 0 ? undefined : speed,
      videoMs: Number.isNaN(video) ? undefined : video,
    };
  }

  /** Shows every track as it was at `time` (ms), or live with undefined. */
  setTime(time: number | undefined): void {
    this.time = time === undefined || Number.isNaN(time) ? undefined : time;
    for (const v of this.vehicles) this.updateWindow(v);
    this.vehiclesDirty = true;
    this.revision++;
    this.redrawRevision++;
  }

  private sameAs(slot: number, p: LayerTrackPoint): boolean {
    this.project(p.lon, p.lat, this.tmp);
    return (
      Math.abs(this.pool[slot * 4] + this.originX - this.tmp[0]) < 1e-3 &&
      Math.abs(this.pool[slot * 4 + 1] + this.originY - this.tmp[1]) < 1e-3
    );
  }

  private setInfo(v: VehicleRecord, info: VehicleInfo): void {
    const rgb = info.color !== undefined ? (parseHexColor(info.color) ?? v.rgb) : v.rgb;
    const same =
      (!info.kind || info.kind === v.info.kind) &&
      (info.name === undefined || info.name === v.info.name) &&
      rgb === v.rgb;
    if (same) return; // the same info with every message: nothing to redo
    if (info.kind) v.info.kind = info.kind;
    if (info.name !== undefined) v.info.name = info.name;
    if (info.color !== undefined) v.info.color = info.color;
    if (rgb !== v.rgb) this.redrawRevision++;
    v.rgb = rgb;
    this.vehiclesDirty = true;
    this.infoRevision++;
  }

  private addVehicle(
    id: string,
    info: VehicleInfo | undefined,
    cap: number,
    ring: boolean,
  ): VehicleRecord {
    const index = this.vehicles.length;
    const v: VehicleRecord = {
      id,
      index,
      info: { kind: info?.kind ?? 'drone', name: info?.name, color: info?.color },
      rgb:
        parseHexColor(info?.color) ??
        parseHexColor(VEHICLE_PALETTE[hashString(id) % VEHICLE_PALETTE.length])!,
      offset: 0,
      cap: 0,
      count: 0,
      head: -1,
      ring,
      pushes: 0,
      end: 0,
      visible: 0,
      x: NaN,
      y: NaN,
      heading: NaN,
      time: NaN,
      speedMs: NaN,
      alt: NaN,
    };
    this.vehicles.push(v);
    this.byId.set(id, v);
    this.allocate(v, cap);
    this.infoRevision++;
    return v;
  }

  private write(v: VehicleRecord, ring: number, p: LayerTrackPoint): void {
    this.project(p.lon, p.lat, this.tmp);
    if (Number.isNaN(this.originX)) {
      this.originX = Math.round(this.tmp[0]);
      this.originY = Math.round(this.tmp[1]);
    }
    const s = v.offset + ring;
    this.pool[s * 4] = this.tmp[0] - this.originX;
    this.pool[s * 4 + 1] = this.tmp[1] - this.originY;
    const alt = p.alt !== undefined && Number.isFinite(p.alt) ? p.alt : NO_ALT;
    this.pool[s * 4 + 2] = alt;
    const speed =
      p.speedMs !== undefined && Number.isFinite(p.speedMs) && p.speedMs >= 0
        ? p.speedMs
        : NO_SPEED;
    this.pool[s * 4 + 3] = speed;
    this.times[s] = p.time;
    this.videoMs[s] = p.videoMs !== undefined && Number.isFinite(p.videoMs) ? p.videoMs : NaN;
    if (alt !== NO_ALT) {
      if (alt < this.altRange[0]) this.altRange[0] = alt;
      if (alt > this.altRange[1]) this.altRange[1] = alt;
    }
    if (speed > this.speedMax) this.speedMax = speed;
    if (p.heading !== undefined && Number.isFinite(p.heading)) v.heading = p.heading;
    this.markDirty(s);
  }

  /** Speed at logical index i from the distance and time to the point before it. */
  private deriveSpeed(v: VehicleRecord, i: number): void {
    if (i < 1) return;
    const a = v.offset + this.ringAt(v, i - 1);
    const b = v.offset + this.ringAt(v, i);
    const dt = (this.times[b] - this.times[a]) / 1000;
    if (!(dt > 0)) return;
    const dx = this.pool[b * 4] - this.pool[a * 4];
    const dy = this.pool[b * 4 + 1] - this.pool[a * 4 + 1];
    // Web Mercator stretches distances by 1/cos(lat); y here is the Mercator northing.
    const lat = Math.atan(Math.sinh((this.pool[b * 4 + 1] + this.originY) / 6378137));
    const speed = (Math.hypot(dx, dy) * Math.cos(lat)) / dt;
    this.pool[b * 4 + 3] = speed;
    if (speed > this.speedMax) this.speedMax = speed;
    this.markDirty(b);
  }

  private swap(v: VehicleRecord, a: number, b: number): void {
    const sa = v.offset + a;
    const sb = v.offset + b;
    for (let k = 0; k < 4; k++) {
      const t = this.pool[sa * 4 + k];
      this.pool[sa * 4 + k] = this.pool[sb * 4 + k];
      this.pool[sb * 4 + k] = t;
    }
    let t = this.times[sa];
    this.times[sa] = this.times[sb];
    this.times[sb] = t;
    t = this.videoMs[sa];
    this.videoMs[sa] = this.videoMs[sb];
    this.videoMs[sb] = t;
    this.markDirty(sa);
    this.markDirty(sb);
  }

  private afterChange(v: VehicleRecord): void {
    this.updateWindow(v);
    this.vehiclesDirty = true;
    this.revision++;
  }

  /** The visible window and the icon's place for the current time. */
  updateWindow(v: VehicleRecord): void {
    if (v.count === 0) {
      v.visible = 0;
      return;
    }
    let k = v.count; // points at or before the time
    if (this.time !== undefined) {
      let lo = 0;
      let hi = v.count;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.times[v.offset + this.ringAt(v, mid)] <= this.time) lo = mid + 1;
        else hi = mid;
      }
      k = lo;
      // Points without a time cannot be placed on the slider: show them whole.
      if (k === 0 && Number.isNaN(this.times[v.offset + this.ringAt(v, 0)])) k = v.count;
    }
    if (k === 0) {
      v.visible = 0;
      return;
    }
    const endRing = this.ringAt(v, k - 1);
    v.end = endRing;
    v.visible = Math.min(k, this.trailLength);
    const s = v.offset + endRing;
    let x = this.pool[s * 4];
    let y = this.pool[s * 4 + 1];
    v.time = this.times[s];
    v.speedMs = this.pool[s * 4 + 3] < 0 ? NaN : this.pool[s * 4 + 3];
    const alt0 = this.pool[s * 4 + 2];
    v.alt = alt0 < -1e37 ? NaN : alt0; // NO_ALT, as stored in float32
    let heading = NaN;
    if (k < v.count && this.time !== undefined) {
      const n = v.offset + this.ringAt(v, k);
      const t0 = this.times[s];
      const t1 = this.times[n];
      if (t1 > t0 && this.time > t0) {
        const f = Math.min(1, (this.time - t0) / (t1 - t0));
        x += (this.pool[n * 4] - x) * f;
        y += (this.pool[n * 4 + 1] - y) * f;
        const alt1 = this.pool[n * 4 + 2];
        if (!Number.isNaN(v.alt) && alt1 > -1e37) v.alt += (alt1 - v.alt) * f;
        v.time = this.time;
      }
      heading = headingOf(
        this.pool[n * 4] - this.pool[s * 4],
        this.pool[n * 4 + 1] - this.pool[s * 4 + 1],
      );
    }
    if (Number.isNaN(heading)) {
      // From the last point that moved before the end.
      for (let j = k - 2; j >= 0 && j >= k - 8; j--) {
        const q = v.offset + this.ringAt(v, j);
        const dx = this.pool[s * 4] - this.pool[q * 4];
        const dy = this.pool[s * 4 + 1] - this.pool[q * 4 + 1];
        if (dx !== 0 || dy !== 0) {
          heading = headingOf(dx, dy);
          break;
        }
      }
    }
    if (this.time === undefined && k === v.count && !Number.isNaN(v.heading) && v.ring) {
      // Live: a heading the vehicle reported wins over the one from its track.
    } else if (!Number.isNaN(heading)) v.heading = heading;
    v.x = x + this.originX;
    v.y = y + this.originY;
  }

  private markDirty(slot: number): void {
    const row = (slot / POOL_WIDTH) | 0;
    const col = slot - row * POOL_WIDTH;
    if (this.dirtyLo[row] < 0) {
      this.dirtyLo[row] = col;
      this.dirtyHi[row] = col;
      this.dirtyRowList.push(row);
    } else {
      if (col < this.dirtyLo[row]) this.dirtyLo[row] = col;
      if (col > this.dirtyHi[row]) this.dirtyHi[row] = col;
    }
  }

  /** Takes the list of dirty rows (each with its column span) and clears it. */
  takeDirty(visit: (row: number, lo: number, hi: number) => void): void {
    for (const row of this.dirtyRowList) {
      visit(row, this.dirtyLo[row], this.dirtyHi[row]);
      this.dirtyLo[row] = -1;
    }
    this.dirtyRowList.length = 0;
  }

  private allocate(v: VehicleRecord, cap: number): void {
    let best = -1;
    for (let i = 0; i < this.freeBlocks.length; i++) {
      const b = this.freeBlocks[i];
      if (b.cap >= cap && (best < 0 || b.cap < this.freeBlocks[best].cap)) best = i;
    }
    if (best >= 0) {
      const b = this.freeBlocks[best];
      v.offset = b.offset;
      v.cap = cap;
      if (b.cap > cap) this.freeBlocks[best] = { offset: b.offset + cap, cap: b.cap - cap };
      else this.freeBlocks.splice(best, 1);
    } else {
      if (this.used + cap > this.rows * POOL_WIDTH) this.resize(this.used + cap);
      v.offset = this.used;
      v.cap = cap;
      this.used += cap;
    }
    this.fillOwner(v);
  }

  private fillOwner(v: VehicleRecord): void {
    this.slotVehicle.fill(v.index, v.offset, v.offset + v.cap);
    this.markRange(v.offset, v.cap);
  }

  private release(v: VehicleRecord): void {
    this.slotVehicle.fill(-1, v.offset, v.offset + v.cap);
    this.markRange(v.offset, v.cap);
    this.freeBlocks.push({ offset: v.offset, cap: v.cap });
    this.coalesce();
    v.cap = 0;
    v.count = 0;
  }

  /** Merges neighbouring free blocks and gives a free tail back to the unused end. */
  private coalesce(): void {
    const blocks = this.freeBlocks.sort((a, b) => a.offset - b.offset);
    const merged: Array<{ offset: number; cap: number }> = [];
    for (const b of blocks) {
      const last = merged[merged.length - 1];
      if (last && last.offset + last.cap === b.offset) last.cap += b.cap;
      else merged.push({ ...b });
    }
    const tail = merged[merged.length - 1];
    if (tail && tail.offset + tail.cap === this.used) {
      this.used = tail.offset;
      merged.pop();
    }
    this.freeBlocks = merged;
  }

  private markRange(offset: number, n: number): void {
    let s = offset;
    const end = offset + n;
    while (s < end) {
      const rowEnd = s - (s % POOL_WIDTH) + POOL_WIDTH;
      this.markDirty(s);
      this.markDirty(Math.min(end, rowEnd) - 1);
      s = rowEnd;
    }
  }

  /** Moves a vehicle to a bigger block, its points in order from ring position 0. */
  private grow(v: VehicleRecord, cap: number): void {
    const slots: number[] = [];
    for (let i = 0; i < v.count; i++) slots.push(v.offset + this.ringAt(v, i));
    const pool = slots.map((s) => Array.from(this.pool.subarray(s * 4, s * 4 + 4)));
    const times = slots.map((s) => this.times[s]);
    const video = slots.map((s) => this.videoMs[s]);
    const count = v.count;
    this.release(v);
    this.allocate(v, Math.max(cap, count + 1));
    for (let i = 0; i < count; i++) {
      const s = v.offset + i;
      this.pool.set(pool[i], s * 4);
      this.times[s] = times[i];
      this.videoMs[s] = video[i];
      this.markDirty(s);
    }
    v.count = count;
    v.head = count - 1;
  }

  private resize(need: number): void {
    const rows = Math.max(Math.ceil((need * 1.5) / POOL_WIDTH), 1);
    const n = rows * POOL_WIDTH;
    const pool = new Float32Array(n * 4);
    pool.set(this.pool);
    const owner = new Float32Array(n).fill(-1);
    owner.set(this.slotVehicle);
    const times = new Float64Array(n);
    times.set(this.times);
    const video = new Float64Array(n).fill(NaN);
    video.set(this.videoMs);
    this.pool = pool;
    this.slotVehicle = owner;
    this.times = times;
    this.videoMs = video;
    this.dirtyLo = new Int32Array(rows).fill(-1);
    this.dirtyHi = new Int32Array(rows).fill(-1);
    this.dirtyRowList = [];
    this.rows = rows;
    this.poolResized = true;
  }
}

function validPoint(p: LayerTrackPoint): boolean {
  return (
    !!p &&
    Number.isFinite(p.lon) &&
    Number.isFinite(p.lat) &&
    Math.abs(p.lat) <= 90 &&
    Math.abs(p.lon) <= 180 &&
    typeof p.time === 'number'
  );
}

/** Compass heading of a move (dx east, dy north), degrees; NaN when it did not move. */
export function headingOf(dx: number, dy: number): number {
  if (dx === 0 && dy === 0) return NaN;
  return ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
}

/** A small stable hash (FNV-1a) for picking palette colours by id. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export { KIND_CODE };
