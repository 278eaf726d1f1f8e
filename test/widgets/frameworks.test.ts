// The elements from React (through the generated wrappers, react/) and from Vue 3 (render
// functions): attributes and properties reach the elements, `env-*` events reach the framework's
// handlers, and 200 mounts and unmounts leave nothing behind.
//
// The test runner serves ES modules only, and React 18 ships CommonJS (which the demo build
// bundles) or UMD: React comes in here as its UMD scripts, bound to the wrappers' generated
// options exactly as react/index.ts binds them to the 'react' package. Vue comes as its
// ES module build for browsers.
import { expect } from '@esm-bundle/chai';
import { createComponent } from '@lit/react';
import type * as ReactModule from 'react';
import type * as ReactDomClient from 'react-dom/client';
import type * as VueModule from 'vue';
import { fromLonLat } from 'ol/proj.js';
import type {
  EnvGeoJsonLayer,
  EnvLayerSwitcher,
  EnvMap,
  EnvViewChangeDetail,
} from '../../widgets/index.js';
import { envGeoJsonLayer, envLayerSwitcher, envMap } from '../../react/elements.js';
import { cleanup, listenerCount, nextEvent, rendered, until } from './helpers.js';

type ReactGlobal = typeof ReactModule;
type ReactDomGlobal = typeof ReactDomClient & { flushSync(fn: () => void): void };

/** Heze's three national stations: the object a page hands to a layer's `data` property. */
let STATIONS: object;
const SIZE = { width: '300px', height: '200px' };

/** Loads a classic script once. */
function script(src: string): Promise<void> {
  if (document.querySelector(`script[src="${src}"]`)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const el = Object.assign(document.createElement('script'), { src });
    el.onload = () => resolve();
    el.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(el);
  });
}

/** A sized container attached to the document, removed by cleanup(). */
function container(): HTMLElement {
  const div = document.createElement('div');
  div.className = 'fixture';
  document.body.append(div);
  return div;
}

/**
 * Counts the listeners added to `document` and `window` and not removed (the elements and the
 * frameworks must take back what they add) until `stop()`.
 */
function watchListeners(): { live(): number; stop(): void } {
  const live = new Map<EventTarget, Set<string>>();
  const ids = new WeakMap<object, number>();
  let next = 0;
  const key = (type: string, listener: unknown, options?: boolean | EventListenerOptions) => {
    const capture = typeof options === 'boolean' ? options : !!options?.capture;
    if (!ids.has(listener as object)) ids.set(listener as object, next++);
    return `${type}:${capture}:${ids.get(listener as object)}`;
  };
  const restore: Array<() => void> = [];
  for (const target of [document, window] as EventTarget[]) {
    const set = new Set<string>();
    live.set(target, set);
    const add = target.addEventListener;
    const remove = target.removeEventListener;
    target.addEventListener = function (type, listener, options) {
      if (listener) set.add(key(type, listener, options));
      return add.call(this, type, listener, options);
    };
    target.removeEventListener = function (type, listener, options) {
      if (listener) set.delete(key(type, listener, options));
      return remove.call(this, type, listener, options);
    };
    restore.push(() => {
      target.addEventListener = add;
      target.removeEventListener = remove;
    });
  }
  return {
    live: () => [...live.values()].reduce((n, s) => n + s.size, 0),
    stop: () => restore.forEach((r) => r()),
  };
}

/** What a map element holds of OpenLayers: layers and listeners. */
function olCounts(map: EnvMap) {
  const ol = map.map;
  return {
    layers: ol.getLayers().getLength(),
    mapListeners: listenerCount(ol),
    viewListeners: listenerCount(ol.getView()),
    collectionListeners: listenerCount(ol.getLayers()),
  };
}

/** Moves the view and waits for the map's env-view-change (after every listener has had it). */
async function moved(map: EnvMap, lon: number, lat: number): Promise<void> {
  const event = nextEvent<CustomEvent<EnvViewChangeDetail>>(document, 'env-view-change');
  map.map.getView().setCenter(fromLonLat([lon, lat], map.map.getView().getProjection()));
  const { detail } = await event;
  expect(detail.center[0]).to.be.closeTo(lon, 1e-6);
}

