// What `<env-tracks>` knows about its vehicles besides their tracks: kind, battery, mission,
// whether they are outside their patrol area, when they were last heard of.
import type { TrackLayer, TrackVehicle } from '../../layers/index.js';
import {
  GeofenceWatcher,
  type DroneMission,
  type DronePosition,
  type PatrolArea,
} from '../../src/index.js';

export type Kind = 'drone' | 'boat' | 'vehicle';

/** What `<env-tracks>` knows about a vehicle besides its track (for `<env-track-list>`). */
export interface TrackedVehicle {
  id: string;
  kind: Kind;
  name?: string;
  /** `feed` (live) or `file` (read from a track file). */
  origin: 'feed' | 'file';
  /** The file's name, for vehicles from files. */
  file?: string;
  batteryPct?: number;
  missionId?: string;
  missionName?: string;
  /** Wall-clock ms of the last message about it (live vehicles). */
  receivedAt?: number;
  simulated?: boolean;
  /** The excursion out of its mission area it is on now. */
  outside?: { since: number; lon: number; lat: number };
  /** No position for `stale-after` seconds (live vehicles). */
  stale?: boolean;
}

export type TrackStatus = 'online' | 'stale' | 'lowBattery' | 'outside' | 'file';

/** A vehicle with where it is at the shown time and its status. */
export type TrackRow = TrackedVehicle & TrackVehicle & { status: TrackStatus };

const RANK: Record<TrackStatus, number> = {
  outside: 0,
  lowBattery: 1,
  stale: 2,
  online: 3,
  file: 4,
};

export class Fleet {
  readonly vehicles = new Map<string, TrackedVehicle>();
  private readonly geofence = new GeofenceWatcher();
  private readonly missions = new Map<string, { name?: string; droneId: string }>();

  clear(): void {
    this.vehicles.clear();
    this.missions.clear();
    this.geofence.reset();
  }

  /** A vehicle read from a file. */
  addFile(id: string, kind: Kind, name: string, file: string): void {
    this.vehicles.set(id, { id, kind, name, origin: 'file', file });
  }

  /**
   * Takes a `drone.position` (live when `fresh`; replayed from the feed's store otherwise).
   * Returns the vehicle, and whether this position took it out of its patrol area.
   */
  position(
    d: DronePosition,
    time: number,
    fresh: boolean,
  ): { vehicle: TrackedVehicle; left: boolean } {
    const id = d.droneId;
    const kind: Kind = d.kind ?? 'drone';
    const v = this.vehicles.get(id) ?? { id, kind, origin: 'feed' as const };
    v.kind = kind;
    if (d.name) v.name = d.name;
    if (d.batteryPct !== undefined) v.batteryPct = d.batteryPct;
    if (d.missionId) {
      v.missionId = d.missionId;
      v.missionName = this.missions.get(d.missionId)?.name;
    }
    if (d.simulated) v.simulated = true;
    v.receivedAt = fresh ? Date.now() : Math.min(Date.now(), time);
    this.vehicles.set(id, v);
    const change = this.geofence.update(id, d.lon, d.lat, time);
    if (change.left) v.outside = { since: change.left.start, lon: d.lon, lat: d.lat };
    else if (change.returned) v.outside = undefined;
    return { vehicle: v, left: !!change.left };
  }

  /** Takes a `drone.mission`: its area (or river corridor) becomes the vehicle's fence. */
  mission(d: DroneMission): void {
    this.missions.set(d.id, { name: d.name, droneId: d.droneId });
    let area: PatrolArea | undefined;
    if (d.status === 'done' || d.status === 'aborted') area = undefined;
    else if (d.area && d.area.length >= 3) area = { kind: 'polygon', ring: d.area };
    else if (d.route && d.route.length >= 2 && d.corridorM !== undefined)
      area = { kind: 'corridor', line: d.route, widthM: d.corridorM };
    this.geofence.setArea(d.droneId, area);
    const v = this.vehicles.get(d.droneId);
    if (v && (v.missionId === undefined || v.missionId === d.id)) {
      v.missionId = d.id;
      v.missionName = d.name;
      if (!area) v.outside = undefined;
    }
  }

  /**
   * Every vehicle with where it is at the layer's time and its status, most urgent first:
   * outside its area, low battery, offline, online, then recorded tracks.
   */
  rows(layer: TrackLayer, status: (v: TrackedVehicle) => TrackStatus): TrackRow[] {
    const rows: TrackRow[] = [];
    for (const v of this.vehicles.values()) {
      const at = layer.getVehicle(v.id);
      if (at)
        rows.push({ ...v, ...at, origin: v.origin, name: v.name ?? at.name, status: status(v) });
    }
    return rows.sort(
      (a, b) =>
        RANK[a.status] - RANK[b.status] || (a.name ?? a.id).localeCompare(b.name ?? b.id, 'zh-CN'),
    );
  }
}
