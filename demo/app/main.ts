// The demo pages' script: the kit's elements registered from its ESM sources, bundled by rollup
// as a portal's own build would do. `?transport=ws|mqtt|poll|sensorthings` switches the feed
// of a map that has one (SSE by default), using the endpoints the demo server announces.
import { defineElements } from '../../widgets/index.js';

defineElements();

const transport = new URLSearchParams(location.search).get('transport');
const map = document.querySelector('env-map[feed-url]');
if (map && transport && transport !== 'sse') {
  fetch('/feed/config.json')
    .then((r) => r.json() as Promise<Record<string, string>>)
    .then((config) => {
      if (!config[transport]) throw new Error(`the demo server offers no ${transport} endpoint`);
      map.setAttribute('feed-transport', transport);
      map.setAttribute('feed-url', config[transport]);
    })
    .catch((e: Error) => console.warn(`demo: ${e.message}`));
}
