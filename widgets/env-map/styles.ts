import { css, unsafeCSS } from 'lit';
import olCss from 'ol/ol.css?inline';
import { themeTokens } from '../../styles/index.js';

export const envMapStyles = [
  themeTokens(),
  unsafeCSS(olCss),
  css`
    :host {
      display: block;
      position: relative;
      height: 400px;
      overflow: hidden;
      contain: layout;
      container-type: inline-size;
      font-family: var(--env-font-family);
      font-size: var(--env-font-size);
      color: var(--env-color-text);
      background: var(--env-map-background);
    }
    :host([hidden]) {
      display: none;
    }
    .map {
      position: absolute;
      inset: 0;
      outline: none;
    }
    .map:focus-visible {
      box-shadow: inset 0 0 0 3px var(--env-color-focus);
    }
    /*
     * The corner slots share the map's room: the left column holds top-left and bottom-left,
     * the right column top-right and bottom-right; each column is at most half the map wide
     * and as tall as the map above the scale line and attribution. Widgets in a slot stack; a
     * corner whose widgets are taller than its part of the column scrolls. SlotLayout folds
     * the panels that do not fit, so that it rarely has to.
     */
    .frame {
      position: absolute;
      inset: 0 0 2em 0;
      z-index: 2;
      display: flex;
      justify-content: space-between;
      pointer-events: none;
    }
    .column {
      /* Part of the two columns' height the open panels may fill together before some fold. */
      --panel-share: 1;
      display: flex;
      flex-direction: column;
      justify-content: space-between;
      min-width: 0;
      max-width: 50%;
    }
    .corner {
      display: flex;
      flex-direction: column;
      gap: var(--env-space);
      padding: var(--env-space);
      min-height: 0;
      overflow: auto;
      scrollbar-width: thin;
    }
    .corner:not(.filled) {
      padding: 0;
    }
    .corner ::slotted(*) {
      flex: none;
      max-width: 100%;
      box-sizing: border-box;
      pointer-events: auto;
    }
    .left .corner {
      align-items: flex-start;
    }
    .right .corner {
      align-items: flex-end;
    }
    /* Beside the zoom buttons. */
    .top-left {
      padding-inline-start: calc(2.5em + var(--env-space));
    }
    /* A narrow map: the panels together fill at most half the columns before the lowest-priority fold. */
    @container (max-width: 40em) {
      .column {
        --panel-share: 0.5;
      }
    }
    .layers {
      display: none;
    }
    .announce {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    .ol-control button {
      background: var(--env-color-surface);
      color: var(--env-color-text);
      border: 1px solid var(--env-color-border);
    }
    .ol-control button:focus-visible {
      outline: 2px solid var(--env-color-focus);
    }
    .ol-attribution {
      background: color-mix(in srgb, var(--env-color-surface) 80%, transparent);
      color: var(--env-color-text);
    }
    .ol-attribution ul {
      color: var(--env-color-text);
      text-shadow: none;
    }
    .ol-scale-line {
      background: color-mix(in srgb, var(--env-color-surface) 70%, transparent);
    }
    .ol-scale-line-inner {
      color: var(--env-color-text);
      border-color: var(--env-color-text);
    }
  `,
];
