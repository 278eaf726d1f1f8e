import {
  formatBeijing,
  type EmergencySummary,
  type Locale,
  type NearPlace,
} from '../../src/index.js';
import type { EnvRiverTraceDetail } from '../base/events.js';

/** One list of the emergency summary: a heading and its lines (plain text, with a key each). */
export interface SummaryList {
  title: string;
  rows: Array<{ key: string; text: string }>;
}

const stockText = (p: NearPlace): string =>
  Array.isArray(p.properties['stock'])
    ? (p.properties['stock'] as Array<{ item?: unknown; quantity?: unknown; unit?: unknown }>)
        .map((s) => `${String(s.item ?? '')} ${String(s.quantity ?? '')}${String(s.unit ?? '')}`)
        .join('，')
    : '';

/**
 * The lists of an incident's summary as the panel shows them and the printed summary prints
 * them: receptors, risk substances and materials by ring, experts, and what the spill reaches.
 */
export function summaryLists(
  summary: EmergencySummary,
  downstream: EnvRiverTraceDetail | null,
  locale: Locale,
): SummaryList[] {
  const t = locale.t.bind(locale);
  const n = (v: number) => locale.formatNumber(v, { maximumFractionDigits: 0 });
  const dist = (p: NearPlace) => t('emergency.distance', { m: n(p.distanceM) });
  const ring = (m: number) => t('emergency.ring', { m });
  const join = (...parts: string[]) => parts.filter(Boolean).join(' · ');
  const lists: SummaryList[] = [
    {
      title: t('emergency.receptors'),
      rows: summary.receptors.map((p) => ({ key: p.id, text: join(p.name, dist(p)) })),
    },
    {
      title: t('emergency.risks'),
      rows: summary.risks.flatMap((r) =>
        r.places.map((p) => ({
          key: p.id,
          text: join(
            ring(r.radiusM),
            p.name,
            [p.properties['riskSubstances'] ?? []].flat().join('、'),
            dist(p),
          ),
        })),
      ),
    },
    {
      title: t('emergency.materials'),
      rows: summary.materials.flatMap((r) =>
        r.places.map((p) => ({
          key: p.id,
          text: join(ring(r.radiusM), p.name, stockText(p), dist(p)),
        })),
      ),
    },
    {
      title: t('emergency.experts'),
      rows: summary.experts.map((x) => ({
        key: x.id,
        text: join(x.name, x.matches.join('、'), dist(x)),
      })),
    },
  ];
  if (downstream)
    lists.push({
      title: t('emergency.downstream'),
      rows: downstream.arrivals.map((a) => ({
        key: a.id,
        text: join(
          a.name,
          t('trace.flow', { km: a.flowKm.toFixed(1) }),
          a.arrivalTime !== null
            ? t('trace.arrival', { time: formatBeijing(a.arrivalTime, 'minute') })
            : '',
        ),
      })),
    });
  return lists;
}
