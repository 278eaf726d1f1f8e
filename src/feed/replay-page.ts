import { excerpt } from '../util/errors.js';

/**
 * A replay request or answer that went wrong. `retry` says whether asking again may help (the
 * network, the server's health) or not (an answer that breaks the history's rules).
 */
export class ReplayError extends Error {
  override name = 'ReplayError';
  constructor(
    message: string,
    readonly retry: boolean,
  ) {
    super(message);
  }
}

/** One page of a history: its items as they came, and where the next page is, if it said so. */
export interface ReplayPage {
  items: unknown[];
  /** The absolute URL of the next page (same origin as the history). */
  next: string | undefined;
  /** Whether the answer pages by links (`next` in the body, or a `Link: rel="next"` header). */
  linked: boolean;
  /** A `next` that cannot be followed: the items are good, the reading stops after them. */
  fault?: ReplayError;
}

export interface PageRequest {
  fetch: typeof fetch;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Aborts the request (the client closed, or the replay was started again). */
  signal: AbortSignal;
  /** The origin every `next` link must stay in. */
  origin: string;
}

/** The target of a `Link` header's `rel="next"`, if any. */
function linkNext(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (m && /;\s*rel\s*=\s*"?(?:[^";]*\s)?next(?:\s[^";]*)?"?\s*(?:;|$)/i.test(m[2])) return m[1];
  }
  return undefined;
}

/** Reads a page's body within the time left; the timeout aborts headers and body alike. */
async function fetchText(
  url: string,
  req: PageRequest,
): Promise<{ text: string; link: string | null }> {
  const controller = new AbortController();
  let timedOut = false;
  const abort = () => controller.abort();
  req.signal.addEventListener('abort', abort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeoutMs);
  const failed = (e: unknown, what: string) =>
    new ReplayError(
      timedOut
        ? `no answer within ${req.timeoutMs} ms`
        : `${what}: ${(e as Error)?.message ?? String(e)}`,
      true,
    );
  try {
    let response: Response;
    try {
      response = await req.fetch(url, {
        headers: req.headers,
        cache: 'no-store',
        signal: controller.signal,
      });
    } catch (e) {
      throw failed(e, 'request failed');
    }
    if (!response.ok && response.status !== 204) {
      void response.body?.cancel().catch(() => {});
      throw new ReplayError(`HTTP ${response.status}`, true);
    }
    let text: string;
    try {
      text = response.status === 204 ? '[]' : await response.text();
    } catch (e) {
      throw failed(e, 'answer broke off');
    }
    return { text, link: response.headers.get('link') };
  } finally {
    clearTimeout(timer);
    req.signal.removeEventListener('abort', abort);
  }
}

/**
 * Fetches one page of a history. Accepts a JSON array of messages, or an object whose
 * `messages` is one (with `next`, a URL or null, when the history pages by links); a
 * `Link: <url>; rel="next"` header also names the next page. A `next` link must stay in the
 * history's origin (the request carries the feed's credentials); one that is not is the page's
 * `fault`, its items still good.
 * @throws ReplayError naming what was wrong with the answer
 */
export async function fetchReplayPage(url: string, req: PageRequest): Promise<ReplayPage> {
  const { text, link } = await fetchText(url, req);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ReplayError(`answer is not JSON: ${excerpt(text)}`, true);
  }
  let items: unknown;
  let next: unknown = linkNext(link);
  let linked = next !== undefined;
  if (Array.isArray(body)) items = body;
  else if (typeof body === 'object' && body !== null) {
    items = (body as { messages?: unknown }).messages;
    if ('next' in body) {
      linked = true;
      next = (body as { next?: unknown }).next ?? next;
    }
  }
  if (!Array.isArray(items)) {
    throw new ReplayError(
      `answer is neither a JSON array nor { "messages": [...] }: ${excerpt(text)}`,
      true,
    );
  }
  if (next === undefined || next === null || next === '') return { items, next: undefined, linked };
  if (typeof next !== 'string') {
    const fault = new ReplayError(`"next" must be a URL or null, got ${excerpt(next)}`, false);
    return { items, next: undefined, linked, fault };
  }
  let target: URL;
  try {
    target = new URL(next, url);
  } catch {
    const fault = new ReplayError(`"next" is not a URL: ${excerpt(next)}`, false);
    return { items, next: undefined, linked, fault };
  }
  if (target.origin !== req.origin) {
    const fault = new ReplayError(
      `"next" leads to another origin (${excerpt(target.origin)}), not followed: the history is at ${req.origin}`,
      false,
    );
    return { items, next: undefined, linked, fault };
  }
  return { items, next: target.href, linked };
}
