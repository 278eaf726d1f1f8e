import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  canMoveAlarm,
  formatBeijing,
  type AlarmBoard,
  type AlarmRecord,
  type AlarmState,
} from '../../src/index.js';
import { panelStyles } from '../../styles/index.js';
import { EnvWidgetElement } from '../base/EnvWidgetElement.js';
import { Collapsible } from '../base/collapsible.js';
import type { MapHandle } from '../base/context.js';
import type { EnvAlarmDetail } from '../base/events.js';
import { alarmDetail } from '../base/alarm-detail.js';
import { onListKey } from '../base/list-keys.js';
import { alarmListStyles } from './styles.js';

type Step = 'acknowledge' | 'dispatch' | 'close';
const STEPS: Array<[Step, AlarmState]> = [
  ['acknowledge', 'acknowledged'],
  ['dispatch', 'dispatched'],
  ['close', 'closed'],
];

interface CameraSource extends HTMLElement {
  board: AlarmBoard;
  cameraName?(id: string): string | undefined;
}

/**
 * Camera fire and smoke alarms, newest first, with buttons to acknowledge, dispatch and close
 * each; new alarms flash (steady under reduced motion) and are announced to screen readers.
 * Works on the alarms of an `<env-camera-viewsheds>` (the one named by `source`, else the first
 * in the map) or a `board` set by portal code. Every step fires a cancelable `env-alarm`; a
 * portal that cancels it (to confirm in its own dialog, say) keeps the alarm as it was.
 * Arrow keys move between alarms; Enter on an alarm fires `env-alarm` with `select`. Snapshot
 * links are shown only for http(s) or same-origin URLs; every string is rendered as text.
 *
 * @tag env-alarm-list
 * @summary Fire alarm list with acknowledge and dispatch.
 *
 * @fires {CustomEvent<EnvAlarmDetail>} env-alarm - An alarm was chosen or a step was asked for (cancelable).
 * @csspart panel - The panel.
 * @cssprop --env-alarm-list-height - Height before the list scrolls.
 * @cssprop --env-alarm-new - Colour of new alarms.
 */
export class EnvAlarmList extends Collapsible(EnvWidgetElement) {
  static override styles = [EnvWidgetElement.tokenStyles, panelStyles, alarmListStyles];

  /** Id of the `<env-camera-viewsheds>` whose alarms are listed. */
  @property() source: string | null = null;
  /** Alarms to list, when not taken from a camera element. */
  @property({ attribute: false }) board: AlarmBoard | null = null;
  /** Also list closed alarms. */
  @property({ type: Boolean, attribute: 'show-closed' }) showClosed = false;
  /** At most this many alarms are shown. */
  @property({ type: Number }) limit = 50;
  override collapsePriority = 90;

  @state() private revision = 0;
  @state() private announcement = '';
  private watched: AlarmBoard | null = null;
  private unwatch: (() => void) | undefined;
  private stopMap: (() => void) | undefined;

