import { css } from 'lit';

/** The board's list, columns, badges and timeline. */
export const boardStyles = css`
  :host {
    display: block;
  }
  .head {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: var(--env-space);
  }
  h2,
  h3 {
    font-size: 1em;
    margin: 0;
  }
  button,
  select {
    font: inherit;
    color: inherit;
    background: var(--env-color-surface, transparent);
    border: 1px solid var(--env-color-border);
    border-radius: 3px;
  }
  button {
    cursor: pointer;
  }
  button[aria-pressed='true'] {
    background: #0d47a1;
    border-color: #0d47a1;
    color: #ffffff;
  }
  :focus-visible {
    outline: 2px solid var(--env-color-focus);
    outline-offset: 1px;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 8px;
    margin: 4px 0;
    font-size: 0.85em;
  }
  .list {
    position: relative;
    height: var(--env-clue-list-height, 320px);
    overflow-y: auto;
    border: 1px solid var(--env-color-border);
  }
  .rows {
    position: relative;
  }
  .row {
    position: absolute;
    left: 0;
    right: 0;
    height: 52px;
    box-sizing: border-box;
    padding: 4px 6px;
    border-bottom: 1px solid var(--env-color-border);
    display: grid;
    grid-template-columns: 1fr auto;
    grid-template-rows: auto auto;
    column-gap: 6px;
    cursor: pointer;
    overflow: hidden;
  }
  .list:focus-visible .row.active {
    outline: 2px solid var(--env-color-focus);
    outline-offset: -2px;
  }
  .row[aria-selected='true'] {
    background: rgba(21, 101, 192, 0.18);
  }
  .title {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .meta {
    grid-column: 1;
    font-size: 0.8em;
    opacity: 0.85;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .row .badge {
    grid-column: 2;
    grid-row: 1 / span 2;
    align-self: center;
  }
  .badge {
    display: inline-block;
    font-size: 0.8em;
    padding: 1px 6px;
    border-radius: 8px;
    white-space: nowrap;
    border: 1px solid currentColor;
  }
  .badge.due-soon {
    background: #ffb300;
    color: #1a1a1a;
    border-color: #ffb300;
  }
  .badge.overdue {
    background: #c62828;
    color: #fff;
    border-color: #c62828;
  }
  .badge.closed-late {
    background: #5d4037;
    color: #fff;
    border-color: #5d4037;
  }
  .columns {
    display: grid;
    grid-template-columns: repeat(6, minmax(120px, 1fr));
    gap: 6px;
    overflow-x: auto;
    max-height: var(--env-clue-list-height, 320px);
  }
  .column ul {
    list-style: none;
    margin: 0;
    padding: 0;
    max-height: calc(var(--env-clue-list-height, 320px) - 2em);
    overflow-y: auto;
  }
  .column .n {
    opacity: 0.8;
    font-weight: normal;
  }
  .card {
    display: block;
    width: 100%;
    text-align: left;
    margin: 2px 0;
    padding: 3px 4px;
  }
  .card .title {
    display: block;
  }
  .more,
  .empty {
    font-size: 0.85em;
    opacity: 0.85;
  }
  .detail {
    margin-top: 6px;
    border-top: 1px solid var(--env-color-border);
    padding-top: 4px;
  }
  .timeline {
    margin: 4px 0;
    padding-left: 1.2em;
    font-size: 0.85em;
    max-height: 10em;
    overflow-y: auto;
  }
  .timeline .note {
    display: block;
    opacity: 0.9;
  }
  .steps {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
