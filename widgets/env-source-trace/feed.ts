import type { Envelope, StationMeta, StationReading, TypedEnvelope } from '../../src/index.js';
import type { MapHandle } from '../base/context.js';
import { followMapFeed, storedMessages } from '../base/feed-follow.js';

/** What the source trace takes from the feed's stations. */
export interface StationSink {
  /** A station's position and name (`station.meta`). */
  meta(data: StationMeta): void;
  /** A reading (its wind, its values); `fresh` is false for what the feed stored before. */
  reading(data: StationReading, time: number, fresh: boolean): void;
  /** The stations may have changed (after a replay, or a new `station.meta`). */
  changed(): void;
}

function take(sink: StationSink, m: Envelope, fresh: boolean): void {
  if (m.type === 'station.meta') sink.meta((m as TypedEnvelope<'station.meta'>).data);
  else {
    const time = Date.parse(m.time);
    if (Number.isFinite(time))
      sink.reading((m as TypedEnvelope<'station.reading'>).data, time, fresh);
  }
}

/**
 * Follows the stations of the map's feed while `enabled()`: every station's latest
 * `station.meta`, the readings the feed stored (oldest first), then each new message. Returns
 * the function that stops.
 */
export function followStations(
  handle: MapHandle,
  enabled: () => boolean,
  sink: StationSink,
): () => void {
  return followMapFeed(handle, ['station.meta', 'station.reading'], enabled, {
    replay(feed) {
      for (const m of storedMessages(feed, 'station.meta', 'latest')) take(sink, m, false);
      for (const m of storedMessages(feed, 'station.reading')) take(sink, m, false);
      sink.changed();
    },
    message(m) {
      take(sink, m, true);
      if (m.type === 'station.meta') sink.changed();
    },
  });
}
