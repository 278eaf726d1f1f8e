// The state behind PowerWorker, the same in the worker and in-thread: the enterprises and one
// PowerReadings of everything added since they were set.

import { PowerReadings, type MeterReading, type PowerEnterprise } from '../enterprises/index.js';
import { excerpt } from '../util/index.js';
import type { PowerWorkerMessage, PowerWorkerResult } from './power-protocol.js';

/** Reads a JSON array of readings from a URL; anything else is an Error naming the URL. */
export async function fetchReadings(url: string): Promise<MeterReading[]> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`power readings ${url}: HTTP ${response.status}`);
  let data: unknown;
  try {
    data = JSON.parse(await response.text());
  } catch (error) {
    throw new Error(`power readings ${url}: not JSON (${excerpt((error as Error).message)})`, {
      cause: error,
    });
  }
  if (!Array.isArray(data))
    throw new Error(`power readings ${url}: expected a JSON array of readings`);
  return data as MeterReading[];
}

export class PowerSession {
  private readings = new PowerReadings([]);

  /** Applies a message; resolves with the answer owed for a request (undefined for none). */
  async handle(message: PowerWorkerMessage): Promise<PowerWorkerResult | undefined> {
    switch (message.kind) {
      case 'enterprises':
        this.readings = new PowerReadings(message.enterprises as PowerEnterprise[], {
          intervalMin: message.intervalMin,
        });
        return undefined;
      case 'add':
        this.readings.add(message.readings);
        return undefined;
      case 'load': {
        const readings = await fetchReadings(message.url);
        const before = this.readings.stats.readings;
        this.readings.add(readings);
        return { added: this.readings.stats.readings - before, stats: { ...this.readings.stats } };
      }
      case 'anomalies': {
        const found = this.readings.anomalies(message.options);
        return {
          anomalies: [...found],
          stats: found.stats,
          lastSeen: [...this.readings.lastSeen()],
        };
      }
      case 'series':
        return { series: this.readings.series(message.enterpriseId) ?? null };
    }
  }
}
