// The clue chain: every alarm, hotspot, anomaly and complaint as one case that moves from its
// discovery to the feedback given to whoever reported it, each step with who, when, a note and
// the next deadline. Updates come from a back end (or the feed) and are applied in order; a bad
// one is refused with a reason and changes nothing.

export type ClueStatus =
  'discovered' | 'dispatched' | 'rectifying' | 'verifying' | 'feedback' | 'closed';

export const CLUE_STATUSES: readonly ClueStatus[] = [
  'discovered',
  'dispatched',
  'rectifying',
  'verifying',
  'feedback',
  'closed',
];

/** Where a case stands against its deadline at a time. */
export type ClueState = 'on-time' | 'due-soon' | 'overdue' | 'closed-on-time' | 'closed-late';

/** One step of a case, as applied. */
export interface ClueUpdate {
  /** Unique per update: the same update delivered twice is applied once. */
  updateId: string;
  /** The case. */
  id: string;
  status: ClueStatus;
  /** When the step was taken: ms, or ISO 8601 with a zone. */
  time: number | string;
  by?: string;
  note?: string;
  /** The deadline of what comes next (ms or ISO 8601); it stays until a step changes it. */
  deadline?: number | string;
  /** With `closed`: false closes the case as unfounded (only from discovered or dispatched). */
  founded?: boolean;
  title?: string;
  /** The channel it came by: 12345, 12369, a camera, the radar, online monitoring, ... */
  source?: string;
  /** The department responsible. */
  department?: string;
  zone?: string;
  lon?: number;
  lat?: number;
  /** A link to the evidence (snapshot, scan, chart). */
  evidence?: string;
}

/** A step as kept in a case's history. */
export interface ClueStep {
  updateId: string;
  status: ClueStatus;
  /** ms. */
  time: number;
  by?: string;
  note?: string;
  /** The deadline set by this step, ms. */
  deadline?: number;
}

/** A case: its fields as last given, where it stands, and every step. */
export interface Clue {
  id: string;
  title: string;
  status: ClueStatus;
  source?: string;
  department?: string;
  zone?: string;
  lon?: number;
  lat?: number;
  evidence?: string;
  /** The current deadline, ms (the last one a step set). */
  deadline?: number;
  /** ms of the discovery and of the last step. */
  discoveredAt: number;
  updatedAt: number;
  /** ms of the closure, and whether it was founded. */
  closedAt?: number;
  founded?: boolean;
  /** The deadline that was current when it closed (its on-time judgement). */
  closedDeadline?: number;
  history: ClueStep[];
}

export interface ClueFilter {
  status?: ClueStatus[];
  department?: string;
  source?: string;
  zone?: string;
}

export interface ClueStats {
  total: number;
  open: number;
  dueSoon: number;
  overdue: number;
  closedOnTime: number;
  closedLate: number;
  /** Closed on time / closed (null when none closed). */
  onTimeRate: number | null;
  /** Closed as founded / closed (null when none closed). */
  confirmedRate: number | null;
}

export type ApplyResult = { ok: true } | { ok: false; reason: string };

const NEXT: Record<ClueStatus, readonly ClueStatus[]> = {
  discovered: ['dispatched', 'closed'],
  dispatched: ['rectifying', 'closed'],
  rectifying: ['verifying'],
  verifying: ['feedback', 'rectifying'],
  feedback: ['closed'],
  closed: [],
};

/** The old feed statuses and what they now mean. */
const LEGACY: Readonly<Record<string, ClueStatus>> = {
  assigned: 'dispatched',
  'in-progress': 'rectifying',
};

/** A status as the kit reads it (`assigned` → dispatched, `in-progress` → rectifying), or undefined. */
export function clueStatusOf(value: unknown): ClueStatus | undefined {
  if (typeof value !== 'string') return undefined;
  if ((CLUE_STATUSES as readonly string[]).includes(value)) return value as ClueStatus;
  return LEGACY[value];
}

/** Whether a case in `from` may take the step `to` (the same status again: a note or a new deadline). */
export function canStep(from: ClueStatus, to: ClueStatus): boolean {
  return (from === to && from !== 'closed') || NEXT[from].includes(to);
}

const HOUR = 3_600_000;
const FIELDS = ['title', 'source', 'department', 'zone', 'evidence'] as const;

const toMs = (t: unknown): number =>
  typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : NaN;

const text = (v: unknown, max = 80) => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

/**
 * The cases of a clue chain. `apply` takes one update at a time; an update that is not well
 * formed, repeats an update id, names an unknown case, goes back in time or takes a step the
 * chain does not allow is refused with a reason and changes nothing. Listeners hear of every
 * applied update.
 */