  protected override mapChanged(handle: MapHandle | undefined): void {
    this.stopMap?.();
    this.stopMap = undefined;
    if (!handle) return;
    // A camera element added later, or its board replaced, is found at its next alarm.
    const onAlarm = () => this.watch();
    handle.element.addEventListener('env-alarm', onAlarm);
    this.stopMap = () => handle.element.removeEventListener('env-alarm', onAlarm);
    this.watch();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopMap?.();
    this.unwatch?.();
    this.unwatch = undefined;
    this.watched = null;
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('board') || changed.has('source')) this.watch();
  }

  /** The list as shown: newest first, without closed ones unless `show-closed`. */
  alarms(): AlarmRecord[] {
    const all = this.watched?.list() ?? [];
    const shown = this.showClosed ? all : all.filter((a) => a.state !== 'closed');
    return shown.slice(0, Math.max(1, Math.floor(this.limit) || 50));
  }

  private cameraElement(): CameraSource | null {
    const el =
      (this.source ? document.getElementById(this.source) : null) ??
      this.handle?.element.querySelector('env-camera-viewsheds');
    return (el as CameraSource | null) ?? null;
  }

  private watch(): void {
    const board = this.board ?? this.cameraElement()?.board ?? null;
    if (board === this.watched) return;
    this.unwatch?.();
    this.watched = board;
    this.unwatch = board?.subscribe((alarm, previous) => {
      if (previous === undefined) this.announce(alarm);
      this.revision++;
    });
    this.revision++;
  }

  private name(alarm: AlarmRecord): string {
    return this.cameraElement()?.cameraName?.(alarm.cameraId) ?? alarm.cameraId;
  }

  private announce(alarm: AlarmRecord): void {
    const t = this.locale.t.bind(this.locale);
    this.announcement = t('alarm.announce', {
      camera: this.name(alarm),
      kind: t(alarm.kind === 'fire' ? 'alarm.fire' : 'alarm.smoke'),
      bearing: alarm.bearing.toFixed(0),
    });
  }

  private step(alarm: AlarmRecord, action: Step, to: AlarmState): void {
    const event = this.emit('env-alarm', alarmDetail(alarm, action, this.name(alarm)), {
      cancelable: true,
    });
    if (event.defaultPrevented || !this.watched) return;
    this.watched.setState(alarm.id, to);
  }

  private onKey(event: KeyboardEvent, alarm: AlarmRecord): void {
    onListKey(event, () => this.emit('env-alarm', alarmDetail(alarm, 'select', this.name(alarm))));
  }

  override render() {
    void this.revision;
    const t = this.locale.t.bind(this.locale);
    const alarms = this.alarms();
    const open = (this.watched?.list() ?? []).filter((a) => a.state !== 'closed').length;
    return html`<section class="panel" part="panel" aria-labelledby="title">
      <h2 id="title">
        ${this.collapseToggle(
          html`${t('alarm.title')} <span class="muted">${t('alarm.count', { n: open })}</span>`,
        )}
      </h2>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${
        alarms.length === 0
          ? html`<p class="muted">${t('alarm.empty')}</p>`
          : html`<ul class="scroll" aria-labelledby="title">
              ${alarms.map((a) => this.item(a))}
            </ul>`
      }
    </section>`;
  }

  private item(alarm: AlarmRecord) {
    const t = this.locale.t.bind(this.locale);
    const kind = t(alarm.kind === 'fire' ? 'alarm.fire' : 'alarm.smoke');
    const stateText = t(`alarm.state.${alarm.state}`);
    const snapshot = alarmDetail(alarm, 'select').snapshotUrl;
    return html`<li
      class=${alarm.state}
      tabindex="0"
      data-id=${alarm.id}
      aria-label=${`${kind} ${this.name(alarm)} ${stateText}`}
      @keydown=${(e: KeyboardEvent) => this.onKey(e, alarm)}
      @click=${(e: Event) => {
        if ((e.target as HTMLElement).closest('button, a')) return;
        this.emit('env-alarm', alarmDetail(alarm, 'select', this.name(alarm)));
      }}
    >
      <div class="head"><span>${kind} · ${this.name(alarm)}</span><span>${stateText}</span></div>
      <div class="meta">
        ${formatBeijing(alarm.timeMs)} ·
        ${t('alarm.bearing', { bearing: alarm.bearing.toFixed(1) })} ·
        ${t('alarm.confidence', { p: Math.round(alarm.confidence * 100) })}
        ${
          snapshot
            ? html` ·
                <a href=${snapshot} target="_blank" rel="noopener noreferrer"
                  >${t('alarm.snapshot')}</a
                >`
            : nothing
        }
      </div>
      <div class="actions">
        ${STEPS.map(
          ([action, to]) =>
            html`<button
              type="button"
              data-action=${action}
              ?disabled=${!canMoveAlarm(alarm.state, to)}
              @click=${() => this.step(alarm, action, to)}
            >
              ${t(`alarm.${action}`)}
            </button>`,
        )}
      </div>
    </li>`;
  }
}

export type { EnvAlarmDetail };
