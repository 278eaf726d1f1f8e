import { property } from 'lit/decorators.js';
import type { PropertyValues } from 'lit';
import type { StateClusterLayer } from '../../layers/index.js';
import { EnvLayerElement } from './EnvLayerElement.js';
import type { MapHandle } from './context.js';
import { findSource } from './source-watch.js';
import type { EnvZones } from '../env-zones/EnvZones.js';

/**
 * Base of the layer elements that draw points by state, clustered (`StateClusterLayer`):
 * enterprises, clue cases. A click on a point selects it (`select(id)`), one on a cluster zooms
 * to it; the points are counted into the zones of `<env-zones>` (every level of a zone's path),
 * whose values the counts become unless `no-zone-values`. Subclasses place their points and
 * states in `restate()`, which runs again when zones are read or the zone attributes change.
 */
export abstract class EnvStatePointsElement<
  S extends string,
  L extends StateClusterLayer<S>,
> extends EnvLayerElement<L> {
  /** Id of the `<env-zones>` to count the points for; default the first in the map. */
  @property() zones: string | null = null;
  /** Do not put the counts into the zones' values. */
  @property({ type: Boolean, attribute: 'no-zone-values' }) noZoneValues = false;
  /** Points closer than this many pixels cluster. Default 36; 0: never. */
  @property({ type: Number, attribute: 'cluster-distance' }) clusterDistance = 36;
  /** Title of the layer (in the layer switcher); default the kit's. */
  @property() name = '';

  private readonly listeners = new Set<() => void>();

  /** Calls `listener` after the states change; returns the function that stops. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Selects a point (as a click would); false for one not drawn. */
  abstract select(id: string | null): boolean;

  /** Works out the states again, redraws, counts per zone and tells the listeners. */
  protected abstract restate(): void;

  protected override layerAttached(handle: MapHandle, layer: L): void {
    const map = handle.map;
    this.listen(
      map.on('singleclick', (e) => {
        const found = layer.pickPoint(e.pixel);
        if (!found) return;
        if (found.kind === 'point') this.select(found.id);
        else
          map.getView().fit(found.extent, {
            padding: [60, 60, 60, 60],
            maxZoom: 16,
            duration: 300,
          });
      }),
      map.on('pointermove', (e) => {
        if (e.dragging) return;
        const hit = layer.pickPoint(e.pixel) !== undefined;
        const target = map.getTargetElement();
        if (!target) return;
        if (hit) target.style.cursor = 'pointer';
        else if (target.style.cursor === 'pointer') target.style.cursor = '';
      }),
    );
    // Zones read after the states were: count again.
    const onZones = () => setTimeout(() => this.isConnected && this.restate());
    handle.element.addEventListener('env-zones-load', onZones);
    this.onDetach(() => handle.element.removeEventListener('env-zones-load', onZones));
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.changedAgain(changed, ['clusterDistance'])) this.reattach();
    if (this.changedAgain(changed, ['zones', 'noZoneValues'])) this.restate();
  }

  /** Whether one of these properties changed after it was first set. */
  protected changedAgain(changed: PropertyValues<this>, keys: string[]): boolean {
    return keys.some((k) => changed.has(k as never) && changed.get(k as never) !== undefined);
  }

  /** The `<env-zones>` counted for, if any. */
  protected zonesElement(): EnvZones | null {
    return findSource<EnvZones>('env-zones', this.zones, this.handle?.element);
  }

  /** Counts items into every zone on the path of their position (empty without zones read). */
  protected countByZone<T extends { lon: number; lat: number }, C>(
    items: Iterable<T>,
    empty: () => C,
    add: (count: C, item: T) => void,
  ): Map<string, C> {
    const out = new Map<string, C>();
    const index = this.zonesElement()?.index;
    if (!index) return out;
    for (const item of items) {
      for (const zone of index.path(item.lon, item.lat)) {
        let c = out.get(zone.id);
        if (c === undefined) out.set(zone.id, (c = empty()));
        add(c, item);
      }
    }
    return out;
  }

  /**
   * Makes each zone's value the `value` of its count (unless `no-zone-values`; nothing before the
   * zones are read), then tells the listeners. The end of every `restate()`.
   */
  protected restated<C>(counts: () => ReadonlyMap<string, C>, value: (count: C) => number): void {
    const zones = this.zonesElement();
    if (zones?.index && !this.noZoneValues) {
      const values = new Map<string, number>();
      for (const [id, c] of counts()) values.set(id, value(c));
      zones.values = values;
    }
    for (const l of this.listeners) l();
  }
}