export class ClueBoard {
  /** Hours before a deadline from which a case is due soon, in ms. */
  warnBeforeMs: number;
  private readonly now: () => number;
  private readonly cases = new Map<string, Clue>();
  private readonly applied = new Set<string>();
  private readonly listeners = new Set<(clue: Clue, step: ClueStep) => void>();

  constructor(options: { warnBeforeH?: number; now?: () => number } = {}) {
    const h = options.warnBeforeH ?? 24;
    if (!(h >= 0 && Number.isFinite(h)))
      throw new RangeError(`ClueBoard: warnBeforeH must be a number of hours >= 0, got ${text(h)}`);
    this.warnBeforeMs = h * HOUR;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.cases.size;
  }

  /** Applies one step, or refuses it with the reason (nothing changes then). Never throws. */
  apply(update: ClueUpdate): ApplyResult {
    const refuse = (reason: string): ApplyResult => ({ ok: false, reason });
    if (update === null || typeof update !== 'object') return refuse('an update must be an object');
    const u = update as unknown as Record<string, unknown>;
    if (typeof u.updateId !== 'string' || u.updateId === '')
      return refuse(`updateId must be a non-empty string, got ${text(u.updateId)}`);
    // Built only for a refusal.
    const where = () => `update ${text(u.updateId)}`;
    if (typeof u.id !== 'string' || u.id === '')
      return refuse(`${where()}: id must be a non-empty string, got ${text(u.id)}`);
    if (this.applied.has(u.updateId)) return refuse(`${where()} was applied before`);
    const status = clueStatusOf(u.status);
    if (!status) return refuse(`${where()}: unknown status ${text(u.status)}`);
    const time = toMs(u.time);
    if (!Number.isFinite(time)) return refuse(`${where()}: time is not a time: ${text(u.time)}`);
    let deadline: number | undefined;
    if (u.deadline !== undefined && u.deadline !== null) {
      deadline = toMs(u.deadline);
      if (!Number.isFinite(deadline))
        return refuse(`${where()}: deadline is not a time: ${text(u.deadline)}`);
    }
    for (const f of [...FIELDS, 'by', 'note'] as const)
      if (u[f] !== undefined && typeof u[f] !== 'string')
        return refuse(`${where()}: ${f} must be text, got ${text(u[f])}`);
    const lonLat = [u.lon, u.lat];
    if (lonLat.some((v) => v !== undefined)) {
      const [lon, lat] = lonLat as number[];
      if (
        typeof lon !== 'number' ||
        typeof lat !== 'number' ||
        !(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)
      )
        return refuse(`${where()}: lon/lat must be a position in degrees, got ${text(lonLat)}`);
    }
    if (u.founded !== undefined && typeof u.founded !== 'boolean')
      return refuse(`${where()}: founded must be true or false, got ${text(u.founded)}`);

    const clue = this.cases.get(u.id);
    if (!clue && status !== 'discovered')
      return refuse(`${where()}: unknown case ${text(u.id)} (its discovery has not been applied)`);
    if (clue && status === 'discovered')
      return refuse(`${where()}: case ${text(u.id)} was discovered before`);
    if (clue) {
      if (time < clue.updatedAt)
        return refuse(
          `${where()}: ${new Date(time).toISOString()} is before the case's last step (${new Date(clue.updatedAt).toISOString()})`,
        );
      if (!canStep(clue.status, status))
        return refuse(`${where()}: a case ${clue.status} cannot be ${status}`);
      if (status === 'closed') {
        const early = clue.status === 'discovered' || clue.status === 'dispatched';
        if (early && u.founded !== false)
          return refuse(
            `${where()}: a case ${clue.status} can only be closed as unfounded (founded: false)`,
          );
        if (!early && u.founded === false)
          return refuse(`${where()}: a case is closed as unfounded only before rectification`);
      }
    }

    // Applied from here on.
    const step: ClueStep = { updateId: u.updateId, status, time };
    if (typeof u.by === 'string') step.by = u.by;
    if (typeof u.note === 'string') step.note = u.note;
    if (deadline !== undefined) step.deadline = deadline;
    const c: Clue = clue ?? {
      id: u.id,
      title: '',
      status,
      discoveredAt: time,
      updatedAt: time,
      history: [],
    };
    for (const f of FIELDS) if (typeof u[f] === 'string') c[f] = u[f] as string;
    if (typeof u.lon === 'number') {
      c.lon = u.lon;
      c.lat = u.lat as number;
    }
    if (!c.title) c.title = c.id;
    // The closure is judged against the deadline it had to meet, not one it sets.
    if (status === 'closed') {
      c.closedAt = time;
      c.founded = u.founded !== false;
      c.closedDeadline = c.deadline;
    }
    if (deadline !== undefined) c.deadline = deadline;
    c.status = status;
    c.updatedAt = time;
    c.history.push(step);
    this.cases.set(c.id, c);
    this.applied.add(u.updateId);
    for (const l of this.listeners) l(c, step);
    return { ok: true };
  }

