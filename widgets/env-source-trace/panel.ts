import { css, html, type TemplateResult } from 'lit';
import { formatBeijing, type Locale, type MessageKey } from '../../src/index.js';
import { panelStyles } from '../../styles/index.js';
import type { EnvSourceTraceDetail, EnvTraceCandidate } from '../base/events.js';
import { onListKey } from '../base/list-keys.js';
import { alarmListStyles } from '../env-alarm-list/styles.js';

export const sourceTraceStyles = [
  panelStyles,
  alarmListStyles,
  css`
    :host {
      display: block;
    }
    .scroll {
      max-height: var(--env-source-trace-height, 18em);
    }
    ol {
      list-style: none;
      margin: 0 0 calc(var(--env-space) / 2);
      padding: 0;
    }
    .summary {
      margin: 0 0 calc(var(--env-space) / 2);
    }
    li.dispatched {
      opacity: 0.85;
    }
    .failure {
      color: var(--env-color-danger);
      margin: 0 0 calc(var(--env-space) / 2);
    }
    @media (max-width: 600px) {
      .panel {
        max-width: 15em;
      }
      .scroll {
        max-height: var(--env-source-trace-height, 10em);
      }
    }
  `,
];

const KINDS = ['enterprise', 'dust', 'construction', 'other'];

/** A source's kind in words (a kind the kit does not know is shown as the data give it). */
export function kindText(locale: Locale, kind: string): string {
  return KINDS.includes(kind) ? locale.t(`sourceTrace.kind.${kind}` as MessageKey) : kind;
}

export interface PanelState {
  result: EnvSourceTraceDetail | null;
  hours: number;
  announcement: string;
  /** Why the latest trace could not run, or null. */
  failure: string | null;
  dispatched: ReadonlySet<string>;
  /** The title as the button that folds the panel. */
  heading(title: string): TemplateResult;
  choose(c: EnvTraceCandidate): void;
  dispatch(c: EnvTraceCandidate): void;
  clear(): void;
}

/**
 * The panel of a source trace: what was traced, then the candidates by rank with their kind,
 * distance from the path and hours before, each with a dispatch button. Names from the data are
 * written as text. A live region announces each result; arrow keys move between rows.
 */
export function sourceTracePanel(locale: Locale, s: PanelState): TemplateResult {
  const t = locale.t.bind(locale);
  const fmt = (v: number, digits = 1) => locale.formatNumber(v, { maximumFractionDigits: digits });
  const r = s.result;
  const row = (c: EnvTraceCandidate) => {
    const done = s.dispatched.has(c.id);
    return html`<li
      class=${done ? 'dispatched' : ''}
      tabindex="0"
      data-id=${c.id}
      data-state=${done ? 'dispatched' : 'new'}
      @click=${(e: Event) => {
        if (!(e.target as HTMLElement).closest('button')) s.choose(c);
      }}
      @keydown=${(e: KeyboardEvent) => onListKey(e, () => s.choose(c))}
    >
      <div class="head">
        <span>${c.rank}. ${c.name}</span><span>${kindText(locale, c.kind)}</span>
      </div>
      <div class="meta">
        ${t('sourceTrace.offset', { m: fmt(c.offsetM, 0) })} ·
        ${t('sourceTrace.before', { h: fmt(c.hoursBefore) })}
      </div>
      <div class="actions">
        <button
          type="button"
          data-action="dispatch"
          ?disabled=${done}
          @click=${() => s.dispatch(c)}
        >
          ${done ? t('sourceTrace.dispatched') : t('sourceTrace.dispatch')}
        </button>
      </div>
    </li>`;
  };
  const body = !r
    ? html`${s.failure ? html`<p class="failure">${s.failure}</p>` : ''}
        <p class="muted">${t('sourceTrace.empty', { h: fmt(s.hours) })}</p>`
    : html`<p class="summary">
          ${t('sourceTrace.summary', {
            name: r.start.name ?? `${r.start.lat.toFixed(4)}, ${r.start.lon.toFixed(4)}`,
            h: fmt(r.hours),
            km: fmt(r.corridorM / 1000),
          })}<br />
          <span class="muted"
            >${t('sourceTrace.start', { time: formatBeijing(r.start.time) })}</span
          >
          ${r.pollutant ? html`<br /><span>${t('sourceTrace.pollutant', { p: r.pollutant })}</span>` : ''}
        </p>
        ${
          r.candidates.length === 0
            ? html`<p class="muted">${t('sourceTrace.none')}</p>`
            : html`<ol class="scroll" aria-labelledby="title">
                ${r.candidates.map(row)}
              </ol>`
        }
        <button type="button" data-action="clear" @click=${() => s.clear()}>
          ${t('sourceTrace.clear')}
        </button>`;
  return html`<section class="panel" part="panel" aria-labelledby="title">
    <h2 id="title">${s.heading(t('sourceTrace.title'))}</h2>
    <div class="visually-hidden" role="status" aria-live="polite">${s.announcement}</div>
    <div id="body">${body}</div>
  </section>`;
}
