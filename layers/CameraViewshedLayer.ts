import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { fromLonLat } from 'ol/proj.js';
import type { Pixel } from 'ol/pixel.js';
import type Map from 'ol/Map.js';
import {
  AlarmBoard,
  ViewshedWorker,
  loadProj4,
  lonLatTransform,
  proj4Loaded,
  type AlarmRecord,
  type CameraAlarm,
  type CameraMeta,
  type CameraViewshedResult,
  type LonLatTransform,
  type Raster,
} from '../src/index.js';
import { setLegend, TITLE_PROPERTY } from './legend.js';
import {
  locateOnMap,
  SceneFeatures,
  type FireFixOnMap,
  type FixWithRing,
} from './camera-viewsheds/features.js';

export type { FireFixOnMap };
import {
  ALARM_COLORS,
  CAMERA_COLOR,
  FIX_COLOR,
  VISIBLE_COLOR,
  cameraLayerStyle,
} from './camera-viewsheds/styles.js';

export interface CameraViewshedLayerOptions {
  cameras?: readonly CameraMeta[];
  /** The terrain, in a projected CRS in metres. Without it no viewsheds; rays are drawn whole. */
  dem?: Raster;
  /** Range of every camera, metres; a camera's own `rangeM` wins when smaller. Default 3000. */
  maxDistance?: number;
  /** Height above the ground of what is looked for (smoke rises), metres. Default 0. */
  targetHeight?: number;
  curvatureCoefficient?: number;
  /** Where alarms and their states live; share one with `<env-alarm-list>`. Default a new one. */
  board?: AlarmBoard;
  /** Where viewsheds are computed and cached; default a ViewshedWorker of its own. */
  worker?: ViewshedWorker;
  /** Alarms of different cameras this close in time may see one fire, ms. Default 10 minutes. */
  fixWindowMs?: number;
  /** Bearing standard deviation of the cameras, degrees. Default 1. */
  bearingSigmaDeg?: number;
  /** Language of the legend. Default zh. */
  language?: 'zh' | 'en';
  title?: string;
  /** The projection of the map's view. Default EPSG:3857. */
  viewProjection?: string;
}

const LEGEND = {
  zh: ['监控点', '可视范围', '新报警', '已确认', '已派发', '火点定位'],
  en: ['Camera', 'Visible area', 'New alarm', 'Acknowledged', 'Dispatched', 'Fire fix'],
};

let demKeys = 0;

/**
 * Cameras as icons with their field-of-view wedge and viewshed polygons over a DEM (computed in
 * a worker, cached per camera and DEM), alarms as bearing rays clipped to what the camera can
 * see, coloured by state (new ones flash), and fires located where rays of different cameras
 * cross (least squares, with the 95 % error ellipse).
 */
export default class CameraViewshedLayer extends VectorLayer<VectorSource> {
  readonly board: AlarmBoard;
  private options: CameraViewshedLayerOptions;
  private readonly cameras = new globalThis.Map<string, CameraMeta>();
  private readonly views = new globalThis.Map<string, CameraViewshedResult>();
  private readonly worker: ViewshedWorker;
  private readonly ownWorker: boolean;
  private demKey = '';
  private demToken = 0;
  private demCrs: LonLatTransform | null = null;
  private fixes: FixWithRing[] = [];
  private readonly scene = new SceneFeatures();
  private readonly flashState: { on: boolean };
  private flashTimer: ReturnType<typeof setInterval> | undefined;
  private readonly unsubscribe: () => void;
  private pending: Promise<void> = Promise.resolve();
  /** Errors from viewsheds that could not be computed, by camera id. */
  readonly errors = new globalThis.Map<string, Error>();
  /** Called after viewsheds, alarms or fixes changed. */
  onChange: (() => void) | null = null;

  constructor(options: CameraViewshedLayerOptions = {}) {
    const flash = { on: true };
    super({ source: new VectorSource(), style: cameraLayerStyle(() => flash.on) });
    this.flashState = flash;
    this.options = { ...options };
    this.board = options.board ?? new AlarmBoard();
    this.worker = options.worker ?? new ViewshedWorker();
    this.ownWorker = !options.worker;
    this.unsubscribe = this.board.subscribe(() => this.redraw());
    this.set(TITLE_PROPERTY, options.title);
    const names = LEGEND[options.language ?? 'zh'];
    const colors = [CAMERA_COLOR, VISIBLE_COLOR, ALARM_COLORS.new, ALARM_COLORS.acknowledged];
    setLegend(this, [
      { label: names[0]!, color: colors[0]!, shape: 'point' },
      { label: names[1]!, color: colors[1]!, shape: 'fill' },
      { label: names[2]!, color: colors[2]!, shape: 'line' },
      { label: names[3]!, color: colors[3]!, shape: 'line' },
      { label: names[4]!, color: ALARM_COLORS.dispatched, shape: 'line' },
      { label: names[5]!, color: FIX_COLOR, shape: 'point' },
    ]);
    if (options.dem) this.setDem(options.dem);
    for (const c of options.cameras ?? []) this.setCamera(c);
    this.redraw();
  }

  /** Adds or replaces a camera; its viewshed follows. */
  setCamera(camera: CameraMeta): void {
    if (this.cameras.get(camera.id) === camera) return;
    this.cameras.set(camera.id, camera);
    this.views.delete(camera.id);
    this.computeViewshed(camera);
    this.redraw();
  }

  removeCamera(id: string): void {
    this.cameras.delete(id);
    this.views.delete(id);
    this.redraw();
  }

  getCameras(): CameraMeta[] {
    return [...this.cameras.values()];
  }

