import { property } from 'lit/decorators.js';
import type { PropertyValues } from 'lit';
import { CameraViewshedLayer } from '../../layers/index.js';
import {
  AlarmBoard,
  readGeoTiff,
  type CameraAlarm,
  type CameraMeta,
  type TypedEnvelope,
} from '../../src/index.js';
import { EnvLayerElement } from '../base/EnvLayerElement.js';
import type { MapHandle } from '../base/context.js';
import { alarmDetail } from '../base/alarm-detail.js';
import { followMapFeed, storedMessages } from '../base/feed-follow.js';

/**
 * Surveillance cameras (fire watch towers) with their field of view and what they can see over
 * a DEM, and their fire and smoke alarms as bearing rays clipped to what each camera sees; where
 * rays of two or more cameras cross within `fix-window` minutes the fire's position is estimated
 * (least squares, with a 95 % error ellipse). Cameras and alarms come from the map's feed
 * (`camera.meta`, `camera.alarm`) or from portal code (`cameras`, `board`). Alarms live in
 * `board`, which `<env-alarm-list>` shares to acknowledge, dispatch and close them.
 *
 * @tag env-camera-viewsheds
 * @summary Camera viewsheds over a DEM, fire alarms and cross-bearing fire location.
 *
 * @fires {CustomEvent<EnvAlarmDetail>} env-alarm - An alarm arrived (`raised`) or was clicked on the map (`select`).
 * @fires {CustomEvent<EnvErrorDetail>} env-error - A bad attribute, a DEM that could not be read, or a viewshed that could not be computed.
 */
export class EnvCameraViewsheds extends EnvLayerElement<CameraViewshedLayer> {
  /** URL of a GeoTIFF DEM in a projected CRS in metres (http(s) or relative). */
  @property() dem: string | null = null;
  /** Range of the cameras, metres (a camera's own `rangeM` wins when smaller). */
  @property({ type: Number, attribute: 'max-distance' }) maxDistance = 3000;
  /** Height above the ground of what the cameras look for, metres. */
  @property({ type: Number, attribute: 'target-height' }) targetHeight = 0;
  /** Minutes within which alarms of different cameras may see one fire. */
  @property({ type: Number, attribute: 'fix-window' }) fixWindow = 10;
  /** Bearing standard deviation of the cameras, degrees. */
  @property({ type: Number, attribute: 'bearing-sigma' }) bearingSigma = 1;
  /** Ignore the map's feed. */
  @property({ type: Boolean, attribute: 'no-feed' }) noFeed = false;
  /** Title in the layer switcher and legend. */
  @property() name = '';
  /** Cameras set by portal code (added to those from the feed). */
  @property({ attribute: false }) cameras: readonly CameraMeta[] = [];
  /** The alarms and their states; `<env-alarm-list>` works on the same board. */
  @property({ attribute: false }) board = new AlarmBoard();

  private controller: AbortController | undefined;
  /** Cameras whose viewshed error was reported (once each per DEM). */
  private readonly reported = new Set<string>();

  protected override createLayer(handle: MapHandle): CameraViewshedLayer {
    return new CameraViewshedLayer({
      board: this.board,
      viewProjection: handle.viewProjection,
      language: handle.locale.code === 'en' ? 'en' : 'zh',
      cameras: this.cameras,
      ...this.layerOptions(handle),
    });
  }

  protected override layerAttached(handle: MapHandle, layer: CameraViewshedLayer): void {
    layer.onChange = () => {
      for (const [id, error] of layer.errors)
        if (!this.reported.has(id)) {
          this.reported.add(id);
          this.reportError({ code: 'data', message: `viewshed of camera ${id}: ${error.message}` });
        }
    };
    this.listen(
      handle.map.on('singleclick', (e) => {
        const hit = layer.featureAt(handle.map, e.pixel);
        if (hit?.kind !== 'ray') return;
        const alarm = this.board.get(hit.id);
        if (alarm)
          this.emit('env-alarm', alarmDetail(alarm, 'select', this.cameraName(alarm.cameraId)));
      }),
    );
    this.onDetach(this.followFeed(handle, layer));
    this.loadDem();
    this.onDetach(() => this.controller?.abort());
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const layer = this.layer;
    if (!this.handle || !layer) return;
    if (changed.has('dem') && changed.get('dem') !== undefined) this.loadDem();
    const before = changed.get('cameras') as readonly CameraMeta[] | undefined;
    if (changed.has('cameras') && before !== undefined) {
      for (const c of before)
        if (!this.cameras.some((n) => n.id === c.id)) layer.removeCamera(c.id);
      for (const c of this.cameras) layer.setCamera(c);
    }
    const keys = ['maxDistance', 'targetHeight', 'fixWindow', 'bearingSigma', 'name', 'board'];
    if (
      keys.some(
        (k) => changed.has(k as keyof EnvCameraViewsheds) && changed.get(k as never) !== undefined,
      )
    ) {
      // Options shape every viewshed and fix: a new layer is the simplest correct answer.
      this.reattach();
    }
  }

  /** The name of a camera, when the layer knows it. */
  cameraName(id: string): string | undefined {
    return this.layer?.getCameras().find((c) => c.id === id)?.name;
  }

  private layerOptions(handle: MapHandle) {
    const finite = (v: number, fallback: number, min: number) =>
      Number.isFinite(v) && v >= min ? v : fallback;
    return {
      title: this.name || handle.locale.t('layer.cameras'),
      maxDistance: finite(this.maxDistance, 3000, 1),
      targetHeight: finite(this.targetHeight, 0, 0),
      fixWindowMs: finite(this.fixWindow, 10, 0) * 60_000,
      bearingSigmaDeg: finite(this.bearingSigma, 1, 0.01),
    };
  }

  private followFeed(handle: MapHandle, layer: CameraViewshedLayer): () => void {
    const meta = (m: TypedEnvelope<'camera.meta'>) => layer.setCamera(m.data as CameraMeta);
    const alarm = (m: TypedEnvelope<'camera.alarm'>, fresh: boolean) => {
      const record = layer.addAlarm(m.data as CameraAlarm, m.time);
      if (fresh)
        this.emit('env-alarm', alarmDetail(record, 'raised', this.cameraName(record.cameraId)));
    };
    return followMapFeed(handle, ['camera.meta', 'camera.alarm'], () => !this.noFeed, {
      replay(feed) {
        for (const m of storedMessages(feed, 'camera.meta', 'latest'))
          meta(m as TypedEnvelope<'camera.meta'>);
        for (const m of storedMessages(feed, 'camera.alarm'))
          alarm(m as TypedEnvelope<'camera.alarm'>, false);
      },
      message(m) {
        if (m.type === 'camera.meta') meta(m as TypedEnvelope<'camera.meta'>);
        else alarm(m as TypedEnvelope<'camera.alarm'>, true);
      },
    });
  }

  private loadDem(): void {
    this.controller?.abort();
    const layer = this.layer;
    if (!layer) return;
    if (!this.dem) {
      layer.setDem(undefined);
      return;
    }
    const url = this.urlAttribute('dem', this.dem);
    if (!url) return;
    const controller = new AbortController();
    this.controller = controller;
    fetch(url, { signal: controller.signal })
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.arrayBuffer();
      })
      .then((buffer) => readGeoTiff(buffer))
      .then((dem) => {
        if (controller.signal.aborted || this.layer !== layer) return;
        this.reported.clear();
        layer.setDem(dem);
      })
      .catch((e: Error) => {
        if (!controller.signal.aborted)
          this.reportError({
            code: 'data',
            message: `DEM ${url.href} could not be used: ${e.message}`,
          });
      });
  }
}
