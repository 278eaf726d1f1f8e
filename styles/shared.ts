import { css } from 'lit';

/** Panel look shared by the UI widgets, built only from `--env-*` tokens. */
export const panelStyles = css`
  :host {
    font-family: var(--env-font-family);
    font-size: var(--env-font-size);
    color: var(--env-color-text);
  }
  .panel {
    background: var(--env-color-surface);
    color: var(--env-color-text);
    border: 1px solid var(--env-color-border);
    border-radius: var(--env-radius);
    box-shadow: var(--env-shadow);
    padding: var(--env-space);
    min-width: 10em;
    max-width: 22em;
  }
  h2 {
    font-size: 1em;
    margin: 0 0 calc(var(--env-space) / 2);
  }
  h3 {
    font-size: 0.9em;
    margin: var(--env-space) 0 calc(var(--env-space) / 2);
    color: var(--env-color-text-muted);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .muted {
    color: var(--env-color-text-muted);
  }
  :focus-visible {
    outline: 2px solid var(--env-color-focus);
    outline-offset: 1px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;

/** Compact data tables: collapsed borders, tabular figures, a scrolling box (`.scroll`). */
export const tableStyles = css`
  .scroll {
    overflow: auto;
  }
  table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
    width: 100%;
  }
  th,
  td {
    padding: 2px 6px;
  }
`;
