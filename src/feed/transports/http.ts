import type { FeedOptions } from '../types.js';

/** HTTP headers for a request: the caller's, plus `Authorization: Bearer <token>`. */
export function requestHeaders(
  options: Readonly<FeedOptions>,
  extra: Record<string, string> = {},
): Record<string, string> {
  const headers: Record<string, string> = { ...options.headers, ...extra };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  return headers;
}

/** `url` with query parameters set (relative URLs resolve against the page in browsers). */
export function withQuery(url: string, params: Record<string, string | undefined>): string {
  const base =
    (globalThis as { location?: { href: string } }).location?.href ?? 'http://localhost/';
  const u = new URL(url, base);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) u.searchParams.set(key, value);
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? u.href : `${u.pathname}${u.search}`;
}

/** The `types` query parameter asked of SSE, WebSocket and poll endpoints. */
export function typesParam(options: Readonly<FeedOptions>): string | undefined {
  return options.topics && options.topics.length > 0 ? options.topics.join(',') : undefined;
}

/** An absolute ws(s) URL for a WebSocket endpoint given as ws(s), http(s) or a path. */
export function toWebSocketUrl(url: string): string {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  if (/^wss?:/i.test(url)) return url;
  if (!base && !/^https?:/i.test(url)) return url;
  const u = new URL(url, base);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.href;
}
