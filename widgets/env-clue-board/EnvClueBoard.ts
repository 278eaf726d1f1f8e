import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  CLUE_STATUSES,
  ClueBoard,
  canStep,
  clueUpdateOf,
  formatBeijing,
  type ApplyResult,
  type MessageKey,
  type Clue,
  type ClueState,
  type ClueStatus,
  type ClueUpdate,
} from '../../src/index.js';
import { panelStyles } from '../../styles/index.js';
import { EnvWidgetElement } from '../base/EnvWidgetElement.js';
import { Collapsible } from '../base/collapsible.js';
import type { MapHandle } from '../base/context.js';
import type { EnvClueStepDetail } from '../base/events.js';
import { followMapFeed, storedMessages } from '../base/feed-follow.js';
import { safeUrl } from '../base/fetch-text.js';
import { styleProps } from '../base/style-props.js';
import { DispatchCases } from './dispatches.js';
import { boardStyles } from './styles.js';

const ROW = 52;
const OVERSCAN = 6;
const COLUMN_CARDS = 30;
const STATES: readonly ClueState[] = [
  'overdue',
  'due-soon',
  'on-time',
  'closed-late',
  'closed-on-time',
];
const URGENCY: Record<ClueState, number> = {
  overdue: 0,
  'due-soon': 1,
  'on-time': 2,
  'closed-late': 3,
  'closed-on-time': 3,
};

/** A step a button takes: to a status, and for closures whether founded. */
interface StepChoice {
  to: ClueStatus;
  founded?: boolean;
  label: string;
}

/**
 * The clue chain's cases (see `ClueBoard`), from the map's feed (`clue.update`), `apply()`, and
 * the page's dispatches (radar hotspots pushed, camera alarms dispatched, power anomalies and
 * traced sources sent out: each opens a case unless `no-dispatch`). A list (virtualised: tens of
 * thousands of cases) or columns by step, filtered by department, source, zone and state, the
 * most urgent first: due soon in amber, overdue in red with how late. A case's history shows as a
 * timeline, and its next steps as buttons that fire a cancelable `env-clue-step`: the portal
 * posts the update to its back end, and the board applies what comes back on the feed (or at
 * once with `apply-steps`). The list is one keyboard stop (arrows, Page Up/Down, Home, End,
 * Enter); new cases, steps and cases turning overdue are announced.
 *
 * @tag env-clue-board
 * @summary Cases from discovery to feedback, with deadlines and overdue warnings.
 *
 * @fires {CustomEvent<EnvClueStepDetail>} env-clue-step - A step was asked for (cancelable).
 * @fires {CustomEvent<EnvClueSelectDetail>} env-clue-select - A case was chosen.
 * @csspart panel - The panel.
 * @csspart list - The scrolling list of cases.
 * @cssprop --env-clue-list-height - Height of the list. Default 320px.
 */
export class EnvClueBoard extends Collapsible(EnvWidgetElement) {
  static override styles = [EnvWidgetElement.tokenStyles, panelStyles, boardStyles];

  /** Hours before a deadline from which a case is due soon. Default 24. */
  @property({ type: Number, attribute: 'warn-before-h' }) warnBeforeH = 24;
  /** Time the states are judged at (ISO 8601); default now, moving. */
  @property() time: string | null = null;
  /** `list` (default) or `columns` (by step). */
  @property({ reflect: true }) view: 'list' | 'columns' = 'list';
  /** Filters: a department, a source, a zone, a state ('' or absent: all). */
  @property() department = '';
  @property() source = '';
  @property() zone = '';
  @property() state: ClueState | '' = '';
  /** Show closed cases in the list. */
  @property({ type: Boolean, attribute: 'show-closed' }) showClosed = false;
  /** Apply a step at once when no listener cancels its `env-clue-step` (no back end). */
  @property({ type: Boolean, attribute: 'apply-steps' }) applySteps = false;
  /** Do not open cases from the page's dispatches. */
  @property({ type: Boolean, attribute: 'no-dispatch' }) noDispatch = false;
  /** Id of the `<env-zones>` that names the zone of a dispatched case; default the first in the map. */
  @property() zones: string | null = null;
  @property({ type: Boolean, attribute: 'no-feed' }) noFeed = false;
  override collapsePriority = 60;

