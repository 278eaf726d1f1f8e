import type { Envelope, FeedClient } from '../../src/index.js';
import type { MapHandle } from './context.js';

/** What an element does with the map's feed while it follows it. */
export interface FeedFollower {
  /** Takes what the feed already stores, when the element takes the feed up. */
  replay(feed: FeedClient): void;
  /** Takes each new message of the followed types. */
  message(envelope: Envelope): void;
  /** Called when the element lets a feed go (it stops, or the map's feed is replaced). */
  left?(): void;
}

/**
 * Follows the map's feed while `enabled()`: what it stored before, then every new message of
 * `types`; moves to the map's next feed when it is replaced. Returns the function that stops.
 */
export function followMapFeed(
  handle: MapHandle,
  types: readonly string[],
  enabled: () => boolean,
  follower: FeedFollower,
): () => void {
  let current: FeedClient | undefined;
  let unsubscribe: (() => void) | undefined;
  const follow = () => {
    const feed = enabled() ? handle.feed : undefined;
    if (feed === current) return;
    if (unsubscribe) {
      unsubscribe();
      unsubscribe = undefined;
      follower.left?.();
    }
    current = feed;
    if (!feed) return;
    follower.replay(feed);
    unsubscribe = feed.subscribe(types, (m) => follower.message(m));
  };
  follow();
  const stopHandle = handle.subscribe(follow);
  return () => {
    stopHandle();
    if (unsubscribe) {
      unsubscribe();
      follower.left?.();
    }
  };
}

/**
 * What the feed stores of `type`: the latest message of each key when `depth` is 'latest',
 * otherwise each key's messages (at most `depth` of them), oldest first.
 */
export function* storedMessages(
  feed: FeedClient,
  type: string,
  depth: number | 'latest' = Infinity,
): Iterable<Envelope> {
  if (depth === 'latest') {
    yield* feed.store.latestAll(type);
    return;
  }
  for (const key of feed.store.keys(type)) yield* feed.store.track(type, key, depth);
}
