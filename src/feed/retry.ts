import type { Backoff } from './backoff.js';

function isOffline(): boolean {
  const nav = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
  return nav !== undefined && nav.onLine === false;
}

/**
 * Runs reconnection attempts after backoff delays. While the platform says it is offline no
 * attempt is made; on `online` (which also resets the backoff), or when a hidden page becomes
 * visible, a pending attempt runs at once.
 */
export class RetryScheduler {
  private wake: (() => void) | undefined;
  private readonly detach: () => void;

  constructor(
    private readonly backoff: Backoff,
    private readonly hooks: { waiting(): void; attempt(): void },
  ) {
    this.detach = this.watchPlatform();
  }

  /** Runs `fn` after `delayMs` (default the next backoff delay) unless `signal` aborts first. */
  schedule(signal: AbortSignal, fn: () => void, delayMs?: number): void {
    if (signal.aborted) return;
    this.hooks.waiting();
    const delay = delayMs ?? this.backoff.next();
    const cancel = () => clearTimeout(timer);
    const run = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', cancel);
      if (this.wake === run) this.wake = undefined;
      if (signal.aborted) return;
      if (isOffline()) {
        this.wake = run; // wait for the online event instead of burning attempts
        return;
      }
      this.hooks.attempt();
      fn();
    };
    signal.addEventListener('abort', cancel, { once: true });
    this.wake = run;
    const timer = setTimeout(run, delay);
  }

  /** Stops listening to the platform. */
  dispose(): void {
    this.detach();
  }

  private watchPlatform(): () => void {
    const target = globalThis as unknown as Partial<EventTarget>;
    if (typeof target.addEventListener !== 'function') return () => {};
    const doc = (globalThis as { document?: Document }).document;
    const online = () => {
      this.backoff.reset();
      this.wake?.();
    };
    const visible = () => {
      if (doc?.visibilityState === 'visible') this.wake?.();
    };
    target.addEventListener('online', online);
    doc?.addEventListener('visibilitychange', visible);
    return () => {
      target.removeEventListener!('online', online);
      doc?.removeEventListener('visibilitychange', visible);
    };
  }
}
