/**
 * Lets the event loop run (input, rendering, other tasks) before going on: `scheduler.yield()`
 * where the browser has it, a message through a `MessageChannel` elsewhere. Timers are not
 * used: a background tab clamps them to a second, which would stretch a long job to minutes.
 */
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(undefined);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A budget of main-thread time for work done in pieces: `spent()` tells whether `ms` have
 * passed since the last `renew()` (or since it was made).
 */
export class TimeSlice {
  private started = now();
  constructor(private readonly ms: number) {}
  spent(): boolean {
    return now() - this.started >= this.ms;
  }
  renew(): void {
    this.started = now();
  }
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
