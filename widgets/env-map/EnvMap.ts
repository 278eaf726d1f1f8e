import { html, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import OlMap from 'ol/Map.js';
import { defaults as defaultControls, ScaleLine } from 'ol/control.js';
import { defaults as defaultInteractions } from 'ol/interaction.js';
import { transform } from 'ol/proj.js';
import { getLocale, type FeedClient, type Locale, type LocaleCode } from '../../src/index.js';
import type { ThemeName } from '../../styles/index.js';
import { loadChinaZones, projectionReady, registerChinaProjections } from '../../layers/index.js';
import { EnvElement } from '../base/EnvElement.js';
import {
  feedContext,
  localeContext,
  mapContext,
  themeContext,
  type MapHandle,
} from '../base/context.js';
import {
  MAP_DEFAULTS,
  createView,
  defaultSettings,
  readAttribute,
  parseBasemapAttribute,
  parseCenter,
  parseLang,
  parseProjection,
  parseTheme,
  parseTransport,
  parseZoom,
  type MapSettings,
  type Parsed,
} from './attributes.js';
import { envMapStyles } from './styles.js';
import { BasemapSlot, paletteFrom } from './basemap-slot.js';
import { describeView } from './view-text.js';
import { FeedSlot } from './feed-slot.js';
import { SlotLayout } from './slot-layout.js';

/**
 * The map. It owns an OpenLayers `Map` and shares it, the locale and the theme with the layer
 * elements inside it and with widgets in its corner slots or pointing at it with `for`.
 *
 * Keyboard: the map is focusable; arrow keys pan, `+` and `-` zoom, and a polite live region
 * announces the zoom and centre after each move.
 *
 * Invalid attribute values are reported (console warning naming the attribute, `env-error`
 * event) and the default is used instead; the map always renders.
 *
 * Widgets in the corner slots stack in two columns (top-left above bottom-left, top-right above
 * bottom-right), each at most half the map wide, so that none covers another. Panels that do
 * not fit in their column fold to their title button, the lowest `collapse-priority` first
 * (the layer switcher and legend before the lists), and unfold when room returns; on a map
 * narrower than 40em they fill at most half its height. A panel opened or closed by hand stays
 * so until the map is resized.
 *
 * @tag env-map
 * @summary An OpenLayers map with Chinese coordinate systems, an offline base map and themes.
 *
 * @slot - Layer elements (`<env-geojson-layer>`, ...). They draw on the map, not in the page.
 * @slot top-left - Widgets in the top-left corner.
 * @slot top-right - Widgets in the top-right corner.
 * @slot bottom-left - Widgets in the bottom-left corner.
 * @slot bottom-right - Widgets in the bottom-right corner.
 *
 * @fires {CustomEvent<EnvErrorDetail>} env-error - An attribute value or a layer's data could not be used.
 * @fires {CustomEvent<EnvViewChangeDetail>} env-view-change - The map stopped moving; detail has centre (WGS84) and zoom.
 * @fires {CustomEvent<EnvBasemapChangeDetail>} env-basemap-change - The base map was replaced.
 * @fires {CustomEvent} env-render-complete - Every layer has loaded and the frame is drawn.
 * @fires {CustomEvent<EnvFeedStatusDetail>} env-feed-status - The feed client changed state (connecting, open, reconnecting, closed).
 *
 * @csspart map - The element holding the map canvas; it takes keyboard focus.
 * @csspart announcer - The visually hidden live region.
 *
 * @cssprop --env-map-background - Colour behind the base map.
 * @cssprop --env-basemap-land - Offline base map land fill (see styles/README.md for every token).
 */
export class EnvMap extends EnvElement implements MapHandle {
  static override styles = envMapStyles;

  /** Initial centre as "lon,lat" in WGS84 degrees. Default "115.48,35.23" (Heze). */
  @property({ reflect: true }) center = '115.48,35.23';
  /** Initial zoom level. Default 9. */
  @property({ type: Number, reflect: true }) zoom: number = MAP_DEFAULTS.zoom;
  /** View projection: EPSG:3857 (default), EPSG:4326, EPSG:4490, EPSG:4491-4554 or GCJ-02-MERCATOR. */
  @property({ reflect: true }) projection: string = MAP_DEFAULTS.projection;
  /** Base map: offline (default), tianditu-vec, tianditu-img, amap, osm, or an XYZ/WMTS URL template. */
  @property({ reflect: true }) basemap: string = MAP_DEFAULTS.basemap;
  /** Tianditu key (tk), needed by the Tianditu base maps. */
  @property({ attribute: 'tianditu-key' }) tiandituKey: string | null = null;
  /** Language of every visible string: zh-CN (default) or en. */
  @property({ reflect: true }) override lang = MAP_DEFAULTS.lang as string;
  /** Theme: command-center (dark, default) or public (light). */
  @property({ reflect: true }) theme: string = MAP_DEFAULTS.theme;

  /** Realtime feed endpoint (SSE, WebSocket, poll or MQTT-over-WebSocket URL, or SensorThings root). */
  @property({ attribute: 'feed-url' }) feedUrl: string | null = null;
  /** Transport of `feed-url`: sse (default), ws, mqtt, sensorthings or poll. */
  @property({ attribute: 'feed-transport' }) feedTransport = 'sse';
  /** Comma-separated MQTT topics, or message types to ask an SSE/WebSocket/poll endpoint for. */
  @property({ attribute: 'feed-topics' }) feedTopics: string | null = null;
  /**
   * History that fills the gaps of the feed's reconnections (mqtt, ws and sse): asked
   * `?since=<last id>` after each one, as `createFeed`'s `replayUrl`.
   */
  @property({ attribute: 'feed-replay-url' }) feedReplayUrl: string | null = null;

  /** The OpenLayers map, for portal code. */
  readonly map: OlMap;

  /** True once the current view has been drawn completely (reset when loading starts again). */
  @state() renderComplete = false;

  @query('.map') private container!: HTMLDivElement;
  @state() private announcement = '';

  /** The settings in effect: the attributes where valid, else the defaults. */
  private effective: MapSettings = defaultSettings();
  private readonly basemapSlot: BasemapSlot;
  private readonly feedSlot = new FeedSlot({
    status: (client) =>
      this.emit('env-feed-status', { status: client.status, stats: client.stats }),
    changed: (client) => {
      this.feedProvider.setValue(client);
      for (const listener of [...this.listeners]) listener();
    },
  });
  private readonly feedProvider = new ContextProvider(this, {
    context: feedContext,
    initialValue: undefined,
  });
  private initialized = false;
  private listeners = new Set<() => void>();
  private resizeObserver: ResizeObserver | undefined;
  private slotLayout: SlotLayout | undefined;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  private renderWaiters: Array<() => void> = [];
  private readonly mapProvider = new ContextProvider(this, {
    context: mapContext,
    initialValue: this,
  });
  private readonly localeProvider = new ContextProvider(this, {
    context: localeContext,
    initialValue: getLocale(MAP_DEFAULTS.lang),
  });
  private readonly themeProvider = new ContextProvider(this, {
    context: themeContext,
    initialValue: MAP_DEFAULTS.theme,
  });

  constructor() {
    super();
    registerChinaProjections();
    this.map = new OlMap({
      controls: defaultControls({
        rotate: false,
        attributionOptions: { collapsible: true },
      }).extend([new ScaleLine()]),
      interactions: defaultInteractions(),
      view: createView(this.effective),
    });
    this.basemapSlot = new BasemapSlot(this.map);
    this.map.on('loadstart', () => {
      this.renderComplete = false;
    });
    this.map.on('rendercomplete', () => this.onRenderComplete());
    this.map.on('moveend', () => this.onMoveEnd());
  }

  // --- MapHandle ---------------------------------------------------------------------------

  get element(): HTMLElement {
    return this;
  }

  get viewProjection(): string {
    return this.effective.projection;
  }

  get locale(): Locale {
    return getLocale(this.effective.lang);
  }

  /** The theme in effect (the `theme` attribute when valid). */
  get activeTheme(): ThemeName {
    return this.effective.theme;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The feed client: made from `feed-url`, or one set here by portal code (then kept, not disposed of). */
  get feed(): FeedClient | undefined {
    return this.feedSlot.current;
  }

  set feed(client: FeedClient | undefined) {
    this.feedSlot.useExternal(client);
  }

  /** Resolves when the map next finishes drawing everything (at once if it has). */
  whenRendered(): Promise<void> {
    if (this.renderComplete) return Promise.resolve();
    return new Promise((resolve) => this.renderWaiters.push(resolve));
  }

  /** The current view centre as [lon, lat] in WGS84 and the zoom. */
  getViewState(): { center: [number, number]; zoom: number } {
    const view = this.map.getView();
    const c = view.getCenter() ?? [0, 0];
    const lonLat = transform(c, this.effective.projection, 'EPSG:4326') as [number, number];
    return { center: lonLat, zoom: view.getZoom() ?? 0 };
  }

  // --- lifecycle ---------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) {
      this.attachMap();
      if (!this.feedSlot.current) this.applyFeed();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.slotLayout?.disconnect();
    clearTimeout(this.announceTimer);
    this.map.setTarget(undefined);
    // A feed the map made itself stops with it; one set by portal code is left running.
    if (this.feedSlot.ownsCurrent) this.feedSlot.clear();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const first = !this.hasUpdated;
    if (first || changed.has('lang')) {
      this.effective.lang = this.read('lang', this.lang, parseLang, MAP_DEFAULTS.lang);
    }
    if (first || changed.has('theme')) {
      this.effective.theme = this.read('theme', this.theme, parseTheme, MAP_DEFAULTS.theme);
    }
    if (first || changed.has('basemap')) {
      this.effective.basemap = this.read('basemap', this.basemap, parseBasemapAttribute, {
        kind: 'offline',
      });
    }
    const viewChanged = changed.has('projection') || changed.has('center') || changed.has('zoom');
    if (first || viewChanged) {
      const projection = this.read(
        'projection',
        this.projection,
        parseProjection,
        MAP_DEFAULTS.projection,
      );
      if (!projectionReady(projection)) {
        // A Gauss-Krüger zone in the script-tag build: proj4 loads first, then the view follows.
        loadChinaZones().then(
          () => this.requestUpdate('projection'),
          (e: unknown) =>
            this.reportError({
              code: 'attribute',
              attribute: 'projection',
              value: projection,
              message: `projection ${projection} cannot be used: ${(e as Error).message}`,
            }),
        );
        if (!first) return;
      } else this.effective.projection = projection;
      this.effective.center = this.read('center', this.center, parseCenter, MAP_DEFAULTS.center);
      const rawZoom = this.getAttribute('zoom') ?? this.zoom;
      this.effective.zoom = this.read('zoom', rawZoom, parseZoom, MAP_DEFAULTS.zoom);
      this.map.setView(createView(this.effective));
    }
  }

  protected override render() {
    const t = this.locale.t;
    return html`
      <div
        class="map"
        part="map"
        tabindex="0"
        role="application"
        aria-roledescription="map"
        aria-label=${t('map.label')}
        aria-describedby="keyboard-help"
      ></div>
      <span id="keyboard-help" class="announce">${t('map.keyboardHelp')}</span>
      <div class="announce" part="announcer" role="status" aria-live="polite" aria-atomic="true">
        ${this.announcement}
      </div>
      <div class="layers"><slot></slot></div>
      <div class="frame">
        <div class="column left">
          <div class="corner top-left"><slot name="top-left"></slot></div>
          <div class="corner bottom-left"><slot name="bottom-left"></slot></div>
        </div>
        <div class="column right">
          <div class="corner top-right"><slot name="top-right"></slot></div>
          <div class="corner bottom-right"><slot name="bottom-right"></slot></div>
        </div>
      </div>
    `;
  }

  protected override firstUpdated(): void {
    this.attachMap();
  }

  protected override updated(changed: PropertyValues<this>): void {
    const first = !this.initialized;
    this.initialized = true;
    const settings = ['lang', 'theme', 'basemap', 'tiandituKey', 'projection'] as const;
    const settingsChanged = settings.some((k) => changed.has(k));
    if (first || settingsChanged) {
      this.localeProvider.setValue(this.locale);
      this.themeProvider.setValue(this.effective.theme);
      this.setAttribute('theme', this.effective.theme);
      const basemapChanged =
        first ||
        changed.has('basemap') ||
        changed.has('tiandituKey') ||
        changed.has('projection') ||
        (changed.has('lang') && this.effective.basemap.kind === 'offline');
      if (basemapChanged) this.applyBasemap();
      else if (changed.has('theme')) this.basemapSlot.setPalette(paletteFrom(this));
      this.map.getTargetElement()?.setAttribute('lang', this.effective.lang);
      this.mapProvider.setValue(this, true);
      for (const listener of [...this.listeners]) listener();
    }
    if (
      first ||
      changed.has('feedUrl') ||
      changed.has('feedTransport') ||
      changed.has('feedTopics') ||
      changed.has('feedReplayUrl')
    ) {
      this.applyFeed();
    }
  }

  private applyFeed(): void {
    if (!this.feedUrl) {
      if (this.feedSlot.ownsCurrent) this.feedSlot.clear();
      return;
    }
    const transport = this.read('feed-transport', this.feedTransport, parseTransport, 'sse');
    const topics = this.feedTopics
      ?.split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const replayUrl = this.feedReplayUrl?.trim() || undefined;
    for (const { attribute, message } of this.feedSlot.connect(
      this.feedUrl,
      transport,
      topics,
      replayUrl,
    )) {
      const value = (attribute === 'feed-url' ? this.feedUrl : replayUrl) ?? '';
      this.reportError({ code: 'attribute', attribute, value, message });
    }
  }

  // --- internals ---------------------------------------------------------------------------

  /** An attribute's value, or `fallback` after reporting why the value cannot be used. */
  private read<T>(
    attribute: string,
    raw: unknown,
    parse: (v: string) => Parsed<T>,
    fallback: T,
  ): T {
    return readAttribute(raw, parse, fallback, (reason) =>
      this.reportError({
        code: 'attribute',
        attribute,
        value: String(raw),
        message: this.locale.t('error.attribute', {
          name: attribute,
          value: String(raw).slice(0, 60),
          reason,
        }),
      }),
    );
  }

  private attachMap(): void {
    this.map.setTarget(this.container);
    this.resizeObserver ??= new ResizeObserver(() => this.map.updateSize());
    this.resizeObserver.observe(this);
    this.slotLayout ??= new SlotLayout(this, this.renderRoot as ShadowRoot);
    this.slotLayout.connect();
    this.map.updateSize();
  }

  private applyBasemap(): void {
    const spec = this.effective.basemap;
    const { kind, error } = this.basemapSlot.set(spec, {
      viewProjection: this.effective.projection,
      tiandituKey: this.tiandituKey,
      palette: paletteFrom(this),
      offlineAttribution: this.locale.t('basemap.attribution'),
    });
    if (error) {
      const tianditu = spec.kind.startsWith('tianditu');
      this.reportError({
        code: 'attribute',
        attribute: tianditu ? 'tianditu-key' : 'basemap',
        value: tianditu ? '' : this.basemap,
        message: error.message,
      });
    }
    this.emit('env-basemap-change', { basemap: kind });
  }

  private onRenderComplete(): void {
    this.renderComplete = true;
    for (const resolve of this.renderWaiters.splice(0)) resolve();
    this.emit('env-render-complete', {});
  }

  private onMoveEnd(): void {
    const { center, zoom } = this.getViewState();
    this.emit('env-view-change', { center, zoom });
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      this.announcement = describeView(this.locale, center, zoom);
    }, 250);
  }
}

/** The locale code type, re-exported for convenience. */
export type { LocaleCode };
