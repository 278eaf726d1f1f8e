import type { Transport, TransportContext } from '../types.js';
import { requestHeaders, typesParam, withQuery } from './http.js';

/**
 * Polling fallback: `GET url?since=<last id>` every `pollIntervalMs`; the response is a JSON
 * array of messages (or `{ "messages": [...] }`). Pauses while the page is hidden.
 */
export function pollTransport(ctx: TransportContext): Transport {
  const interval = ctx.options.pollIntervalMs ?? 5000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const hidden = () =>
    (globalThis as { document?: Document }).document?.visibilityState === 'hidden';

  const later = () => {
    if (stopped) return;
    timer = setTimeout(tick, interval);
  };

  async function tick(): Promise<void> {
    if (stopped) return;
    if (hidden()) {
      later();
      return;
    }
    try {
      const response = await ctx.fetch(
        withQuery(ctx.options.url, { since: ctx.lastEventId(), types: typesParam(ctx.options) }),
        {
          headers: requestHeaders(ctx.options, { Accept: 'application/json' }),
          cache: 'no-store',
          signal: ctx.signal,
        },
      );
      if (response.status === 204) {
        ctx.setStatus('open');
        later();
        return;
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body: unknown = await response.json().catch(() => {
        throw new Error('response is not JSON');
      });
      const messages = Array.isArray(body) ? body : (body as { messages?: unknown })?.messages;
      if (!Array.isArray(messages))
        throw new Error('response is neither an array nor { messages: [...] }');
      ctx.setStatus('open');
      ctx.backoff.reset();
      ctx.deliver(messages);
      later();
    } catch (e) {
      if (stopped || ctx.signal.aborted) return;
      ctx.error(`poll failed: ${(e as Error).message}`);
      ctx.retry(() => void tick());
    }
  }

  return {
    start: () => void tick(),
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
