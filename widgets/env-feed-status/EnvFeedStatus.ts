import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { FeedClient, FeedStats, FeedStatus } from '../../src/index.js';
import { panelStyles } from '../../styles/index.js';
import { EnvWidgetElement } from '../base/EnvWidgetElement.js';
import { Collapsible } from '../base/collapsible.js';
import type { MapHandle } from '../base/context.js';

const COUNTERS = [
  'received',
  'applied',
  'rejected',
  'duplicates',
  'dropped',
  'reconnects',
] as const;

/**
 * The state of the map's feed client and its counters. Status changes are announced politely;
 * counters refresh at most once per `interval` milliseconds and are not announced.
 *
 * @tag env-feed-status
 * @summary Feed connection state and message counters.
 *
 * @csspart panel - The panel.
 * @csspart status - The status line.
 * @cssprop --env-color-accent - Colour of the connected state.
 * @cssprop --env-color-danger - Colour of the disconnected state.
 */
export class EnvFeedStatus extends Collapsible(EnvWidgetElement) {
  static override styles = [
    EnvWidgetElement.tokenStyles,
    panelStyles,
    css`
      .status {
        display: flex;
        align-items: center;
        gap: calc(var(--env-space) / 2);
        font-weight: 600;
      }
      .dot {
        width: 10px;
        height: 10px;
        border-radius: 50%;
        background: var(--env-color-text-muted);
      }
      [data-status='open'] .dot {
        background: var(--env-color-accent);
      }
      [data-status='closed'] .dot {
        background: var(--env-color-danger);
      }
      [data-status='reconnecting'] .dot,
      [data-status='connecting'] .dot {
        background: var(--env-color-focus);
      }
      dl {
        display: grid;
        grid-template-columns: auto auto;
        gap: 2px var(--env-space);
        margin: calc(var(--env-space) / 2) 0 0;
      }
      dt {
        color: var(--env-color-text-muted);
      }
      dd {
        margin: 0;
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  /** Milliseconds between counter refreshes. Default 1000. */
  @property({ type: Number }) interval = 1000;
  override collapsePriority = 10;

  @state() private status: FeedStatus | undefined;
  @state() private stats: Readonly<FeedStats> | undefined;
  private client: FeedClient | undefined;
  private stopClient: (() => void) | undefined;
  private stopHandle: (() => void) | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  protected override mapChanged(handle: MapHandle | undefined): void {
    this.stopHandle?.();
    this.stopHandle = handle?.subscribe(() => this.watch(handle.feed));
    this.watch(handle?.feed);
  }

  private watch(client: FeedClient | undefined): void {
    if (client === this.client && client !== undefined) return;
    this.stopClient?.();
    this.stopClient = undefined;
    clearInterval(this.timer);
    this.client = client;
    this.status = client?.status;
    this.stats = client?.stats;
    if (!client) return;
    this.stopClient = client.on('status', (status) => {
      this.status = status;
      this.stats = client.stats;
    });
    this.timer = setInterval(
      () => {
        this.stats = client.stats;
      },
      Math.max(100, this.interval),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.watch(undefined);
  }

  protected override render() {
    const t = this.locale.t;
    const status = this.status;
    return html`
      <section class="panel" part="panel" aria-labelledby="title">
        <h2 id="title">${this.collapseToggle(t('feed.title'))}</h2>
        <div
          class="status"
          part="status"
          data-status=${status ?? 'none'}
          role="status"
          aria-live="polite"
        >
          <span class="dot" aria-hidden="true"></span>
          <span>${status ? t(`feed.status.${status}`) : t('feed.none')}</span>
        </div>
        ${
          this.stats
            ? html`<dl>
                ${COUNTERS.map(
                  (key) =>
                    html`<dt>${t(`feed.${key}`)}</dt>
                      <dd data-counter=${key}>${this.locale.formatNumber(this.stats![key])}</dd>`,
                )}
              </dl>`
            : nothing
        }
      </section>
    `;
  }
}
