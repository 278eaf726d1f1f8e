import { SseParser } from '../sse-parser.js';
import type { Transport, TransportContext } from '../types.js';
import { requestHeaders, typesParam, withQuery } from './http.js';
import { TimeSlice, yieldToEventLoop } from '../../util/yield.js';

/**
 * Main-thread time the stream's messages may take before the page may draw and answer input:
 * a server's backlog on connecting (a few thousand messages) arrives faster than it is applied,
 * and reading it in one go held the page's first frame back by the whole of it.
 */
const SLICE_MS = 8;

/**
 * Server-sent events over `fetch` streams, so that it can send headers (Authorization) that
 * `EventSource` cannot. Resumes with `Last-Event-ID`, honours `retry:`, stops for good on 204.
 */
export function sseTransport(ctx: TransportContext): Transport {
  let retryMs: number | undefined;
  let stopped = false;

  const reconnect = () => {
    if (stopped) return;
    // After a clean end, the server's retry value; after failures, the growing backoff.
    const delay = retryMs !== undefined && ctx.backoff.attempts === 0 ? retryMs : undefined;
    if (delay !== undefined) ctx.backoff.next();
    ctx.retry(() => void run(), delay);
  };

  async function run(): Promise<void> {
    const last = ctx.lastEventId();
    const headers = requestHeaders(ctx.options, { Accept: 'text/event-stream' });
    if (last !== undefined) headers['Last-Event-ID'] = last;
    let response: Response;
    try {
      response = await ctx.fetch(withQuery(ctx.options.url, { types: typesParam(ctx.options) }), {
        headers,
        cache: 'no-store',
        signal: ctx.signal,
      });
    } catch (e) {
      if (stopped || ctx.signal.aborted) return;
      ctx.error(`SSE connection failed: ${(e as Error).message}`);
      reconnect();
      return;
    }
    if (response.status === 204) {
      stopped = true;
      ctx.setStatus('closed');
      return;
    }
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok || !response.body || !type.startsWith('text/event-stream')) {
      ctx.error(
        response.ok
          ? `SSE response is ${type || 'untyped'}, not text/event-stream`
          : `SSE HTTP ${response.status}`,
      );
      void response.body?.cancel().catch(() => {});
      reconnect();
      return;
    }
    ctx.setStatus('open');
    ctx.connectionOpened();
    let receivedAny = false;
    const parser = new SseParser(
      (event) => {
        if (!receivedAny) {
          receivedAny = true;
          ctx.backoff.reset();
        }
        if (event.event === 'message') ctx.deliver(event.data, event.id);
      },
      (ms) => {
        retryMs = ms;
      },
      undefined,
      () => ctx.error('SSE line longer than 1,000,000 characters dropped'),
    );
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const slice = new TimeSlice(SLICE_MS);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.push(value);
        if (slice.spent()) {
          await yieldToEventLoop();
          slice.renew();
        }
      }
    } catch (e) {
      if (stopped || ctx.signal.aborted) return;
      ctx.error(`SSE stream broke: ${(e as Error).message}`);
    } finally {
      ctx.connectionLost();
    }
    reconnect();
  }

  return {
    start: () => void run(),
    stop: () => {
      stopped = true;
    },
  };
}
