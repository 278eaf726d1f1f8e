import { ContextConsumer } from '@lit/context';
import type BaseLayer from 'ol/layer/Base.js';
import type { EventsKey } from 'ol/events.js';
import { unByKey } from 'ol/Observable.js';
import { readPlaces, type PlacePoint } from '../../src/index.js';
import { EnvElement } from './EnvElement.js';
import type { TextLoads } from './json-loads.js';
import { mapContext, type MapHandle } from './context.js';

/**
 * Base of the layer elements. A layer element is a direct child of `<env-map>`: it creates its
 * OpenLayers layer when it finds the map (on connection) and removes and disposes of it on
 * disconnection, together with every listener it registered through {@link listen}. Adding,
 * removing and re-adding an element leaves nothing behind.
 *
 * Subclasses implement {@link createLayer} and may override {@link layerAttached}.
 */
export abstract class EnvLayerElement<L extends BaseLayer = BaseLayer> extends EnvElement {
  /** The OpenLayers layer while the element is attached to a map. */
  layer: L | undefined;
  /** The map this element is attached to. */
  protected handle: MapHandle | undefined;
  private keys: EventsKey[] = [];
  private cleanups: Array<() => void> = [];
  /** What the current layer was last given, by input name (see {@link inputsChanged}). */
  private readonly given = new Map<string, readonly unknown[]>();

  constructor() {
    super();
    new ContextConsumer(this, {
      context: mapContext,
      subscribe: true,
      callback: (handle) => this.attach(handle),
    });
  }

  /** Creates the layer for a map; called on each attachment. */
  protected abstract createLayer(handle: MapHandle): L;

  /** Called after the layer was added to the map. */
  protected layerAttached(_handle: MapHandle, _layer: L): void {}

  /** Registers OpenLayers listeners that are removed when the element detaches. */
  protected listen(...keys: Array<EventsKey | EventsKey[]>): void {
    this.keys.push(...keys.flat());
  }

  /**
   * Whether an input's values differ from those the current layer was last given, noting them
   * when they do. A layer attached as the element connects loads its inputs then; the first
   * update, which lists every property set so far as changed, must not load them again.
   */
  protected inputsChanged(name: string, values: readonly unknown[]): boolean {
    const before = this.given.get(name);
    if (before && before.length === values.length && before.every((v, i) => v === values[i]))
      return false;
    this.given.set(name, values);
    return true;
  }

  /** Registers a clean-up function run when the element detaches. */
  protected onDetach(cleanup: () => void): void {
    this.cleanups.push(cleanup);
  }

  /**
   * Fetches the GeoJSON points an attribute names and hands them to `use` (an empty attribute:
   * none). What cannot be fetched or read is reported (`env-error`, code `data`) and `use` is
   * not called; points left out are listed on the console.
   */
  protected loadPlaces(
    loads: TextLoads,
    attribute: string,
    value: string | null,
    use: (places: PlacePoint[]) => void,
  ): void {
    if (!value) {
      use([]);
      return;
    }
    const url = this.urlAttribute(attribute, value);
    if (!url) return;
    const failed = (message: string) => this.reportError({ code: 'data', message });
    loads.load(
      attribute,
      url,
      (text) => {
        let read: ReturnType<typeof readPlaces>;
        try {
          read = readPlaces(text);
        } catch (e) {
          failed(`${attribute} from ${url.href} could not be read: ${(e as Error).message}`);
          return;
        }
        if (read.warnings.length)
          console.warn(
            `<${this.localName}> ${attribute} from ${url.href}:\n${read.warnings.join('\n')}`,
          );
        use(read.places);
      },
      failed,
    );
  }

  /** Builds the layer again on the same map (for options the layer cannot change in place). */
  protected reattach(): void {
    if (this.handle) this.attach(this.handle, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.detach();
  }

  private attach(handle: MapHandle | undefined, force = false): void {
    if (!force && handle === this.handle && this.layer) return;
    this.detach();
    if (!handle || !this.isConnected) return;
    this.handle = handle;
    const layer = this.createLayer(handle);
    this.layer = layer;
    handle.map.addLayer(layer);
    // Data read into one view projection must be read again when the projection changes.
    const projection = handle.viewProjection;
    this.onDetach(
      handle.subscribe(() => {
        if (handle.viewProjection !== projection) this.attach(handle, true);
      }),
    );
    this.layerAttached(handle, layer);
  }

  private detach(): void {
    unByKey(this.keys);
    this.keys = [];
    this.given.clear();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    if (this.layer) {
      this.handle?.map.removeLayer(this.layer);
      this.layer.dispose();
    }
    this.layer = undefined;
    this.handle = undefined;
  }
}