  /** The cases. */
  readonly board = new ClueBoard();
  /** Updates refused, with their reasons (the latest 100). */
  readonly refused: Array<{ update: unknown; reason: string }> = [];

  @state() protected revision = 0;
  @state() private selectedId: string | null = null;
  @state() private active = 0;
  @state() private first = 0;
  @state() private announcement = '';
  private readonly listeners = new Set<() => void>();
  private stopFeed: (() => void) | undefined;
  private notifyQueued = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private overdueBefore = 0;
  private sorted: { revision: number; key: string; cases: Clue[] } | undefined;
  private readonly dispatches = new DispatchCases(this);

  constructor() {
    super();
    this.board.subscribe((clue, step) => {
      const t = this.locale.t;
      this.announcement =
        step.status === 'discovered'
          ? t('clue.announce.new', { title: clue.title })
          : t('clue.announce.step', { title: clue.title, status: t(`clue.status.${step.status}`) });
      this.changed();
    });
  }

  /** The time the states are for, ms. */
  now(): number {
    const t = this.time ? Date.parse(this.time) : NaN;
    return Number.isFinite(t) ? t : Date.now();
  }

  /** The case shown in detail, or null. */
  get selected(): Clue | null {
    return (this.selectedId && this.board.get(this.selectedId)) || null;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies an update (as the feed would); a refusal is kept in `refused` and on the console. */
  apply(update: ClueUpdate): ApplyResult {
    const result = this.board.apply(update);
    if (!result.ok) {
      this.refused.push({ update, reason: result.reason });
      if (this.refused.length > 100) this.refused.shift();
      console.warn(`<${this.localName}> clue update refused: ${result.reason}`);
    }
    return result;
  }

  /** Shows a case in detail (null: none) and fires `env-clue-select`. */
  select(id: string | null): boolean {
    const clue = id === null ? null : this.board.get(id);
    if (id !== null && !clue) return false;
    this.selectedId = id;
    if (clue)
      this.emit('env-clue-select', {
        id: clue.id,
        lon: clue.lon ?? NaN,
        lat: clue.lat ?? NaN,
        state: this.board.stateOf(clue, this.now()),
      });
    return true;
  }

  /** The cases as listed: filtered, the most urgent first (overdue by lateness, then due soon). */
  cases(): Clue[] {
    const key = [this.department, this.source, this.zone, this.state, this.showClosed].join(
      '\u0001',
    );
    const now = this.now();
    // Sorted once per change of the cases or the filters; states move with the clock, so a
    // cached order is kept for at most a minute.
    const minute = Math.floor(now / 60_000);
    const cacheKey = `${key}\u0001${minute}`;
    if (this.sorted?.revision === this.revision && this.sorted.key === cacheKey)
      return this.sorted.cases;
    const wanted = this.state || undefined;
    const rows: Array<{ c: Clue; u: number; d: number }> = [];
    for (const c of this.board.list({
      department: this.department || undefined,
      source: this.source || undefined,
      zone: this.zone || undefined,
    })) {
      const s = this.board.stateOf(c, now);
      if (wanted ? s !== wanted : !this.showClosed && c.status === 'closed') continue;
      const d = c.status === 'closed' ? -(c.closedAt ?? 0) : (c.deadline ?? Infinity);
      rows.push({ c, u: URGENCY[s], d });
    }
    rows.sort((a, b) => a.u - b.u || a.d - b.d);
    const cases = rows.map((r) => r.c);
    this.sorted = { revision: this.revision, key: cacheKey, cases };
    return cases;
  }

  protected override mapChanged(handle: MapHandle | undefined): void {
    this.stopFeed?.();
    this.stopFeed = undefined;
    this.dispatches.stop();
    if (!handle) return;
    this.stopFeed = followMapFeed(handle, ['clue.update'], () => !this.noFeed, {
      replay: (feed) => {
        const stored = [...storedMessages(feed, 'clue.update')].sort((a, b) =>
          a.time < b.time ? -1 : a.time > b.time ? 1 : 0,
        );
        for (const m of stored) this.apply(clueUpdateOf(m as never));
      },
      message: (m) => this.apply(clueUpdateOf(m as never)),
    });
    this.dispatches.start(handle);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => this.tick(), 30_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    this.stopFeed?.();
    this.stopFeed = undefined;
    this.dispatches.stop();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('warnBeforeH')) {
      this.board.warnBeforeMs = Math.max(0, this.warnBeforeH || 0) * 3_600_000;
      this.sorted = undefined;
    }
    if (['department', 'source', 'zone', 'state', 'showClosed'].some((k) => changed.has(k))) {
      this.active = 0;
      this.first = 0;
      const list = this.renderRoot?.querySelector?.('.list');
      if (list) list.scrollTop = 0;
    }
  }

