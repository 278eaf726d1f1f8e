// The React demo page: the kit's elements through envmap/react (react/index.ts), rendered by
// React 18 with react-dom/client and bundled with React by the demo build. Plain createElement
// calls stand for the JSX a portal would write (docs/frameworks.md shows it).
import { Fragment, createElement as h, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { defineElements } from '../../widgets/index.js';
import type { ThemeName } from '../../styles/index.js';
import { EnvGeoJsonLayer, EnvLayerSwitcher, EnvLegend, EnvMap } from '../../react/index.js';
import {
  MAP,
  STATIONS_LAYER,
  WAITING,
  describeView,
  loadStations,
  nextTheme,
} from './framework-demo.js';

defineElements();

function App() {
  const [theme, setTheme] = useState<ThemeName>('public');
  const [stations, setStations] = useState<object>();
  const [view, setView] = useState(WAITING);
  const events = useRef(0);
  useEffect(() => {
    loadStations().then(setStations, (e: Error) => console.warn(`demo: ${e.message}`));
  }, []);
  return h(
    Fragment,
    null,
    h(
      EnvMap,
      {
        ...MAP,
        theme, // a property of the element, changed by the button
        onEnvViewChange: (e) => setView(describeView(e.detail, ++events.current)),
      },
      // `data` is an object: set as a property, never serialised into an attribute.
      h(EnvGeoJsonLayer, { ...STATIONS_LAYER, data: stations }),
      h(EnvLayerSwitcher, { slot: 'top-right' }), // `slot`: an attribute
      h(EnvLegend, { slot: 'bottom-left' }),
    ),
    h(
      'aside',
      null,
      h('h2', null, 'React 18 + @lit/react'),
      h(
        'button',
        { type: 'button', onClick: () => setTheme(nextTheme) },
        '切换主题 · Switch theme',
      ),
      h('p', { id: 'event-log', role: 'status' }, view),
    ),
  );
}

createRoot(document.getElementById('app')!).render(h(App));
