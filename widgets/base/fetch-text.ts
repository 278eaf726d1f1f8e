/** A URL a widget may fetch: http(s), or relative to the page. Null when it is anything else. */
export function safeUrl(src: string): URL | null {
  try {
    const url = new URL(src, document.baseURI);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * Fetches a text file; `.gz` files are decompressed in the browser (DecompressionStream).
 * @throws Error naming the URL and the HTTP status when the response is not OK
 */
export async function fetchText(url: URL, signal: AbortSignal): Promise<string> {
  return (await fetchResponse(url, signal)).text();
}

/** Fetches a file's bytes (for files whose encoding the reader works out), as `fetchText` does. */
export async function fetchBytes(url: URL, signal: AbortSignal): Promise<ArrayBuffer> {
  return (await fetchResponse(url, signal)).arrayBuffer();
}

async function fetchResponse(url: URL, signal: AbortSignal): Promise<Response> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url.href}`);
  if (!url.pathname.endsWith('.gz') || !response.body) return response;
  return new Response(response.body.pipeThrough(new DecompressionStream('gzip')));
}
