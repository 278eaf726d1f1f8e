import { css, unsafeCSS } from 'lit';

/**
 * A panel folded to its title: `collapsed` (unless `<env-map>` is measuring it open), or being
 * measured folded. Only a panel that shows the toggle folds.
 */
const folded = unsafeCSS(
  ":host(:is([collapsed]:not([data-env-measure='open']), [data-env-measure='closed'])) .panel:has(.collapse-toggle)",
);

/**
 * Panel look shared by the UI widgets, built only from `--env-*` tokens, with the title button
 * of the panels that fold (see widgets/base/collapsible.ts).
 */
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
    min-width: min(10em, 100% - 2 * var(--env-space) - 2px);
    max-width: 22em;
  }
  .collapse-toggle {
    font: inherit;
    color: inherit;
    background: none;
    border: 0;
    padding: 0;
    margin: 0;
    text-align: start;
    cursor: pointer;
  }
  .collapse-toggle::before {
    content: '';
    display: inline-block;
    margin-inline-end: 0.4em;
    vertical-align: 0.15em;
    border-inline: 0.3em solid transparent;
    border-top: 0.4em solid currentColor;
    transition: transform 0.15s;
  }
  :host([collapsed]) .collapse-toggle::before {
    transform: rotate(-90deg);
  }
  ${folded} {
    min-width: 0;
  }
  ${folded} > :not(h2, .head, [role='status']) {
    display: none;
  }
  ${folded} h2 {
    margin-bottom: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    .collapse-toggle::before {
      transition: none;
    }
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
