// What the demo pages do beyond the kit's elements, as a portal's own code would; each part
// looks for the elements it works with and does nothing on a page without them.
import type { EnvMap, EnvClueStepDetail, EnvTrackSelectDetail } from '../../widgets/index.js';
import { formatBeijing } from '../../src/index.js';

/**
 * `?transport=ws|mqtt|poll|sensorthings` switches the feed of a map that has one (SSE by
 * default), using the endpoints the demo server announces; the WebSocket and MQTT feeds fill
 * the gaps of their reconnections from the history it announces as `replayUrl` (its poll
 * endpoint).
 */
export function switchFeedTransport(): void {
  const transport = new URLSearchParams(location.search).get('transport');
  const map = document.querySelector<EnvMap>('env-map[feed-url]');
  if (map && transport && transport !== 'sse') {
    fetch('/feed/config.json')
      .then((r) => r.json() as Promise<Record<string, unknown>>)
      .then((config) => {
        const url = config[transport];
        if (typeof url !== 'string')
          throw new Error(`the demo server offers no ${transport} endpoint`);
        const replayUrl = config.replayUrl;
        if ((transport === 'ws' || transport === 'mqtt') && typeof replayUrl === 'string')
          map.setAttribute('feed-replay-url', replayUrl);
        map.setAttribute('feed-transport', transport);
        map.setAttribute('feed-url', url);
      })
      .catch((e: Error) => console.warn(`demo: ${e.message}`));
  }
}

// The Ji'an page: what a portal would do with a chosen track point (seek its inspection video).
export function showTrackSelection(): void {
  const selection = document.getElementById('track-selection');
  if (selection) {
    document.addEventListener('env-track-select', (e) => {
      const d = (e as CustomEvent<EnvTrackSelectDetail>).detail;
      const parts = [d.name ?? d.vehicleId];
      if (Number.isFinite(d.time)) parts.push(formatBeijing(d.time));
      if (d.videoMs !== undefined) {
        const s = d.videoMs / 1000;
        parts.push(`视频 ${Math.floor(s / 60)}:${(s % 60).toFixed(1).padStart(4, '0')}`);
      }
      if (d.alt !== undefined) parts.push(`${d.alt.toFixed(0)} m`);
      if (d.sample)
        parts.push(
          Object.entries(d.sample)
            .map(([k, v]) => `${k} ${v ?? '–'}`)
            .join(', '),
        );
      selection.textContent = `已选：${parts.join(' · ')}`;
    });
  }
}

// The clue pages: a step asked for on the board goes to the demo server, which puts it on the
// feed; the board takes it from there, as every other page showing the case does.
export function postClueSteps(): void {
  if (document.querySelector('env-clue-board')) {
    document.addEventListener('env-clue-step', (e) => {
      e.preventDefault();
      const { update } = (e as CustomEvent<EnvClueStepDetail>).detail;
      fetch('/clues/step', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(update),
      })
        .then(async (r) => {
          if (!r.ok) throw new Error(`HTTP ${r.status}: ${await r.text()}`);
        })
        .catch((err: Error) =>
          console.error(`demo: step ${update.updateId} not taken: ${err.message}`),
        );
    });
  }
}

// The radar page: each zone filled by the number of open hotspots in it (what a portal gives
// `<env-zones>`), counted up the zone's path so that every level shows its total.
export function countRadarZones(): void {
  const radar = document.querySelector('env-radar');
  const zones = document.querySelector('env-zones');
  if (radar && zones) {
    const count = () => {
      const index = zones.index;
      if (!index) return;
      const totals: Record<string, number> = {};
      for (const h of radar.hotspots()) {
        if (h.state === 'closed') continue;
        for (const z of index.path(h.lon, h.lat)) totals[z.id] = (totals[z.id] ?? 0) + 1;
      }
      zones.values = totals;
    };
    radar.subscribe(count);
    zones.addEventListener('env-zones-load', count);
  }
}
