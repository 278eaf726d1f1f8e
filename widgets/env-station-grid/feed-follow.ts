import type { Envelope, StationHistory, TypedEnvelope } from '../../src/index.js';
import type { MapHandle } from '../base/context.js';
import { followMapFeed, storedMessages } from '../base/feed-follow.js';

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
  return followMapFeed(handle, ['station.meta', 'station.reading'], enabled, {
    replay(feed) {
      for (const m of storedMessages(feed, 'station.meta', 'latest')) ingest(history, m);
      for (const m of storedMessages(feed, 'station.reading')) ingest(history, m);
      changed();
    },
    message(m) {
      ingest(history, m);
      changed();
    },
  });
}
