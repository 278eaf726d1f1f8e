import type { Transport, TransportContext } from '../types.js';
import { toWebSocketUrl, typesParam, withQuery } from './http.js';

/**
 * WebSocket: one JSON message (or an array of them) per text frame. After a reconnect it asks
 * for what it missed with `?since=<last id>`; a token goes in `?token=` because browsers cannot
 * set headers on a WebSocket.
 */
export function wsTransport(ctx: TransportContext): Transport {
  const Ctor = ctx.options.WebSocket ?? (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
  let socket: WebSocket | undefined;
  let stopped = false;

  function open(): void {
    if (stopped) return;
    if (!Ctor) {
      ctx.error('no WebSocket implementation: pass options.WebSocket');
      ctx.setStatus('closed');
      return;
    }
    const url = withQuery(toWebSocketUrl(ctx.options.url), {
      since: ctx.lastEventId(),
      types: typesParam(ctx.options),
      token: ctx.options.token,
    });
    let ws: WebSocket;
    try {
      ws = new Ctor(url);
    } catch (e) {
      ctx.error(`WebSocket could not be opened: ${(e as Error).message}`);
      ctx.retry(open);
      return;
    }
    socket = ws;
    let receivedAny = false;
    ws.onopen = () => {
      ctx.setStatus('open');
      ctx.connectionOpened();
    };
    ws.onmessage = (event: MessageEvent) => {
      if (!receivedAny) {
        receivedAny = true;
        ctx.backoff.reset();
      }
      if (typeof event.data === 'string') ctx.deliver(event.data);
      else ctx.error('WebSocket binary frame ignored: messages are JSON text');
    };
    ws.onerror = () => ctx.error('WebSocket error');
    ws.onclose = (event: CloseEvent) => {
      if (socket !== ws) return;
      socket = undefined;
      ctx.connectionLost();
      if (stopped || ctx.signal.aborted) return;
      if (event.code === 1008 || event.code === 4401 || event.code === 4403) {
        ctx.error(`WebSocket closed by the server: ${event.code} ${event.reason}`.trim());
      }
      ctx.retry(open);
    };
  }

  return {
    start: open,
    stop: () => {
      stopped = true;
      const ws = socket;
      socket = undefined;
      try {
        ws?.close(1000, 'client closed');
      } catch {
        // already closed
      }
    },
  };
}
