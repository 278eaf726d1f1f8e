// The simulated Handan-style river sections and one incident (demo/data/handan, built by
// demo/data/build-handan.ts): five monitoring sections report every step; the section below the
// city exceeds ammonia nitrogen every other minute, as a discharge upstream would make it; a
// leak at one of the simulated enterprises stands as the current incident.
import { readFileSync } from 'node:fs';
import type { Envelope } from '../../../src/index.js';
import { envelopeMaker } from './envelope.js';
import { seededRandom } from './random.js';

interface Section {
  id: string;
  name: string;
  river: string;
  lon: number;
  lat: number;
}

const DATA = new URL('../../data/handan/', import.meta.url);
/** The section whose ammonia rises now and then, and the enterprise of the incident. */
const EXCEEDING = 'HD-S3';
const INCIDENT_ENTERPRISE = 'HD-E05';

export class HandanRivers {
  private readonly sections: Section[];
  private readonly incidentAt: { lon: number; lat: number; name: string } | undefined;
  private readonly envelope = envelopeMaker('handan');
  private readonly random = seededRandom(7);
  private steps = 0;

  constructor() {
    this.sections = JSON.parse(readFileSync(new URL('sections.json', DATA), 'utf8')) as Section[];
    const enterprises = JSON.parse(readFileSync(new URL('enterprises.geojson', DATA), 'utf8')) as {
      features: Array<{
        properties: { id: string; name: string };
        geometry: { coordinates: [number, number] };
      }>;
    };
    const e = enterprises.features.find((f) => f.properties.id === INCIDENT_ENTERPRISE);
    if (e)
      this.incidentAt = {
        lon: e.geometry.coordinates[0],
        lat: e.geometry.coordinates[1],
        name: e.properties.name,
      };
  }

  /** The incident, published once at the start (it stays the feed's latest). */
  metadata(now = new Date()): Envelope[] {
    if (!this.incidentAt) return [];
    return [
      this.envelope(
        'incident',
        {
          id: 'HD-INC-1',
          kind: '危化品泄漏（模拟）',
          lon: this.incidentAt.lon,
          lat: this.incidentAt.lat,
          severity: 'high',
          description: `${this.incidentAt.name} 储罐泄漏（模拟演示）`,
          enterpriseId: INCIDENT_ENTERPRISE,
        },
        new Date(now.getTime() - 20 * 60_000),
      ),
    ];
  }

  private around(v: number, spread = 0.12): number {
    return Math.round(v * (1 + (this.random() - 0.5) * 2 * spread) * 1000) / 1000;
  }

  /** One step: every section's values. */
  tick(now = new Date()): Envelope[] {
    this.steps++;
    const high = Math.floor(now.getTime() / 60_000) % 2 === 0;
    return this.sections.map((s) =>
      this.envelope(
        'river.section',
        {
          id: s.id,
          name: s.name,
          river: s.river,
          lon: s.lon,
          lat: s.lat,
          values: {
            do: this.around(6.4),
            codmn: this.around(4.8),
            cod: this.around(17),
            nh3n: s.id === EXCEEDING && high ? this.around(1.9, 0.05) : this.around(0.6),
            tp: this.around(0.16),
            ph: this.around(7.6, 0.03),
          },
          flowMs: this.around(0.55),
        },
        now,
      ),
    );
  }
}
