import { css } from 'lit';

/** The clue statistics' look: controls in a row, a compact table, the bar chart below. */
export const clueStatsStyles = css`
  :host {
    display: block;
    max-width: 100%;
  }
  .panel {
    box-sizing: border-box;
    max-width: min(var(--env-clue-stats-width, 52em), 100%);
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 4px var(--env-space);
    margin-bottom: calc(var(--env-space) / 2);
  }
  label {
    display: inline-flex;
    flex-direction: column;
    font-size: 0.85em;
    color: var(--env-color-text-muted);
  }
  button,
  select,
  input {
    font: inherit;
    font-size: 1em;
    color: var(--env-color-text);
    background: var(--env-color-surface, transparent);
    border: 1px solid var(--env-color-border);
    border-radius: 3px;
  }
  button {
    cursor: pointer;
  }
  .scroll {
    max-height: var(--env-clue-stats-height, 20em);
  }
  th,
  td {
    text-align: right;
    white-space: nowrap;
  }
  th:first-child,
  td:first-child {
    text-align: left;
    min-width: 6em;
  }
  th button {
    font-weight: 600;
    background: none;
    border: 0;
    padding: 0;
  }
  tfoot td {
    border-top: 1px solid var(--env-color-border);
    font-weight: 600;
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--env-color-focus);
    outline-offset: 1px;
  }
  svg {
    display: block;
    width: 100%;
    height: auto;
    margin-top: calc(var(--env-space) / 2);
  }
  .bar {
    fill: var(--env-clue-stats-bar, var(--env-clue-bar-color, #2e7d32));
  }
  svg text {
    font-size: 11px;
    fill: currentColor;
  }
  .axis line {
    stroke: currentColor;
    stroke-opacity: 0.3;
  }
`;
