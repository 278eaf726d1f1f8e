import type {
  MeterReading,
  PowerAnomaly,
  PowerEnterprise,
  PowerOptions,
  PowerSeries,
  PowerStats,
} from '../enterprises/index.js';
import type { WorkerReply } from './module-worker.js';

export type PowerWorkerMessage =
  | { kind: 'enterprises'; enterprises: PowerEnterprise[]; intervalMin?: number }
  | { kind: 'add'; readings: MeterReading[] }
  | { kind: 'load'; id: number; url: string }
  | { kind: 'anomalies'; id: number; options: Omit<PowerOptions, 'intervalMin'> }
  | { kind: 'series'; id: number; enterpriseId: string };

/** What a request is answered with: anomalies (with the readings' stats), a series, or a count. */
export type PowerWorkerResult =
  | { anomalies: PowerAnomaly[]; stats: PowerStats; lastSeen: Array<[string, number]> }
  | { series: PowerSeries | null }
  | { added: number; stats: PowerStats };

export type PowerWorkerReply = WorkerReply<PowerWorkerResult>;
