import type { Envelope, StationHistory, TypedEnvelope } from '../../src/index.js';
import type { MapHandle } from '../base/context.js';

/** Puts a `station.meta` or `station.reading` message into a history. */
function ingest(history: StationHistory, message: Envelope): void {
  const m = message as TypedEnvelope<'station.meta'> | TypedEnvelope<'station.reading'>;
  if (m.type === 'station.meta') {
    const d = m.data as TypedEnvelope<'station.meta'>['data'];
    history.setStation({
      id: d.id,
      name: d.name,
      lon: d.lon,
      lat: d.lat,
      kind: d.kind,
      simulated: d.simulated,
    });
  } else {
    const d = m.data as TypedEnvelope<'station.reading'>['data'];
    const time = Date.parse(m.time);
    if (Number.isFinite(time)) history.add(d.stationId, time, d.values);
  }
}

/**
 * Keeps `history` fed from the map's feed while `enabled()`: what the feed stored before, then
 * every new message; follows the map to another feed. Returns the function that stops.
 */
export function followFeed(
  handle: MapHandle,
  history: StationHistory,
  enabled: () => boolean,
  changed: () => void,
): () => void {
  let current: MapHandle['feed'];
  let unsubscribe: (() => void) | undefined;
  const follow = () => {
    const feed = enabled() ? handle.feed : undefined;
    if (feed === current) return;
    unsubscribe?.();
    unsubscribe = undefined;
    current = feed;
    if (!feed) return;
    for (const m of feed.store.latestAll('station.meta')) ingest(history, m);
    for (const key of feed.store.keys('station.reading'))
      for (const m of feed.store.track('station.reading', key, Infinity)) ingest(history, m);
    changed();
    unsubscribe = feed.subscribe(['station.meta', 'station.reading'], (m) => {
      ingest(history, m);
      changed();
    });
  };
  follow();
  const stopHandle = handle.subscribe(follow);
  return () => {
    stopHandle();
    unsubscribe?.();
  };
}