  /**
   * Uses a new DEM (projected, metres); every viewshed is computed again.
   * @throws RangeError for a DEM whose CRS proj4 does not know
   */
  setDem(dem: Raster | undefined): void {
    const token = ++this.demToken;
    if (dem && !proj4Loaded()) {
      // The script-tag build loads proj4 on first use; the newest DEM set wins.
      loadProj4().then(
        () => {
          if (token === this.demToken) this.setDem(dem);
        },
        (e: unknown) => {
          if (token !== this.demToken) return;
          // Every camera's viewshed says why it is missing (getViewshedError).
          for (const c of this.cameras.values()) this.errors.set(c.id, e as Error);
          this.redraw();
        },
      );
      return;
    }
    if (this.demKey) this.worker.dropDem(this.demKey);
    this.views.clear();
    this.errors.clear();
    this.options.dem = dem;
    this.demKey = dem ? `dem-${++demKeys}` : '';
    this.demCrs = dem ? lonLatTransform(dem.crs) : null;
    if (dem) this.worker.setDem(this.demKey, dem);
    for (const c of this.cameras.values()) this.computeViewshed(c);
    this.redraw();
  }

  /** Records an alarm from the feed (`time`: the envelope's time). */
  addAlarm(alarm: CameraAlarm, time: string | Date): AlarmRecord {
    return this.board.add(alarm, time);
  }

  /** The viewshed of a camera, once computed. */
  getViewshed(cameraId: string): CameraViewshedResult | undefined {
    return this.views.get(cameraId);
  }

  /** Fires located from the current alarms. */
  getFixes(): FireFixOnMap[] {
    return this.fixes.map(({ ring: _ring, ...fix }) => fix);
  }

  /** Resolves when every viewshed asked for so far has been computed (or has failed). */
  whenIdle(): Promise<void> {
    return this.pending;
  }

  /** The camera, alarm or fix under a pixel: `{ kind, id }`, or null. */
  featureAt(map: Map, pixel: Pixel): { kind: string; id: string } | null {
    let found: { kind: string; id: string } | null = null;
    map.forEachFeatureAtPixel(
      pixel,
      (f) => {
        const kind = f.get('kind') as string;
        if (['camera', 'ray', 'fix'].includes(kind)) found = { kind, id: String(f.get('id')) };
        return found !== null;
      },
      { layerFilter: (l) => l === this, hitTolerance: 4 },
    );
    return found;
  }

  override disposeInternal(): void {
    clearInterval(this.flashTimer);
    this.unsubscribe();
    if (this.ownWorker) this.worker.terminate();
    else if (this.demKey) this.worker.dropDem(this.demKey);
    super.disposeInternal();
  }

  private rangeOf(camera: CameraMeta): number {
    const max = this.options.maxDistance ?? 3000;
    return camera.rangeM > 0 ? Math.min(max, camera.rangeM) : max;
  }

  private computeViewshed(camera: CameraMeta): void {
    const dem = this.options.dem;
    if (!dem || !this.demCrs) return;
    const key = this.demKey;
    const [x, y] = this.demCrs.fromLonLat([camera.lon, camera.lat]);
    const job = this.worker
      .viewshed(key, {
        observer: { x, y, height: camera.heightM },
        options: {
          maxDistance: this.rangeOf(camera),
          targetHeight: this.options.targetHeight ?? 0,
          curvatureCoefficient: this.options.curvatureCoefficient,
          heading: camera.heading,
          fov: camera.fov,
        },
      })
      .then(
        (result) => {
          if (key !== this.demKey || this.cameras.get(camera.id) !== camera) return;
          this.errors.delete(camera.id);
          this.views.set(camera.id, result);
          this.redraw();
        },
        (error: Error) => {
          if (key === this.demKey) this.errors.set(camera.id, error);
          this.redraw();
        },
      );
    this.pending = Promise.all([this.pending, job]).then(() => undefined);
  }

  /** Lon/lat to the view's projection (one function, so that the scene's kept features stay). */
  private readonly toView = (p: readonly [number, number]) =>
    fromLonLat([p[0], p[1]], this.options.viewProjection ?? 'EPSG:3857');

  /** Gathers the features (the scene keeps those whose inputs did not change). */
  private redraw(): void {
    // A viewshed that finishes after the layer was disposed has nothing to draw on.
    const source = this.getSource();
    if (!source) return;
    const alarms = this.board.list().filter((a) => a.state !== 'closed');
    this.fixes = locateOnMap(alarms, [...this.cameras.values()], {
      windowMs: this.options.fixWindowMs,
      range: this.options.maxDistance ?? 3000,
      sigmaDeg: this.options.bearingSigmaDeg ?? 1,
    });
    source.clear(true);
    source.addFeatures(
      this.scene.build({
        cameras: [...this.cameras.values()],
        views: this.views,
        demCrs: this.demCrs,
        alarms,
        fixes: this.fixes,
        rangeOf: (c) => this.rangeOf(c),
        toView: this.toView,
      }),
    );
    this.flash(alarms.some((a) => a.state === 'new'));
    this.onChange?.();
  }

  /** New alarms flash (twice a second) unless the user asked for reduced motion. */
  private flash(on: boolean): void {
    const reduced =
      typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (on && !reduced && this.flashTimer === undefined)
      this.flashTimer = setInterval(() => {
        this.flashState.on = !this.flashState.on;
        this.changed();
      }, 500);
    if ((!on || reduced) && this.flashTimer !== undefined) {
      clearInterval(this.flashTimer);
      this.flashTimer = undefined;
      this.flashState.on = true;
    }
  }
}
