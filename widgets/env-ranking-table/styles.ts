import { css } from 'lit';

/** The ranking tables' look: compact tabular rows, hover and focus marks from the tokens. */
export const rankingTableStyles = css`
  .scroll {
    max-height: var(--env-ranking-height, 22em);
  }
  th,
  td {
    text-align: left;
  }
  td.num {
    text-align: right;
  }
  th button {
    font: inherit;
    font-weight: 600;
    color: inherit;
    background: none;
    border: 0;
    padding: 0;
    cursor: pointer;
  }
  tbody tr {
    cursor: pointer;
  }
  tbody tr:hover {
    background: var(--env-color-surface-raised, rgba(127, 127, 127, 0.15));
  }
  tr:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--env-color-focus);
    outline-offset: -2px;
  }
  .up {
    color: var(--env-color-accent);
  }
  .down {
    color: var(--env-color-danger);
  }
`;
