import { css, html, nothing } from 'lit';
import type BaseLayer from 'ol/layer/Base.js';
import { isTiandituKey } from '../../src/index.js';
import { BASEMAP_NAMES, getTitle, type BasemapName } from '../../layers/index.js';
import { panelStyles } from '../../styles/index.js';
import { EnvWidgetElement } from '../base/EnvWidgetElement.js';
import { Collapsible } from '../base/collapsible.js';
import type { MapHandle } from '../base/context.js';
import { overlayLayers, watchLayers } from '../base/overlays.js';

/**
 * Chooses the base map and shows or hides each overlay that has a title. Base maps that need
 * a key (Tianditu) are offered only when the map has one. Native radio buttons and checkboxes
 * make it keyboard and screen-reader accessible.
 *
 * @tag env-layer-switcher
 * @summary Base map choice and overlay visibility.
 *
 * @csspart panel - The panel.
 * @cssprop --env-color-surface - Panel background.
 * @cssprop --env-color-text - Text colour.
 */
export class EnvLayerSwitcher extends Collapsible(EnvWidgetElement) {
  static override styles = [
    EnvWidgetElement.tokenStyles,
    panelStyles,
    css`
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
      }
      legend {
        font-size: 0.9em;
        color: var(--env-color-text-muted);
        margin-top: var(--env-space);
      }
      .row {
        display: flex;
        align-items: center;
        gap: calc(var(--env-space) / 2);
        padding: 2px 0;
        cursor: pointer;
      }
      input {
        accent-color: var(--env-color-accent);
      }
    `,
  ];

  override collapsePriority = 20;

  private stopWatching: (() => void) | undefined;

  protected override mapChanged(handle: MapHandle | undefined): void {
    this.stopWatching?.();
    this.stopWatching = handle ? watchLayers(handle.map, () => this.requestUpdate()) : undefined;
  }

  private basemapChoices(handle: MapHandle): BasemapName[] {
    const hasKey = isTiandituKey(handle.element.getAttribute('tianditu-key'));
    return BASEMAP_NAMES.filter((name) => hasKey || !name.startsWith('tianditu'));
  }

  protected override render() {
    const handle = this.handle;
    const t = this.locale.t;
    if (!handle) return nothing;
    const current = handle.element.getAttribute('basemap') ?? 'offline';
    const overlays = overlayLayers(handle.map)
      .map((layer) => [layer, getTitle(layer)] as const)
      .filter((pair): pair is readonly [BaseLayer, string] => pair[1] !== undefined)
      .reverse();
    return html`
      <section class="panel" part="panel" aria-labelledby="title">
        <h2 id="title">${this.collapseToggle(t('switcher.title'))}</h2>
        <fieldset>
          <legend>${t('switcher.basemaps')}</legend>
          ${this.basemapChoices(handle).map(
            (name) =>
              html`<label class="row">
                <input
                  type="radio"
                  name="basemap"
                  .value=${name}
                  .checked=${name === current}
                  @change=${() => handle.element.setAttribute('basemap', name)}
                />
                ${t(`basemap.${name}`)}
              </label>`,
          )}
        </fieldset>
        <fieldset>
          <legend>${t('switcher.overlays')}</legend>
          ${
            overlays.length === 0
              ? html`<p class="muted">${t('switcher.empty')}</p>`
              : overlays.map(
                  ([layer, title]) =>
                    html`<label class="row">
                      <input
                        type="checkbox"
                        .checked=${layer.getVisible()}
                        @change=${(e: Event) => layer.setVisible((e.target as HTMLInputElement).checked)}
                      />
                      ${title}
                    </label>`,
                )
          }
        </fieldset>
      </section>
    `;
  }
}