  /** The clock moved: states may have changed; announce cases that became overdue. */
  private tick(): void {
    if (this.time) return;
    this.revision++;
    const overdue = this.board.stats(this.now(), 'department');
    let n = 0;
    for (const s of Object.values(overdue)) n += s.overdue;
    if (n > this.overdueBefore)
      this.announcement = this.locale.t('clue.announce.overdue', { n: n - this.overdueBefore });
    this.overdueBefore = n;
  }

  private changed(): void {
    if (this.notifyQueued) return;
    this.notifyQueued = true;
    queueMicrotask(() => {
      this.notifyQueued = false;
      this.revision++;
      for (const l of this.listeners) l();
    });
  }

  /** The steps a case can take next, as buttons. */
  private choices(c: Clue): StepChoice[] {
    const t = this.locale.t;
    const out: StepChoice[] = [];
    for (const to of CLUE_STATUSES) {
      if (to === c.status || !canStep(c.status, to) || to === 'discovered') continue;
      if (to === 'closed' && (c.status === 'discovered' || c.status === 'dispatched'))
        out.push({ to, founded: false, label: t('clue.step.unfounded') });
      else out.push({ to, label: t(`clue.step.${c.status}-${to}` as MessageKey) });
    }
    return out;
  }

  private step(c: Clue, choice: StepChoice): void {
    const time = Math.max(this.now(), c.updatedAt);
    const update: ClueUpdate = {
      updateId: `${c.id}#${choice.to}#${time}#${c.history.length}`,
      id: c.id,
      status: choice.to,
      time: new Date(time).toISOString(),
    };
    if (choice.founded === false) update.founded = false;
    const detail: EnvClueStepDetail = { id: c.id, from: c.status, to: choice.to, update };
    const event = this.emit('env-clue-step', detail, { cancelable: true });
    if (!event.defaultPrevented && this.applySteps) this.apply(update);
  }

  /** "overdue by 5 h", "due in 3 h": how a case stands against its deadline. */
  private lateness(c: Clue, s: ClueState): string {
    const t = this.locale.t;
    if (c.deadline === undefined || s === 'closed-on-time' || s === 'closed-late')
      return t(`clue.state.${s}`);
    const h = (c.deadline - this.now()) / 3_600_000;
    const amount = (x: number) =>
      x >= 48
        ? t('clue.days', { n: Math.round(x / 24) })
        : t('clue.hours', { n: Math.max(1, Math.round(x)) });
    return s === 'overdue'
      ? t('clue.overdueBy', { t: amount(-h) })
      : t('clue.dueIn', { t: amount(h) });
  }

  private onListKey(e: KeyboardEvent, count: number): void {
    const page = Math.max(1, Math.floor(this.listHeight() / ROW) - 1);
    const moves: Record<string, number> = {
      ArrowDown: this.active + 1,
      ArrowUp: this.active - 1,
      PageDown: this.active + page,
      PageUp: this.active - page,
      Home: 0,
      End: count - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      this.active = Math.max(0, Math.min(count - 1, moves[e.key]!));
      const list = e.currentTarget as HTMLElement;
      const top = this.active * ROW;
      if (top < list.scrollTop) list.scrollTop = top;
      else if (top + ROW > list.scrollTop + list.clientHeight)
        list.scrollTop = top + ROW - list.clientHeight;
      this.first = Math.floor(list.scrollTop / ROW);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const c = this.cases()[this.active];
      if (c) this.select(c.id);
    }
  }

