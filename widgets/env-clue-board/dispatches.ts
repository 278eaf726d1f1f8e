// Cases opened from the page's dispatches: a radar hotspot pushed to its team, a camera alarm
// dispatched, a power anomaly or a traced source sent out. Each event is looked at once it has
// gone through every listener: one cancelled by the portal opens nothing.

import {
  clueFromAlarm,
  clueFromAnomaly,
  clueFromHotspot,
  clueFromTrace,
  type ClueFromOptions,
  type ClueUpdate,
  type ZoneIndex,
} from '../../src/index.js';
import type { MapHandle } from '../base/context.js';
import type {
  EnvAlarmDetail,
  EnvDispatchDetail,
  EnvPowerDispatchDetail,
  EnvSourceDispatchDetail,
} from '../base/events.js';
import { findSource } from '../base/source-watch.js';

/** What the dispatches need of the board element. */
interface BoardHost extends HTMLElement {
  noDispatch: boolean;
  zones: string | null;
  now(): number;
  apply(update: ClueUpdate): unknown;
}

type AnyDispatch = EnvDispatchDetail | EnvSourceDispatchDetail | EnvPowerDispatchDetail;

/** The discovered update a dispatch makes, or undefined for one that opens no case. */
export function dispatchUpdate(
  detail: AnyDispatch,
  now: number,
  options: ClueFromOptions,
): ClueUpdate | undefined {
  if ('kind' in detail && detail.kind === 'power-anomaly')
    return clueFromAnomaly(detail.anomaly, detail.enterprise, options);
  if ('kind' in detail && detail.kind === 'source-trace')
    return clueFromTrace({ ...detail, time: now }, options);
  if ('hotspotId' in detail && detail.action === 'push')
    return clueFromHotspot(
      {
        id: detail.hotspotId,
        radarId: detail.radarId,
        lon: detail.lon,
        lat: detail.lat,
        start: detail.start,
        end: detail.end,
      },
      { ...options, note: detail.text },
    );
  return undefined;
}

export class DispatchCases {
  private stopListening: (() => void) | undefined;

  constructor(private readonly host: BoardHost) {}

  start(handle: MapHandle): void {
    this.stop();
    const zones = (): ZoneIndex | undefined =>
      findSource<HTMLElement & { index?: ZoneIndex }>('env-zones', this.host.zones, handle.element)
        ?.index ?? undefined;
    const later = (e: Event, open: () => ClueUpdate | undefined) =>
      setTimeout(() => {
        if (e.defaultPrevented || this.host.noDispatch || !this.host.isConnected) return;
        const update = open();
        if (update) this.host.apply(update);
      });
    const onDispatch = (e: Event) =>
      later(e, () =>
        dispatchUpdate((e as CustomEvent<AnyDispatch>).detail, this.host.now(), { zones: zones() }),
      );
    const onAlarm = (e: Event) => {
      const d = (e as CustomEvent<EnvAlarmDetail>).detail;
      if (d?.action !== 'dispatch') return;
      later(e, () => {
        const meta = handle.feed?.store.latest('camera.meta', d.cameraId)?.data as
          { lon?: number; lat?: number; name?: string } | undefined;
        const at =
          typeof meta?.lon === 'number' && typeof meta.lat === 'number'
            ? { lon: meta.lon, lat: meta.lat, name: d.cameraName ?? meta.name }
            : undefined;
        return clueFromAlarm({ ...d, snapshotUrl: d.snapshotUrl ?? undefined }, at, {
          zones: zones(),
        });
      });
    };
    const root = handle.element.ownerDocument;
    root.addEventListener('env-dispatch', onDispatch);
    root.addEventListener('env-alarm', onAlarm);
    this.stopListening = () => {
      root.removeEventListener('env-dispatch', onDispatch);
      root.removeEventListener('env-alarm', onAlarm);
    };
  }

  stop(): void {
    this.stopListening?.();
    this.stopListening = undefined;
  }
}