/**
 * Adds and removes the map's layer element 200 times through the framework (`show`): each time
 * its layer is on the map, and the map ends with the layers and listeners it began with.
 */
async function churnLayer(map: EnvMap, show: (on: boolean) => Promise<void>): Promise<void> {
  const before = olCounts(map);
  const layers = new Set<unknown>();
  for (let i = 0; i < 200; i++) {
    await show(true);
    const el = map.querySelector('env-geojson-layer') as EnvGeoJsonLayer;
    await el.updateComplete;
    expect(map.map.getLayers().getLength(), `cycle ${i}`).to.equal(before.layers + 1);
    layers.add(el.layer);
    await show(false);
  }
  expect(layers.size).to.equal(200);
  expect(olCounts(map)).to.deep.equal(before);
}

/**
 * Mounts a map with a layer and a widget and unmounts it again, 200 times, through the
 * framework (`mountOnce`): no map element stays in the document, every OpenLayers map has let go
 * of its target and of the layer, and `document` and `window` have no listener more.
 */
async function churnMaps(mountOnce: () => { map: EnvMap; unmount(): void }): Promise<void> {
  const baseline = document.querySelectorAll('env-map').length;
  const watch = watchListeners();
  const maps = new Set<EnvMap>();
  try {
    for (let i = 0; i < 200; i++) {
      const { map, unmount } = mountOnce();
      await map.updateComplete;
      expect(map.map.getTarget(), `cycle ${i}`).to.not.equal(undefined);
      maps.add(map);
      unmount();
    }
  } finally {
    watch.stop();
  }
  expect(maps.size).to.equal(200);
  expect(document.querySelectorAll('env-map').length).to.equal(baseline);
  for (const map of maps) {
    expect(map.isConnected).to.equal(false);
    expect(map.map.getTarget()).to.equal(undefined);
    // The base map alone: the layer element took its layer away when it left.
    expect(map.map.getLayers().getLength()).to.equal(1);
  }
  expect(watch.live()).to.equal(0);
}