  private listHeight(): number {
    return (this.renderRoot.querySelector('.list') as HTMLElement | null)?.clientHeight ?? 320;
  }

  private readonly onScroll = (e: Event) => {
    const first = Math.floor((e.target as HTMLElement).scrollTop / ROW);
    if (first !== this.first) this.first = first;
  };

  protected override render() {
    void this.revision;
    const t = this.locale.t;
    const cases = this.cases();
    const now = this.now();
    return html`<section class="panel" part="panel" aria-labelledby="clue-title">
      <div class="head">
        <h2 id="clue-title">
          ${this.collapseToggle(`${t('clue.title')} · ${t('clue.count', { n: cases.length })}`)}
        </h2>
        <div class="views" role="group" aria-label=${t('clue.view')}>
          ${(['list', 'columns'] as const).map(
            (v) =>
              html`<button
                type="button"
                aria-pressed=${this.view === v ? 'true' : 'false'}
                @click=${() => (this.view = v)}
              >
                ${t(`clue.view.${v}`)}
              </button>`,
          )}
        </div>
      </div>
      ${this.filters()}
      ${this.view === 'columns' ? this.columns(cases, now) : this.list(cases, now)}
      ${this.detail(now)}
      <p class="sr" role="status" aria-live="polite">${this.announcement}</p>
    </section>`;
  }

  private filters() {
    const t = this.locale.t;
    const all = this.board.list();
    const values = (f: 'department' | 'source' | 'zone') =>
      [...new Set(all.map((c) => c[f]).filter((v): v is string => !!v))].sort();
    const select = (
      name: 'department' | 'source' | 'zone' | 'state',
      options: readonly string[],
      label: (v: string) => string,
    ) =>
      html`<label
        >${t(`clue.filter.${name}`)}
        <select
          @change=${(e: Event) => {
            (this as unknown as Record<string, string>)[name] = (
              e.target as HTMLSelectElement
            ).value;
          }}
        >
          <option value="" ?selected=${!this[name]}>${t('clue.filter.all')}</option>
          ${options.map(
            (v) => html`<option value=${v} ?selected=${this[name] === v}>${label(v)}</option>`,
          )}
        </select></label
      >`;
    return html`<div class="filters">
      ${select('department', values('department'), (v) => v)}
      ${select('source', values('source'), (v) => this.sourceName(v))}
      ${select('zone', values('zone'), (v) => v)}
      ${select('state', STATES, (v) => t(`clue.state.${v as ClueState}`))}
    </div>`;
  }

  private sourceName(v: string): string {
    const key = `clue.source.${v}` as MessageKey;
    const name = this.locale.t(key);
    return name === key ? v : name;
  }

  private list(cases: Clue[], now: number) {
    const t = this.locale.t;
    if (cases.length === 0) return html`<p class="empty">${t('clue.empty')}</p>`;
    const visible = Math.ceil(this.listHeight() / ROW) + 2 * OVERSCAN;
    const from = Math.max(0, Math.min(this.first - OVERSCAN, cases.length - visible));
    const to = Math.min(cases.length, from + visible);
    const active = Math.min(this.active, cases.length - 1);
    return html`<div
      class="list"
      part="list"
      role="listbox"
      tabindex="0"
      aria-label=${t('clue.title')}
      aria-activedescendant=${`clue-row-${active}`}
      @scroll=${this.onScroll}
      @keydown=${(e: KeyboardEvent) => this.onListKey(e, cases.length)}
    >
      <div class="rows" ${styleProps({ height: `${cases.length * ROW}px` })}>
        ${cases.slice(from, to).map((c, i) => {
          const n = from + i;
          const s = this.board.stateOf(c, now);
          return html`<div
            id=${`clue-row-${n}`}
            class="row ${s} ${n === active ? 'active' : ''}"
            role="option"
            aria-selected=${c.id === this.selectedId ? 'true' : 'false'}
            aria-setsize=${cases.length}
            aria-posinset=${n + 1}
            data-id=${c.id}
            ${styleProps({ top: `${n * ROW}px` })}
            @click=${() => {
              this.active = n;
              this.select(c.id);
            }}
          >
            <span class="title">${c.title}</span>
            <span class="meta"
              >${t(`clue.status.${c.status}`)} · ${c.department ?? '—'} ·
              ${this.sourceName(c.source ?? '')}</span
            >
            <span class="badge ${s}">${this.lateness(c, s)}</span>
          </div>`;
        })}
      </div>
    </div>`;
  }

