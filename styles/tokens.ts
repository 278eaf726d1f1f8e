import { unsafeCSS, type CSSResult } from 'lit';

/** The two shipped themes. */
export type ThemeName = 'command-center' | 'public';
export const THEMES: readonly ThemeName[] = ['command-center', 'public'];
export const DEFAULT_THEME: ThemeName = 'command-center';

/** One design token: its value in each theme and what it styles. */
export interface TokenSpec {
  'command-center': string;
  public: string;
  doc: string;
}

/**
 * Every `--env-*` custom property the kit reads, with its value in each theme. The public theme
 * meets WCAG AA: text tokens against `--env-color-surface` have a contrast of at least 4.5:1
 * (checked by the test suite).
 */
export const TOKENS: Readonly<Record<string, TokenSpec>> = Object.freeze({
  '--env-font-family': {
    'command-center': "system-ui, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
    public: "system-ui, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
    doc: 'Font stack of every widget.',
  },
  '--env-font-size': {
    'command-center': '14px',
    public: '14px',
    doc: 'Base font size of widgets.',
  },
  '--env-color-surface': {
    'command-center': '#0e1a2b',
    public: '#ffffff',
    doc: 'Background of panels and widgets.',
  },
  '--env-color-text': { 'command-center': '#e6eef8', public: '#1a1f24', doc: 'Main text colour.' },
  '--env-color-text-muted': {
    'command-center': '#9fb3c8',
    public: '#4a5560',
    doc: 'Secondary text (captions, counters).',
  },
  '--env-color-accent': {
    'command-center': '#37b6ff',
    public: '#0b5cad',
    doc: 'Links, selected items, active controls.',
  },
  '--env-color-border': {
    'command-center': '#27405f',
    public: '#c5ced8',
    doc: 'Panel borders and separators.',
  },
  '--env-color-focus': {
    'command-center': '#ffd166',
    public: '#b35c00',
    doc: 'Keyboard focus ring.',
  },
  '--env-color-danger': {
    'command-center': '#ff6b6b',
    public: '#b00020',
    doc: 'Errors, alarms and a lost connection.',
  },
  '--env-color-ok': {
    'command-center': '#5fd38d',
    public: '#1b6e34',
    doc: 'Healthy states (a vehicle online).',
  },
  '--env-radius': { 'command-center': '4px', public: '6px', doc: 'Corner radius of panels.' },
  '--env-shadow': {
    'command-center': '0 2px 8px rgba(0, 0, 0, 0.5)',
    public: '0 1px 4px rgba(0, 0, 0, 0.2)',
    doc: 'Shadow of floating panels.',
  },
  '--env-space': { 'command-center': '8px', public: '8px', doc: 'Base spacing unit.' },
  '--env-map-background': {
    'command-center': '#08111d',
    public: '#dcecf7',
    doc: 'Map background (sea and areas outside the base map).',
  },
  '--env-basemap-land': {
    'command-center': '#14233a',
    public: '#f4f1ea',
    doc: 'Offline base map: land fill.',
  },
  '--env-basemap-province-stroke': {
    'command-center': '#3d5a80',
    public: '#9a8f7c',
    doc: 'Offline base map: province boundaries.',
  },
  '--env-basemap-city-fill': {
    'command-center': 'rgba(64, 120, 192, 0.12)',
    public: 'rgba(255, 214, 153, 0.25)',
    doc: 'Offline base map: prefecture city fill.',
  },
  '--env-basemap-city-stroke': {
    'command-center': '#5c8ac2',
    public: '#b08a55',
    doc: 'Offline base map: prefecture city boundaries.',
  },
  '--env-basemap-river': {
    'command-center': '#2f7fc1',
    public: '#4a90d9',
    doc: 'Offline base map: rivers.',
  },
  '--env-basemap-label': {
    'command-center': '#cfe3ff',
    public: '#3b3325',
    doc: 'Offline base map: place labels.',
  },
  '--env-basemap-label-halo': {
    'command-center': '#0b1626',
    public: '#ffffff',
    doc: 'Offline base map: halo around labels.',
  },
  '--env-aqi-1': {
    'command-center': 'rgb(0, 228, 0)',
    public: 'rgb(0, 228, 0)',
    doc: 'AQI level 1 (优), HJ 633 appendix A.',
  },
  '--env-aqi-2': {
    'command-center': 'rgb(255, 255, 0)',
    public: 'rgb(255, 255, 0)',
    doc: 'AQI level 2 (良).',
  },
  '--env-aqi-3': {
    'command-center': 'rgb(255, 126, 0)',
    public: 'rgb(255, 126, 0)',
    doc: 'AQI level 3 (轻度污染).',
  },
  '--env-aqi-4': {
    'command-center': 'rgb(255, 0, 0)',
    public: 'rgb(255, 0, 0)',
    doc: 'AQI level 4 (中度污染).',
  },
  '--env-aqi-5': {
    'command-center': 'rgb(153, 0, 76)',
    public: 'rgb(153, 0, 76)',
    doc: 'AQI level 5 (重度污染).',
  },
  '--env-aqi-6': {
    'command-center': 'rgb(126, 0, 35)',
    public: 'rgb(126, 0, 35)',
    doc: 'AQI level 6 (严重污染).',
  },
});

function declarations(theme: ThemeName): string {
  return Object.entries(TOKENS)
    .map(([name, spec]) => `${name}: ${spec[theme]};`)
    .join('\n');
}

/**
 * Theme tokens for a host element: command-centre values by default, public values when the
 * host has `theme="public"`. Styles set on the host element by the page win over these, so a
 * portal restyles with `env-map { --env-color-accent: ... }`.
 * @param when an attribute selector that must also match, e.g. `[standalone]`
 */
export function themeTokens(when = ''): CSSResult {
  return unsafeCSS(`
:host${when ? `(${when})` : ''} {
${declarations('command-center')}
}
:host(${when}[theme='public']) {
${declarations('public')}
}`);
}

/** Whether a value names a shipped theme. */
export function isThemeName(value: unknown): value is ThemeName {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}
