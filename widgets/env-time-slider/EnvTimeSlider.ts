import { css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { formatBeijing } from '../../src/index.js';
import { panelStyles } from '../../styles/index.js';
import { EnvWidgetElement } from '../base/EnvWidgetElement.js';
import { Collapsible } from '../base/collapsible.js';
import type { MapHandle } from '../base/context.js';
import type { EnvTimeRangeDetail } from '../base/events.js';

const HOUR = 3_600_000;
const SPEEDS = [1, 2, 4, 8, 16];

/**
 * Plays the map's layers through time. Sends `env-time` to the map (the instant, and in window
 * mode the hours to average over) whenever its time changes; layers such as
 * `<env-station-grid>` follow it. Without `start` / `end` it takes the span the map's layers
 * announce with `env-time-range`. The range input has the keyboard of a native slider (arrows,
 * Page Up / Down, Home / End); the time is announced politely while paused.
 *
 * @tag env-time-slider
 * @summary Instant or window time slider with play, pause, step and speed.
 *
 * @fires {CustomEvent<EnvTimeDetail>} env-time - The time to show changed.
 * @csspart panel - The panel.
 * @csspart range - The range input.
 * @csspart play - The play / pause button.
 */
export class EnvTimeSlider extends Collapsible(EnvWidgetElement) {
  static override styles = [
    EnvWidgetElement.tokenStyles,
    panelStyles,
    css`
      .row {
        display: flex;
        align-items: center;
        gap: calc(var(--env-space) / 2);
        flex-wrap: wrap;
      }
      input[type='range'] {
        flex: 1 1 200px;
        min-width: 120px;
      }
      output {
        font-variant-numeric: tabular-nums;
        min-width: 16ch;
      }
      button,
      select {
        font: inherit;
        color: inherit;
        background: var(--env-color-surface-raised, transparent);
        border: 1px solid var(--env-color-border);
        border-radius: 3px;
        padding: 2px 6px;
      }
      button:focus-visible,
      select:focus-visible,
      input:focus-visible {
        outline: 2px solid var(--env-color-focus);
        outline-offset: 1px;
      }
    `,
  ];

  /** First time (ISO 8601); default the span announced by the map's layers. */
  @property() start: string | null = null;
  /** Last time (ISO 8601). */
  @property() end: string | null = null;
  /** Minutes per step; default the layers' step, else 60. */
  @property({ type: Number }) step: number | null = null;
  /** The time shown (ISO 8601); default `end`. */
  @property() value: string | null = null;
  /** `instant` or `window` (a mean over `window` hours ending at the time). */
  @property() mode: 'instant' | 'window' = 'instant';
  /** Hours averaged in window mode. Default 24. */
  @property({ type: Number }) window = 24;
  /** Steps per second while playing. */
  @property({ type: Number }) speed = 2;
  /** Start again at the beginning after the end. */
  @property({ type: Boolean }) loop = false;
  /** Whether it is playing (set to play or pause). */
  @property({ type: Boolean, reflect: true }) playing = false;
  override collapsePriority = 70;

  @state() private announced: EnvTimeRangeDetail | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private stopRange: (() => void) | undefined;

  protected override mapChanged(handle: MapHandle | undefined): void {
    this.stopRange?.();
    this.stopRange = undefined;
    if (!handle) return;
    const onRange = (e: Event) => {
      this.announced = (e as CustomEvent<EnvTimeRangeDetail>).detail;
    };
    handle.element.addEventListener('env-time-range', onRange);
    this.stopRange = () => handle.element.removeEventListener('env-time-range', onRange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopRange?.();
    this.stopRange = undefined;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** [start, end, step] in ms, or null without a usable span. */
  private span(): [number, number, number] | null {
    const start = this.start ? Date.parse(this.start) : this.announced?.start;
    const end = this.end ? Date.parse(this.end) : this.announced?.end;
    const stepMs =
      this.step !== null && this.step > 0 ? this.step * 60_000 : (this.announced?.step ?? HOUR);
    if (!Number.isFinite(start) || !Number.isFinite(end) || end! < start! || !(stepMs > 0))
      return null;
    return [start!, end!, stepMs];
  }

  /** The time shown, snapped to the steps of the span. */
  get time(): number | null {
    const span = this.span();
    if (!span) return null;
    const [start, end, step] = span;
    const v = this.value ? Date.parse(this.value) : end;
    const t = Number.isFinite(v) ? v : end;
    const k = Math.round((Math.min(end, Math.max(start, t)) - start) / step);
    return Math.min(end, start + k * step);
  }

  /** Moves by `n` steps (negative: back); stops at the ends. Returns false at an end. */
  stepBy(n: number): boolean {
    const span = this.span();
    const t = this.time;
    if (!span || t === null) return false;
    const [start, end, step] = span;
    const next = t + n * step;
    if (next > end || next < start) {
      if (this.loop && n > 0) return this.setTime(start);
      return false;
    }
    return this.setTime(next);
  }

  private setTime(ms: number): boolean {
    this.value = new Date(ms).toISOString();
    return true;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('mode') && this.mode !== 'instant' && this.mode !== 'window') {
      this.reportError({
        code: 'attribute',
        attribute: 'mode',
        value: this.mode,
        message: `mode must be instant or window; using instant`,
      });
      this.mode = 'instant';
    }
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('playing') || changed.has('speed')) this.schedule();
    const relevant = ['value', 'mode', 'window', 'start', 'end', 'step', 'announced', 'handle'];
    if (relevant.some((k) => changed.has(k))) this.send();
  }

  private lastSent = '';

  /** Sends `env-time` to the map (and from itself) when the time or window changed. */
  private send(): void {
    const t = this.time;
    if (t === null) return;
    const window = this.mode === 'window' ? Math.max(0, this.window) : 0;
    const key = `${t}/${window}`;
    if (key === this.lastSent) return;
    this.lastSent = key;
    const detail = { time: t, window };
    const target = this.handle?.element;
    if (target && !target.contains(this))
      target.dispatchEvent(new CustomEvent('env-time', { detail, bubbles: true, composed: true }));
    this.emit('env-time', detail);
  }

  private schedule(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.playing) return;
    const perSecond = Math.max(0.1, Math.min(60, this.speed || 1));
    this.timer = setInterval(() => {
      if (!this.stepBy(1)) this.playing = false;
    }, 1000 / perSecond);
  }

  protected override render() {
    const t = this.locale.t;
    const span = this.span();
    const time = this.time;
    if (!span || time === null)
      return html`<section class="panel" part="panel"><p>${t('slider.empty')}</p></section>`;
    const [start, end, step] = span;
    const steps = Math.round((end - start) / step);
    const index = Math.round((time - start) / step);
    const label = formatBeijing(time);
    return html`
      <section class="panel" part="panel" aria-labelledby="title">
        <h2 id="title">${this.collapseToggle(t('slider.title'))}</h2>
        <div class="row">
          <button type="button" @click=${() => this.stepBy(-1)} aria-label=${t('slider.back')}>
            ◀
          </button>
          <button
            type="button"
            part="play"
            aria-pressed=${this.playing ? 'true' : 'false'}
            @click=${() => (this.playing = !this.playing)}
          >
            ${this.playing ? t('slider.pause') : t('slider.play')}
          </button>
          <button type="button" @click=${() => this.stepBy(1)} aria-label=${t('slider.forward')}>
            ▶
          </button>
          <input
            type="range"
            part="range"
            min="0"
            max=${steps}
            step="1"
            .value=${String(index)}
            aria-label=${t('slider.time')}
            aria-valuetext=${label}
            @input=${(e: Event) =>
              this.setTime(start + Number((e.target as HTMLInputElement).value) * step)}
          />
          <output aria-live=${this.playing ? 'off' : 'polite'}>${label}</output>
        </div>
        <div class="row">
          <label
            >${t('slider.speed')}
            <select
              @change=${(e: Event) => (this.speed = Number((e.target as HTMLSelectElement).value))}
            >
              ${SPEEDS.map(
                (s) => html`<option value=${s} ?selected=${s === this.speed}>${s}×</option>`,
              )}
            </select></label
          >
          <label
            >${t('slider.mode')}
            <select
              @change=${(e: Event) =>
                (this.mode = (e.target as HTMLSelectElement).value as 'instant' | 'window')}
            >
              <option value="instant" ?selected=${this.mode === 'instant'}>
                ${t('slider.instant')}
              </option>
              <option value="window" ?selected=${this.mode === 'window'}>
                ${t('slider.window', { hours: this.window })}
              </option>
            </select></label
          >
        </div>
      </section>
    `;
  }
}
