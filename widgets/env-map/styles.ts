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
    .corner {
      position: absolute;
      z-index: 2;
      display: flex;
      flex-direction: column;
      gap: var(--env-space);
      padding: var(--env-space);
      pointer-events: none;
      max-height: 100%;
      box-sizing: border-box;
    }
    .corner ::slotted(*) {
      pointer-events: auto;
    }
    .top-left {
      top: 0;
      left: 2.5em;
    }
    .top-right {
      top: 0;
      right: 0;
      align-items: flex-end;
    }
    .bottom-left {
      bottom: 1.5em;
      left: 0;
    }
    .bottom-right {
      bottom: 2em;
      right: 0;
      align-items: flex-end;
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
