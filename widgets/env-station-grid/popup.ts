import { formatBeijing, type AqiLevel, type Locale } from '../../src/index.js';

export interface StationPopupContent {
  name: string;
  value: number | null;
  pollutant: string;
  level: AqiLevel | null;
  time: number | null;
  locale: Locale;
  simulated: boolean;
}

/**
 * Fills a popup element with a station's name, value, AQI level and time. Every string goes in
 * as text (textContent), never as HTML: names come from feeds and files.
 */
export function stationPopup(element: HTMLElement, c: StationPopupContent): void {
  element.replaceChildren();
  element.className = 'env-station-popup';
  element.setAttribute('role', 'status');
  Object.assign(element.style, {
    background: 'var(--env-color-surface, #fff)',
    color: 'var(--env-color-text, #111)',
    border: '1px solid var(--env-color-border, #999)',
    borderRadius: '4px',
    padding: '4px 8px',
    font: '12px/1.4 system-ui, sans-serif',
    whiteSpace: 'nowrap',
    pointerEvents: 'none',
  });
  const line = (text: string, bold = false) => {
    const div = document.createElement('div');
    div.textContent = text;
    if (bold) div.style.fontWeight = '600';
    element.append(div);
    return div;
  };
  line(c.simulated ? `${c.name} *` : c.name, true);
  const value =
    c.value === null
      ? c.locale.t('grid.noData')
      : c.locale.formatNumber(c.value, { maximumFractionDigits: 1 });
  const row = line(`${c.pollutant} ${value}`);
  if (c.level) {
    const swatch = document.createElement('span');
    Object.assign(swatch.style, {
      display: 'inline-block',
      width: '10px',
      height: '10px',
      marginLeft: '6px',
      background: c.level.color,
      border: '1px solid #333',
    });
    row.append(swatch, ` ${c.locale.code === 'en' ? c.level.category.en : c.level.category.zh}`);
  }
  if (c.time !== null) line(c.locale.t('grid.time', { time: formatBeijing(c.time) }));
}