  get(id: string): Clue | undefined {
    return this.cases.get(id);
  }

  /** The cases that pass the filter, in the order they were discovered. */
  list(filter: ClueFilter = {}): Clue[] {
    const statuses = filter.status ? new Set(filter.status) : undefined;
    const out: Clue[] = [];
    for (const c of this.cases.values()) {
      if (statuses && !statuses.has(c.status)) continue;
      if (filter.department !== undefined && c.department !== filter.department) continue;
      if (filter.source !== undefined && c.source !== filter.source) continue;
      if (filter.zone !== undefined && c.zone !== filter.zone) continue;
      out.push(c);
    }
    return out;
  }

  /**
   * Where a case stands at `now` (ms; default the board's clock): due-soon from `warnBeforeH`
   * hours before its current deadline, overdue after it; a closed case by whether it closed by
   * the deadline current then. A case without a deadline is on time. Undefined for an unknown id.
   */
  state(id: string, now: number = this.now()): ClueState | undefined {
    const c = this.cases.get(id);
    return c && this.stateOf(c, now);
  }

  stateOf(c: Clue, now: number = this.now()): ClueState {
    if (c.status === 'closed')
      return c.closedDeadline === undefined || c.closedAt! <= c.closedDeadline
        ? 'closed-on-time'
        : 'closed-late';
    if (c.deadline === undefined || now < c.deadline - this.warnBeforeMs) return 'on-time';
    return now > c.deadline ? 'overdue' : 'due-soon';
  }

  /**
   * Counts by department, source or zone (cases without one under ''), at `now`; with `range`,
   * only the cases discovered in [from, to).
   */
  stats(
    now: number = this.now(),
    by: 'department' | 'source' | 'zone' = 'department',
    range?: { from?: number; to?: number },
  ): Record<string, ClueStats> {
    const from = range?.from ?? -Infinity;
    const to = range?.to ?? Infinity;
    const out = new Map<string, ClueStats & { founded: number }>();
    for (const c of this.cases.values()) {
      if (c.discoveredAt < from || c.discoveredAt >= to) continue;
      const key = c[by] ?? '';
      let s = out.get(key);
      if (!s)
        out.set(
          key,
          (s = {
            total: 0,
            open: 0,
            dueSoon: 0,
            overdue: 0,
            closedOnTime: 0,
            closedLate: 0,
            onTimeRate: null,
            confirmedRate: null,
            founded: 0,
          }),
        );
      s.total++;
      const state = this.stateOf(c, now);
      if (state === 'closed-on-time') s.closedOnTime++;
      else if (state === 'closed-late') s.closedLate++;
      else {
        s.open++;
        if (state === 'due-soon') s.dueSoon++;
        else if (state === 'overdue') s.overdue++;
      }
      if (c.status === 'closed' && c.founded) s.founded++;
    }
    const result: Record<string, ClueStats> = {};
    for (const [key, { founded, ...s }] of out) {
      const closed = s.closedOnTime + s.closedLate;
      s.onTimeRate = closed ? s.closedOnTime / closed : null;
      s.confirmedRate = closed ? founded / closed : null;
      // An own property even for a name such as "__proto__".
      Object.defineProperty(result, key, {
        value: s,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return result;
  }

  /** Hears of every applied step; returns the function that stops. */
  subscribe(listener: (clue: Clue, step: ClueStep) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * The update a feed's `clue.update` carries: the envelope's id is the update id unless the data
 * give one, its time the step's time; `assignee` (old) stands for `department` when that is absent.
 */
export function clueUpdateOf(envelope: {
  id: string;
  time: string;
  data: Record<string, unknown>;
}): ClueUpdate {
  const { updateId, assignee, ...rest } = envelope.data;
  const u = {
    ...rest,
    updateId: typeof updateId === 'string' ? updateId : envelope.id,
    time: envelope.time,
  } as unknown as ClueUpdate;
  if (u.department === undefined && typeof assignee === 'string') u.department = assignee;
  const status = clueStatusOf(u.status);
  if (status) u.status = status;
  return u;
}