describe('frameworks', () => {
  before(async () => {
    STATIONS = (await (await fetch('/demo/data/heze-stations.json')).json()) as object;
  });
  afterEach(cleanup);

  describe('React (@lit/react wrappers)', () => {
    let React: ReactGlobal;
    let ReactDOM: ReactDomGlobal;
    let Map: ReturnType<typeof createComponent<EnvMap, typeof envMap.events>>;
    let Layer: ReturnType<typeof createComponent<EnvGeoJsonLayer, typeof envGeoJsonLayer.events>>;
    let Switcher: ReturnType<
      typeof createComponent<EnvLayerSwitcher, typeof envLayerSwitcher.events>
    >;

    before(async () => {
      await script('/node_modules/react/umd/react.development.js');
      await script('/node_modules/react-dom/umd/react-dom.development.js');
      const w = window as unknown as { React: ReactGlobal; ReactDOM: ReactDomGlobal };
      React = w.React;
      ReactDOM = w.ReactDOM;
      Map = createComponent({ react: React, ...envMap });
      Layer = createComponent({ react: React, ...envGeoJsonLayer });
      Switcher = createComponent({ react: React, ...envLayerSwitcher });
    });

    /** Renders `node` into a new root, committed before it returns. */
    function mount(node: ReactModule.ReactNode): ReactDomClient.Root & { el: HTMLElement } {
      const el = container();
      const root = ReactDOM.createRoot(el);
      ReactDOM.flushSync(() => root.render(node));
      return Object.assign(root, { el });
    }

    function tree(props: {
      center?: string;
      layer?: boolean;
      onView?: (e: CustomEvent<EnvViewChangeDetail>) => void;
    }) {
      const h = React.createElement;
      return h(
        Map,
        {
          id: 'react-map',
          center: props.center ?? '116.4,39.9',
          zoom: 7,
          style: SIZE,
          onEnvViewChange: props.onView,
        },
        props.layer === false ? null : h(Layer, { name: 'Stations', data: STATIONS }),
        h(Switcher, { slot: 'top-right' }),
      );
    }

    it('names each wrapper as its element and listens to env-* events as onEnv… props', () => {
      expect(Map.displayName).to.equal('EnvMap');
      expect(envMap.tagName).to.equal('env-map');
      expect(envMap.events).to.deep.include({
        onEnvViewChange: 'env-view-change',
        onEnvError: 'env-error',
        onEnvRenderComplete: 'env-render-complete',
      });
    });

    it('sets attributes as attributes and properties (objects too) as properties', async () => {
      const root = mount(tree({}));
      const map = root.el.querySelector('env-map') as EnvMap;
      const layer = map.querySelector('env-geojson-layer') as EnvGeoJsonLayer;
      const switcher = map.querySelector('env-layer-switcher') as EnvLayerSwitcher;
      await map.updateComplete;
      expect(map.id).to.equal('react-map');
      expect(switcher.getAttribute('slot')).to.equal('top-right');
      expect(switcher.assignedSlot?.name).to.equal('top-right');
      expect(map.center).to.equal('116.4,39.9');
      expect(map.zoom).to.equal(7);
      // The object went in as it is, not as "[object Object]" in an attribute.
      expect(layer.data).to.equal(STATIONS);
      expect(layer.hasAttribute('data')).to.equal(false);
      expect(layer.name).to.equal('Stations');
      await until(() => layer.layer?.getSource()?.getFeatures().length === 3, 'the features');
      expect(map.map.getLayers().getArray()).to.include(layer.layer);
      const [lon, lat] = map.getViewState().center;
      expect(lon).to.be.closeTo(116.4, 1e-6);
      expect(lat).to.be.closeTo(39.9, 1e-6);
      // A new value on the next render reaches the element.
      ReactDOM.flushSync(() => root.render(tree({ center: '115.48,35.23' })));
      await map.updateComplete;
      expect(map.center).to.equal('115.48,35.23');
      expect(map.getViewState().center[0]).to.be.closeTo(115.48, 1e-6);
      root.unmount();
    });

    it('hands env-view-change to onEnvViewChange; a new handler replaces it, none removes it', async () => {
      const seen: EnvViewChangeDetail[] = [];
      const root = mount(tree({ onView: (e) => seen.push(e.detail) }));
      const map = root.el.querySelector('env-map') as EnvMap;
      await rendered(map);
      seen.length = 0;
      await moved(map, 116, 39.5);
      expect(seen.length).to.be.greaterThan(0);
      expect(seen.at(-1)!.center[0]).to.be.closeTo(116, 1e-6);
      expect(seen.at(-1)!.zoom).to.equal(7);
      const later: EnvViewChangeDetail[] = [];
      ReactDOM.flushSync(() => root.render(tree({ onView: (e) => later.push(e.detail) })));
      const before = seen.length;
      await moved(map, 116.2, 39.6);
      expect(later.at(-1)!.center[0]).to.be.closeTo(116.2, 1e-6);
      expect(seen.length).to.equal(before);
      ReactDOM.flushSync(() => root.render(tree({})));
      const count = later.length;
      await moved(map, 116.4, 39.7);
      expect(later.length).to.equal(count);
      root.unmount();
    });

    it('leaves no layer or listener behind when a layer comes and goes 200 times', async () => {
      const root = mount(tree({ layer: false }));
      const map = root.el.querySelector('env-map') as EnvMap;
      await rendered(map);
      await churnLayer(map, async (on) =>
        ReactDOM.flushSync(() => root.render(tree({ layer: on }))),
      );
      root.unmount();
    });

    it('leaves no map, target or document listener behind after 200 mounts and unmounts', async () => {
      const root = mount(null);
      await churnMaps(() => {
        ReactDOM.flushSync(() => root.render(tree({ onView: () => {} })));
        return {
          map: root.el.querySelector('env-map') as EnvMap,
          unmount: () => ReactDOM.flushSync(() => root.render(null)),
        };
      });
      root.unmount();
    });
  });

  describe('Vue 3 (render functions)', () => {
    let Vue: typeof VueModule;

    before(async () => {
      const url = '/node_modules/vue/dist/vue.runtime.esm-browser.js';
      Vue = (await import(url)) as typeof VueModule;
    });

    /** The map with a layer (`.data` as a property) and a widget in a slot. */
    function tree(props: {
      center?: string;
      layer?: boolean;
      onView?: (e: CustomEvent<EnvViewChangeDetail>) => void;
    }) {
      const h = Vue.h;
      return h(
        'env-map',
        {
          id: 'vue-map',
          center: props.center ?? '116.4,39.9',
          zoom: 7,
          style: SIZE,
          onEnvViewChange: props.onView,
        },
        [
          props.layer === false
            ? null
            : h('env-geojson-layer', { name: 'Stations', '.data': STATIONS }),
          h('env-layer-switcher', { slot: 'top-right' }),
        ],
      );
    }

    /** Mounts a component rendering `render()` into a new container. */
    function mount(render: () => VueModule.VNode | null) {
      const el = container();
      const app = Vue.createApp({ render });
      app.mount(el);
      return { app, el };
    }

    it('sets attributes and properties, `.data` (an object) as a property', async () => {
      const center = Vue.ref('116.4,39.9');
      const { app, el } = mount(() => tree({ center: center.value }));
      const map = el.querySelector('env-map') as EnvMap;
      const layer = map.querySelector('env-geojson-layer') as EnvGeoJsonLayer;
      const switcher = map.querySelector('env-layer-switcher') as EnvLayerSwitcher;
      await map.updateComplete;
      expect(map.id).to.equal('vue-map');
      expect(switcher.assignedSlot?.name).to.equal('top-right');
      expect(map.center).to.equal('116.4,39.9');
      expect(map.zoom).to.equal(7);
      expect(layer.data).to.equal(STATIONS);
      expect(layer.hasAttribute('data')).to.equal(false);
      await until(() => layer.layer?.getSource()?.getFeatures().length === 3, 'the features');
      expect(map.getViewState().center[0]).to.be.closeTo(116.4, 1e-6);
      // Reactive state reaches the element.
      center.value = '115.48,35.23';
      await Vue.nextTick();
      await map.updateComplete;
      expect(map.center).to.equal('115.48,35.23');
      expect(map.getViewState().center[0]).to.be.closeTo(115.48, 1e-6);
      app.unmount();
    });

    it('hands env-view-change to the onEnvViewChange listener (@env-view-change)', async () => {
      const seen: EnvViewChangeDetail[] = [];
      const listening = Vue.ref(true);
      const { app, el } = mount(() =>
        tree({ onView: listening.value ? (e) => seen.push(e.detail) : undefined }),
      );
      const map = el.querySelector('env-map') as EnvMap;
      await rendered(map);
      seen.length = 0;
      await moved(map, 116, 39.5);
      expect(seen.length).to.be.greaterThan(0);
      expect(seen.at(-1)!.center[0]).to.be.closeTo(116, 1e-6);
      listening.value = false;
      await Vue.nextTick();
      const count = seen.length;
      await moved(map, 116.2, 39.6);
      expect(seen.length).to.equal(count);
      app.unmount();
    });

    it('leaves no layer or listener behind when a layer comes and goes 200 times', async () => {
      const show = Vue.ref(false);
      const { app, el } = mount(() => tree({ layer: show.value }));
      const map = el.querySelector('env-map') as EnvMap;
      await rendered(map);
      await churnLayer(map, async (on) => {
        show.value = on;
        await Vue.nextTick();
      });
      app.unmount();
    });

    it('leaves no map, target or document listener behind after 200 mounts and unmounts', async () => {
      await churnMaps(() => {
        const { app, el } = mount(() => tree({ onView: () => {} }));
        return {
          map: el.querySelector('env-map') as EnvMap,
          unmount: () => {
            app.unmount();
            el.remove();
          },
        };
      });
    });
  });
});