  private columns(cases: Clue[], now: number) {
    const t = this.locale.t;
    const all = this.showClosed || this.state ? cases : [...cases, ...this.closedToo()];
    return html`<div class="columns">
      ${CLUE_STATUSES.map((status) => {
        const here = all.filter((c) => c.status === status);
        return html`<section class="column" aria-label=${t(`clue.status.${status}`)}>
          <h3>${t(`clue.status.${status}`)} <span class="n">${here.length}</span></h3>
          <ul>
            ${here.slice(0, COLUMN_CARDS).map((c) => {
              const s = this.board.stateOf(c, now);
              return html`<li>
                <button
                  type="button"
                  class="card ${s}"
                  aria-pressed=${c.id === this.selectedId ? 'true' : 'false'}
                  data-id=${c.id}
                  @click=${() => this.select(c.id)}
                >
                  <span class="title">${c.title}</span>
                  <span class="badge ${s}">${this.lateness(c, s)}</span>
                </button>
              </li>`;
            })}
          </ul>
          ${
            here.length > COLUMN_CARDS
              ? html`<p class="more">${t('clue.more', { n: here.length - COLUMN_CARDS })}</p>`
              : nothing
          }
        </section>`;
      })}
    </div>`;
  }

  /** Closed cases matching the filters, latest first (the columns show the closed column). */
  private closedToo(): Clue[] {
    return this.board
      .list({
        status: ['closed'],
        department: this.department || undefined,
        source: this.source || undefined,
        zone: this.zone || undefined,
      })
      .sort((a, b) => (b.closedAt ?? 0) - (a.closedAt ?? 0));
  }

  private detail(now: number) {
    const c = this.selected;
    if (!c) return nothing;
    const t = this.locale.t;
    const s = this.board.stateOf(c, now);
    const evidence = c.evidence ? safeUrl(c.evidence) : null;
    return html`<article class="detail" aria-labelledby="clue-detail">
      <div class="head">
        <h3 id="clue-detail">${c.title}</h3>
        <button type="button" aria-label=${t('clue.close')} @click=${() => this.select(null)}>
          ×
        </button>
      </div>
      <p>
        <span class="badge ${s}">${this.lateness(c, s)}</span>
        ${t(`clue.status.${c.status}`)} · ${c.department ?? '—'} ·
        ${this.sourceName(c.source ?? '')}${c.zone ? ` · ${c.zone}` : ''}
        ${
          c.deadline !== undefined
            ? html` · ${t('clue.deadline', { time: formatBeijing(c.deadline, 'short') })}`
            : nothing
        }
        ${
          evidence
            ? html` ·
                <a href=${evidence.href} target="_blank" rel="noopener noreferrer"
                  >${t('clue.evidence')}</a
                >`
            : nothing
        }
      </p>
      <ol class="timeline">
        ${c.history.map(
          (step) =>
            html`<li>
              <time datetime=${new Date(step.time).toISOString()}
                >${formatBeijing(step.time, 'short')}</time
              >
              <strong>${t(`clue.status.${step.status}`)}</strong>${step.by ? ` · ${step.by}` : ''}
              ${step.note ? html`<span class="note">${step.note}</span>` : nothing}
              ${
                step.deadline !== undefined
                  ? html`<span class="note"
                      >${t('clue.deadline', { time: formatBeijing(step.deadline, 'short') })}</span
                    >`
                  : nothing
              }
            </li>`,
        )}
      </ol>
      <div class="steps">
        ${this.choices(c).map(
          (choice) =>
            html`<button type="button" data-to=${choice.to} @click=${() => this.step(c, choice)}>
              ${choice.label}
            </button>`,
        )}
      </div>
    </article>`;
  }
}
