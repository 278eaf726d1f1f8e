import { css } from 'lit';

export const trackListStyles = css`
  .panel {
    max-width: var(--env-track-list-width, 36em);
  }
  .scroll {
    max-height: var(--env-track-list-height, 20em);
    overflow: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.9em;
  }
  th,
  td {
    padding: 2px 4px;
    text-align: start;
    white-space: nowrap;
  }
  th {
    font-weight: 600;
    color: var(--env-color-text-muted);
    border-bottom: 1px solid var(--env-color-border);
    position: sticky;
    top: 0;
    background: var(--env-color-surface, #fff);
  }
  td.num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  tr {
    cursor: pointer;
  }
  tr[data-following] td {
    background: var(--env-track-following, rgba(10, 132, 255, 0.16));
  }
  .swatch {
    display: inline-block;
    width: 0.8em;
    height: 0.8em;
    border-radius: 50%;
    margin-inline-end: 4px;
    vertical-align: -0.05em;
  }
  button {
    font: inherit;
    color: inherit;
    background: none;
    border: 0;
    padding: 0;
    cursor: pointer;
    text-align: start;
    text-decoration: underline dotted;
  }
  button:focus-visible {
    outline: 2px solid var(--env-color-focus);
    outline-offset: 1px;
  }
  .status {
    border-radius: 3px;
    padding: 0 4px;
    font-size: 0.9em;
  }
  .status.online {
    color: var(--env-track-online, var(--env-color-ok));
  }
  .status.stale {
    color: var(--env-color-text-muted);
  }
  .status.outside,
  .status.lowBattery {
    color: var(--env-color-surface);
    background: var(--env-track-alert, var(--env-color-danger));
  }
  .muted {
    color: var(--env-color-text-muted);
  }
`;
