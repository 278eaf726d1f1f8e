// The Vue demo page: the kit's elements straight from Vue 3 render functions (h()), so that no
// template compiler (and no eval) is needed under the strict CSP. Vue is bundled by the demo
// build. docs/frameworks.md shows the same with templates and isCustomElement.
import { createApp, defineComponent, h, onMounted, ref, shallowRef } from 'vue';
import { defineElements, type EnvViewChangeDetail } from '../../widgets/index.js';
import type { ThemeName } from '../../styles/index.js';
import {
  MAP,
  STATIONS_LAYER,
  WAITING,
  describeView,
  loadStations,
  nextTheme,
} from './framework-demo.js';

defineElements();

const App = defineComponent({
  setup() {
    const theme = ref<ThemeName>('public');
    const stations = shallowRef<object>();
    const view = ref(WAITING);
    let events = 0;
    onMounted(() => {
      loadStations().then(
        (data) => (stations.value = data),
        (e: Error) => console.warn(`demo: ${e.message}`),
      );
    });
    return () => [
      h(
        'env-map',
        {
          ...MAP,
          theme: theme.value,
          // onEnvViewChange listens to `env-view-change` (in a template: @env-view-change).
          onEnvViewChange: (e: CustomEvent<EnvViewChangeDetail>) =>
            (view.value = describeView(e.detail, ++events)),
        },
        [
          // `.data`: set as a property (in a template: :data.prop="stations").
          h('env-geojson-layer', { ...STATIONS_LAYER, '.data': stations.value }),
          h('env-layer-switcher', { slot: 'top-right' }),
          h('env-legend', { slot: 'bottom-left' }),
        ],
      ),
      h('aside', [
        h('h2', 'Vue 3'),
        h(
          'button',
          { type: 'button', onClick: () => (theme.value = nextTheme(theme.value)) },
          '切换主题 · Switch theme',
        ),
        h('p', { id: 'event-log', role: 'status' }, view.value),
      ]),
    ];
  },
});

createApp(App).mount('#app');
