import { css, html, nothing } from 'lit';
import { getLegend, getTitle, type LegendEntry } from '../../layers/index.js';
import { panelStyles } from '../../styles/index.js';
import { EnvWidgetElement } from '../base/EnvWidgetElement.js';
import { Collapsible } from '../base/collapsible.js';
import type { MapHandle } from '../base/context.js';
import { overlayLayers, watchLayers } from '../base/overlays.js';
import { styleProps } from '../base/style-props.js';

/**
 * The legend of the visible overlays: every layer contributes its own entries (the `legend`
 * property of an OpenLayers layer, set with `setLegend()`). Labels are rendered as text.
 *
 * @tag env-legend
 * @summary Legend entries of the visible layers.
 *
 * @csspart panel - The panel.
 * @csspart swatch - The colour symbol of an entry.
 * @cssprop --env-color-surface - Panel background.
 */
export class EnvLegend extends Collapsible(EnvWidgetElement) {
  static override styles = [
    EnvWidgetElement.tokenStyles,
    panelStyles,
    css`
      li {
        display: flex;
        align-items: center;
        gap: calc(var(--env-space) / 2);
        padding: 2px 0;
      }
      .swatch {
        flex: none;
        width: 16px;
        height: 12px;
        box-sizing: border-box;
        border-radius: 2px;
      }
      .swatch.line {
        height: 4px;
      }
      .swatch.point {
        width: 12px;
        border-radius: 50%;
      }
      .group {
        margin-top: calc(var(--env-space) / 2);
      }
    `,
  ];

  override collapsePriority = 80;

  private stopWatching: (() => void) | undefined;

  protected override mapChanged(handle: MapHandle | undefined): void {
    this.stopWatching?.();
    this.stopWatching = handle ? watchLayers(handle.map, () => this.requestUpdate()) : undefined;
  }

  private swatch(entry: LegendEntry) {
    return html`<span
      class="swatch ${entry.shape}"
      part="swatch"
      aria-hidden="true"
      ${styleProps({
        background: entry.color,
        border: entry.stroke ? `1px solid ${entry.stroke}` : 'none',
      })}
    ></span>`;
  }

  protected override render() {
    if (!this.handle) return nothing;
    const t = this.locale.t;
    const groups = overlayLayers(this.handle.map)
      .filter((layer) => layer.getVisible())
      .map((layer) => ({ title: getTitle(layer), entries: getLegend(layer) }))
      .filter((g) => g.entries.length > 0)
      .reverse();
    return html`
      <section class="panel" part="panel" aria-labelledby="title">
        <h2 id="title">${this.collapseToggle(t('legend.title'))}</h2>
        ${
          groups.length === 0
            ? html`<p class="muted">${t('legend.empty')}</p>`
            : groups.map(
                (g) =>
                  html`<div class="group">
                    ${g.entries.length > 1 && g.title ? html`<h3>${g.title}</h3>` : nothing}
                    <ul>
                      ${g.entries.map((e) => html`<li>${this.swatch(e)}<span>${e.label}</span></li>`)}
                    </ul>
                  </div>`,
              )
        }
      </section>
    `;
  }
}
