import { Circle, Fill, Stroke, Style, Text } from 'ol/style.js';

const NO_DATA = '#9e9e9e';

/** A station marker in its level colour, with name and value as canvas text (never HTML). */
export function markerStyle(
  color: string | null,
  station: { name?: string; id: string; value: number | null },
  labels: boolean,
): Style {
  const value = Number.isFinite(station.value) ? String(Math.round(station.value! * 10) / 10) : '—';
  return new Style({
    // Markers always show (and labels keep clear of them); only labels are decluttered.
    image: new Circle({
      declutterMode: 'obstacle',
      radius: 7,
      fill: new Fill({ color: color ?? NO_DATA }),
      stroke: new Stroke({ color: '#1a1a1a', width: 1.5 }),
    }),
    text: labels
      ? new Text({
          text: `${(station.name || station.id).slice(0, 40)} ${value}`,
          offsetY: -16,
          font: '12px system-ui, sans-serif',
          fill: new Fill({ color: '#111' }),
          stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 3 }),
        })
      : undefined,
  });
}

/** The outline of the area at or above a value, labelled with the value along the line. */
export function isolineStyle(value: number): Style {
  return new Style({
    stroke: new Stroke({ color: 'rgba(20, 20, 20, 0.75)', width: 1.25 }),
    text: new Text({
      text: String(Math.round(value * 100) / 100),
      placement: 'line',
      font: '11px system-ui, sans-serif',
      fill: new Fill({ color: '#111' }),
      stroke: new Stroke({ color: 'rgba(255,255,255,0.85)', width: 3 }),
    }),
  });
}
