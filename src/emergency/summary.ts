// What the emergency map lists around an incident: villages and people per ring, sensitive
// receptors, the risk substances held nearby, material stocks and the experts who know the
// substances involved.

import { distanceM } from '../tracks/index.js';
import { NearbyIndex, type LonLatPoint } from './nearby.js';
import { listOf, type PlacePoint } from './points.js';

/** The places the emergency map knows (any may be empty). */
export interface EmergencyPlaces {
  /** Villages and communities; `population` in their properties. */
  villages: readonly PlacePoint[];
  /** Schools, hospitals, care homes, intakes...; `kind` in their properties. */
  receptors: readonly PlacePoint[];
  /** Material depots; `stock` in their properties: [{ item, quantity, unit }]. */
  materials: readonly PlacePoint[];
  /** Experts; `substances` (what they know) and `field` in their properties. */
  experts: readonly PlacePoint[];
  /** Enterprises; `riskSubstances` in their properties. */
  enterprises: readonly PlacePoint[];
}

export interface EmergencyOptions {
  /** Rings for people (villages, receptors), m. Default [1000, 3000]. */
  peopleRingsM?: readonly number[];
  /** Rings for resources (risk substances, materials), m. Default [300, 600]. */
  resourceRingsM?: readonly number[];
  /** The enterprise involved (its risk substances are the incident's unless `substances` is given). */
  enterpriseId?: string;
  /** The substances involved. */
  substances?: readonly string[];
  /** Experts listed when none knows the substances: the nearest this many. Default 5. */
  nearestExperts?: number;
}

export interface NearPlace {
  id: string;
  name: string;
  lon: number;
  lat: number;
  distanceM: number;
  properties: Record<string, unknown>;
}

export interface EmergencyRing {
  radiusM: number;
  /** Places between the ring inside it and this one. */
  places: NearPlace[];
}

export interface EmergencySummary {
  center: LonLatPoint;
  /** The substances involved (given, or the enterprise's). */
  substances: string[];
  enterprise: NearPlace | null;
  /** Villages by people ring, with population within each ring and in all rings up to it. */
  people: Array<EmergencyRing & { population: number; cumulativePopulation: number }>;
  /** Receptors within the outer people ring, nearest first. */
  receptors: NearPlace[];
  /** Enterprises within the resource rings and the risk substances they hold. */
  risks: Array<EmergencyRing & { substances: string[] }>;
  /** Material depots by resource ring. */
  materials: EmergencyRing[];
  /** Experts who know a substance involved (nearest first); the nearest few when none does. */
  experts: Array<NearPlace & { matches: string[] }>;
}

const rings = (radii: readonly number[] | undefined, fallback: number[]): number[] => {
  const r = [...(radii ?? fallback)]
    .filter((x) => Number.isFinite(x) && x > 0)
    .sort((a, b) => a - b);
  if (r.length === 0)
    throw new RangeError(`rings must hold radii > 0 m, got ${JSON.stringify(radii)}`);
  return r;
};

function ringed(
  index: NearbyIndex<PlacePoint>,
  center: LonLatPoint,
  radii: number[],
): EmergencyRing[] {
  const found = index.within(center, radii[radii.length - 1]!);
  return radii.map((radiusM, i) => ({
    radiusM,
    places: found.filter((p) => p.distanceM <= radiusM && (i === 0 || p.distanceM > radii[i - 1]!)),
  }));
}

/** Builds the spatial indices of the places once; `summarize` then answers for any incident. */
export class EmergencyMap {
  private readonly index: { [K in keyof EmergencyPlaces]: NearbyIndex<PlacePoint> };
  private readonly places: EmergencyPlaces;

  constructor(places: Partial<EmergencyPlaces>) {
    this.places = {
      villages: places.villages ?? [],
      receptors: places.receptors ?? [],
      materials: places.materials ?? [],
      experts: places.experts ?? [],
      enterprises: places.enterprises ?? [],
    };
    this.index = {
      villages: new NearbyIndex(this.places.villages),
      receptors: new NearbyIndex(this.places.receptors),
      materials: new NearbyIndex(this.places.materials),
      experts: new NearbyIndex(this.places.experts),
      enterprises: new NearbyIndex(this.places.enterprises),
    };
  }

  /** The lists around an incident at `center`. A RangeError names a bad centre or ring. */
  summarize(center: LonLatPoint, options: EmergencyOptions = {}): EmergencySummary {
    const people = rings(options.peopleRingsM, [1000, 3000]);
    const resources = rings(options.resourceRingsM, [300, 600]);
    const enterprise = options.enterpriseId
      ? this.places.enterprises.find((e) => e.id === options.enterpriseId)
      : undefined;
    const substances = options.substances
      ? [...options.substances]
      : listOf(enterprise?.properties['riskSubstances']);
    const villageRings = ringed(this.index.villages, center, people);
    let total = 0;
    const pop = (p: NearPlace) => {
      const v = Number(p.properties['population']);
      return Number.isFinite(v) && v > 0 ? v : 0;
    };
    const peopleRings = villageRings.map((r) => {
      const population = r.places.reduce((s, p) => s + pop(p), 0);
      total += population;
      return { ...r, population, cumulativePopulation: total };
    });
    const riskRings = ringed(this.index.enterprises, center, resources).map((r) => ({
      ...r,
      substances: [...new Set(r.places.flatMap((p) => listOf(p.properties['riskSubstances'])))],
    }));
    const allExperts = this.index.experts.within(center, 40_075_000);
    const wanted = new Set(substances);
    let experts = allExperts
      .map((x) => ({
        ...x,
        matches: listOf(x.properties['substances']).filter((s) => wanted.has(s)),
      }))
      .filter((x) => x.matches.length > 0);
    if (experts.length === 0)
      experts = allExperts
        .slice(0, options.nearestExperts ?? 5)
        .map((x) => ({ ...x, matches: [] }));
    return {
      center: { lon: center.lon, lat: center.lat },
      substances,
      enterprise: enterprise
        ? {
            ...enterprise,
            distanceM: distanceM(center.lon, center.lat, enterprise.lon, enterprise.lat),
          }
        : null,
      people: peopleRings,
      receptors: this.index.receptors.within(center, people[people.length - 1]!),
      risks: riskRings,
      materials: ringed(this.index.materials, center, resources),
      experts,
    };
  }
}
