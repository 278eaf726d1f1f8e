import { css } from 'lit';

/**
 * The look of `<env-ranking-table>` (compact tabular rows, hover and focus marks from the same
 * tokens), plus the breadcrumb above the table.
 */
export const zoneRankingStyles = css`
  .scroll {
    max-height: var(--env-zone-ranking-height, var(--env-ranking-height, 22em));
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
    text-align: left;
  }
  th {
    font-weight: 600;
  }
  td.num {
    text-align: right;
  }
  tbody tr {
    cursor: pointer;
  }
  tbody tr:hover {
    background: var(--env-color-surface-raised, rgba(127, 127, 127, 0.15));
  }
  tbody tr.selected {
    background: var(--env-color-surface-raised, rgba(127, 127, 127, 0.15));
    box-shadow: inset 3px 0 0 var(--env-color-accent);
  }
  tr:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--env-color-focus);
    outline-offset: -2px;
  }
  .more {
    color: var(--env-color-text-muted);
    padding-left: 4px;
  }
  nav {
    display: flex;
    align-items: flex-start;
    gap: 6px;
    margin-bottom: calc(var(--env-space) / 2);
  }
  nav ol {
    display: flex;
    flex-wrap: wrap;
    flex: 1;
    list-style: none;
    margin: 0;
    padding: 0;
    font-size: 0.9em;
  }
  nav li + li::before {
    content: '›';
    padding: 0 4px;
    color: var(--env-color-text-muted);
  }
  nav li button {
    font: inherit;
    color: var(--env-color-accent);
    background: none;
    border: 0;
    padding: 0;
    cursor: pointer;
    text-decoration: underline;
  }
  nav [aria-current] {
    font-weight: 600;
  }
  button.up {
    font: inherit;
    font-size: 0.85em;
    color: inherit;
    background: var(--env-color-surface-raised, rgba(127, 127, 127, 0.15));
    border: 1px solid var(--env-color-border);
    border-radius: 3px;
    padding: 1px 8px;
    cursor: pointer;
    white-space: nowrap;
  }
  button.up[disabled] {
    opacity: 0.4;
    cursor: default;
  }
`;
