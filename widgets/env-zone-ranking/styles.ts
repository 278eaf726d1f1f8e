import { css } from 'lit';

/** What the zone ranking adds to the ranking tables' look: the selected row and the breadcrumb. */
export const zoneRankingStyles = css`
  .scroll {
    max-height: var(--env-zone-ranking-height, var(--env-ranking-height, 22em));
  }
  th {
    font-weight: 600;
  }
  tbody tr.selected {
    background: var(--env-color-surface-raised, rgba(127, 127, 127, 0.15));
    box-shadow: inset 3px 0 0 var(--env-color-accent);
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
