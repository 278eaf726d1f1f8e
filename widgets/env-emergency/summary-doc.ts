import { formatBeijing, getLocale, type EmergencySummary, type Locale } from '../../src/index.js';
import type { EnvIncident, EnvRiverTraceDetail } from '../base/events.js';
import { summaryLists } from './summary-lists.js';

/**
 * The printable summary of an incident as a document of its own: the incident, the people per
 * ring, receptors, risk substances, materials, experts and what the spill reaches downstream.
 * Every name from the data is written as text, never parsed as markup.
 */
export function summaryDocument(
  incident: EnvIncident,
  summary: EmergencySummary,
  downstream: EnvRiverTraceDetail | null,
  locale: Locale = getLocale(),
): Document {
  const t = locale.t.bind(locale);
  const n = (v: number) => locale.formatNumber(v, { maximumFractionDigits: 0 });
  const doc = document.implementation.createHTMLDocument(t('emergency.title'));
  doc.documentElement.lang = locale.code;
  const style = doc.createElement('style');
  style.textContent =
    'body{font:14px/1.5 sans-serif;margin:24px;color:#000}h1{font-size:20px}h2{font-size:16px;margin-top:16px}' +
    'table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 8px;text-align:left}';
  doc.head.append(style);
  const add = (tag: string, text: string, parent: HTMLElement = doc.body) => {
    const el = doc.createElement(tag);
    el.textContent = text;
    parent.append(el);
    return el;
  };
  const time = incident.time !== undefined ? formatBeijing(incident.time, 'minute') : '';
  add(
    'h1',
    `${t('emergency.title')} · ${t('emergency.incident', { kind: incident.kind || '—', time })}`,
  );
  add('p', `${incident.lat.toFixed(5)}°N ${incident.lon.toFixed(5)}°E`);
  if (incident.description) add('p', incident.description);
  if (summary.enterprise) add('p', t('emergency.enterprise', { name: summary.enterprise.name }));
  if (summary.substances.length)
    add('p', t('emergency.substances', { list: summary.substances.join('、') }));
  add('h2', t('emergency.people'));
  const table = add('table', '');
  for (const r of summary.people) {
    const tr = doc.createElement('tr');
    add('th', t('emergency.ring', { m: r.radiusM }), tr);
    add('td', t('emergency.villages', { n: r.places.length, p: n(r.population) }), tr);
    add('td', t('emergency.total', { p: n(r.cumulativePopulation) }), tr);
    table.append(tr);
  }
  for (const list of summaryLists(summary, downstream, locale)) {
    add('h2', list.title);
    if (list.rows.length === 0) add('p', t('emergency.none'));
    else {
      const ul = add('ul', '');
      for (const row of list.rows) add('li', row.text, ul);
    }
  }
  return doc;
}
