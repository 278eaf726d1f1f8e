import type { FeedOptions } from './types.js';

/** createFeed refused one of its options; `option` names it (a TypeError, as it was before). */
export class FeedOptionError extends TypeError {
  override name = 'FeedOptionError';
  constructor(
    readonly option: keyof FeedOptions,
    message: string,
  ) {
    super(`createFeed: ${message}`);
  }
}
