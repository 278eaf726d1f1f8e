// Camera fire alarms and where they stand: new, acknowledged, dispatched, closed. The board keeps
// them newest first, refuses a step backwards, and tells its listeners of every change.

import type { CameraAlarm } from '../feed/messages.js';
import { excerpt } from '../util/errors.js';

export type AlarmState = 'new' | 'acknowledged' | 'dispatched' | 'closed';

export const ALARM_STATES: readonly AlarmState[] = ['new', 'acknowledged', 'dispatched', 'closed'];

/** An alarm as the board holds it: the feed's fields, its time and its state. */
export interface AlarmRecord extends CameraAlarm {
  /** ISO 8601 time the camera raised it (the feed envelope's time). */
  time: string;
  timeMs: number;
  state: AlarmState;
  /** ISO 8601 time of the last state change. */
  changed: string;
}

/** Raised for an unknown alarm or a state change the workflow does not allow. */
export class AlarmError extends Error {
  override name = 'AlarmError';
}

const NEXT: Record<AlarmState, readonly AlarmState[]> = {
  new: ['acknowledged', 'dispatched', 'closed'],
  acknowledged: ['dispatched', 'closed'],
  dispatched: ['closed'],
  closed: [],
};

/** Whether an alarm in state `from` may move to `to`. */
export const canMoveAlarm = (from: AlarmState, to: AlarmState) => NEXT[from].includes(to);

export interface AlarmBoardOptions {
  /** At most this many alarms are kept; the oldest closed ones go first. Default 1000. */
  limit?: number;
}

export type AlarmListener = (alarm: AlarmRecord, previous: AlarmState | undefined) => void;

export class AlarmBoard {
  private readonly alarms = new Map<string, AlarmRecord>();
  private readonly listeners = new Set<AlarmListener>();
  private readonly limit: number;

  constructor(options: AlarmBoardOptions = {}) {
    this.limit = options.limit ?? 1000;
  }

  /**
   * Adds an alarm from the feed (state new). The same id again updates its fields and keeps
   * its state. @throws AlarmError for a time that is not an ISO 8601 date
   */
  add(alarm: CameraAlarm, time: string | Date): AlarmRecord {
    const timeMs = typeof time === 'string' ? Date.parse(time) : time.getTime();
    if (!Number.isFinite(timeMs))
      throw new AlarmError(`alarm ${excerpt(alarm?.id)}: time ${excerpt(time)} is not a date`);
    const iso = new Date(timeMs).toISOString();
    const known = this.alarms.get(alarm.id);
    const record: AlarmRecord = {
      ...alarm,
      time: iso,
      timeMs,
      state: known?.state ?? 'new',
      changed: known?.changed ?? iso,
    };
    this.alarms.set(alarm.id, record);
    this.trim();
    this.emit(record, known?.state);
    return record;
  }

  /** Moves an alarm on. @throws AlarmError for an unknown id or a move the workflow forbids */
  setState(id: string, state: AlarmState, at: Date = new Date()): AlarmRecord {
    const known = this.alarms.get(id);
    if (!known) throw new AlarmError(`no alarm ${excerpt(id)}`);
    if (!ALARM_STATES.includes(state))
      throw new AlarmError(`unknown alarm state ${excerpt(state)}`);
    if (known.state === state) return known;
    if (!canMoveAlarm(known.state, state))
      throw new AlarmError(`alarm ${excerpt(id)} is ${known.state} and cannot become ${state}`);
    const record = { ...known, state, changed: at.toISOString() };
    this.alarms.set(id, record);
    this.emit(record, known.state);
    return record;
  }

  get(id: string): AlarmRecord | undefined {
    return this.alarms.get(id);
  }

  /** Every alarm, newest first (ties by id). */
  list(): AlarmRecord[] {
    return [...this.alarms.values()].sort(
      (a, b) => b.timeMs - a.timeMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  get size(): number {
    return this.alarms.size;
  }

  /** Calls `listener` on every added or changed alarm; returns the unsubscribe function. */
  subscribe(listener: AlarmListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(record: AlarmRecord, previous: AlarmState | undefined): void {
    for (const l of [...this.listeners]) l(record, previous);
  }

  private trim(): void {
    if (this.alarms.size <= this.limit) return;
    const oldest = [...this.alarms.values()].sort(
      (a, b) => Number(b.state === 'closed') - Number(a.state === 'closed') || a.timeMs - b.timeMs,
    );
    for (const a of oldest.slice(0, this.alarms.size - this.limit)) this.alarms.delete(a.id);
  }
}
