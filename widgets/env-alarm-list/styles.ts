import { css } from 'lit';

export const alarmListStyles = css`
  .scroll {
    max-height: var(--env-alarm-list-height, 24em);
    overflow: auto;
  }
  li {
    border-left: 4px solid var(--env-color-border);
    padding: 4px 6px;
    margin-bottom: 4px;
    border-radius: 2px;
  }
  li:focus-visible,
  button:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--env-color-focus);
    outline-offset: 1px;
  }
  li.new {
    border-left-color: var(--env-alarm-new, #ff3b30);
    animation: flash 1s steps(2, start) infinite;
  }
  li.acknowledged {
    border-left-color: var(--env-alarm-acknowledged, #ff9f0a);
  }
  li.dispatched {
    border-left-color: var(--env-alarm-dispatched, #0a84ff);
  }
  li.closed {
    opacity: 0.6;
  }
  @keyframes flash {
    to {
      background: rgba(255, 59, 48, 0.18);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    li.new {
      animation: none;
      background: rgba(255, 59, 48, 0.18);
    }
  }
  .head {
    display: flex;
    justify-content: space-between;
    gap: 6px;
    font-weight: 600;
  }
  .meta {
    font-size: 0.85em;
    color: var(--env-color-text-muted);
  }
  .actions {
    display: flex;
    gap: 4px;
    margin-top: 4px;
    flex-wrap: wrap;
  }
  button {
    font: inherit;
    font-size: 0.85em;
    color: inherit;
    background: var(--env-color-surface-raised, rgba(127, 127, 127, 0.15));
    border: 1px solid var(--env-color-border);
    border-radius: 3px;
    padding: 1px 8px;
    cursor: pointer;
  }
  button[disabled] {
    opacity: 0.4;
    cursor: default;
  }
  a {
    color: var(--env-color-accent);
  }
`;
