// The main thread's side of the power worker: enterprises and readings go to a module worker
// (started on first use) that keeps them and judges them; where no worker can run, the same
// session runs in-thread. Until the worker has answered once, what it was sent is kept, so that
// a worker module that fails to load loses nothing: it is replayed in-thread.

import type {
  MeterReading,
  PowerAnomaly,
  PowerEnterprise,
  PowerOptions,
  PowerSeries,
  PowerStats,
} from '../enterprises/index.js';
import { ModuleWorker } from './module-worker.js';
import type { PowerWorkerMessage, PowerWorkerResult } from './power-protocol.js';
import { PowerSession } from './power-session.js';

export interface PowerWorkerOptions {
  /** URL of the worker module (dist/power-worker.js); default: beside this module. */
  url?: string | URL;
  /** false: always work in-thread. Default true where Worker exists. */
  worker?: boolean;
}

type StateMessage = Extract<PowerWorkerMessage, { kind: 'enterprises' | 'add' }>;
type Request = Exclude<PowerWorkerMessage, StateMessage>;
type Without<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Power readings kept and judged in a module worker (detectPowerAnomalies off the main thread). */
export class PowerWorker {
  private readonly runner: ModuleWorker<PowerWorkerResult>;
  private readonly local = new PowerSession();
  private sent: StateMessage[] = [];
  private confirmed = false;

  constructor(options: PowerWorkerOptions = {}) {
    this.runner = new ModuleWorker(
      options.url ?? new URL('./power-worker.js', import.meta.url),
      'envmap-power',
      {
        disabled: options.worker === false,
        onStart: (worker) => {
          for (const message of this.sent) worker.postMessage(message);
        },
      },
    );
  }

  /** Whether the last answer came from the worker. */
  get usedWorker(): boolean {
    return this.runner.usedWorker;
  }

  /** Sets the enterprises (and the interval length); the readings start over. */
  setEnterprises(
    enterprises: PowerEnterprise[],
    options: Pick<PowerOptions, 'intervalMin'> = {},
  ): void {
    this.sent = [];
    this.send({ kind: 'enterprises', enterprises, intervalMin: options.intervalMin });
  }

  /** Adds readings (copied to the worker). */
  add(readings: MeterReading[]): void {
    if (readings.length) this.send({ kind: 'add', readings });
  }

  /** Fetches a JSON array of readings (resolved against the page) and adds them, in the worker. */
  async load(url: string | URL): Promise<{ added: number; stats: PowerStats }> {
    const base = (globalThis as { location?: { href: string } }).location?.href;
    const result = await this.ask({ kind: 'load', url: new URL(url, base).href });
    return result as { added: number; stats: PowerStats };
  }

  /**
   * The anomalies in everything added so far, with the readings' stats and the start of each
   * enterprise's latest interval with a reading.
   */
  async anomalies(
    options: Omit<PowerOptions, 'intervalMin'> = {},
  ): Promise<PowerAnomaly[] & { stats: PowerStats; lastSeen: Map<string, number> }> {
    const result = (await this.ask({ kind: 'anomalies', options })) as {
      anomalies: PowerAnomaly[];
      stats: PowerStats;
      lastSeen: Array<[string, number]>;
    };
    return Object.assign(result.anomalies, {
      stats: result.stats,
      lastSeen: new Map(result.lastSeen),
    });
  }

  /** One enterprise's power by role (undefined: not among the enterprises). */
  async series(enterpriseId: string): Promise<PowerSeries | undefined> {
    const result = (await this.ask({ kind: 'series', enterpriseId })) as {
      series: PowerSeries | null;
    };
    return result.series ?? undefined;
  }

  /** Stops the worker; pending requests are rejected. What it held is gone. */
  terminate(): void {
    this.runner.terminate('power worker terminated');
    this.sent = [];
  }

  private send(message: StateMessage): void {
    if (this.runner.inThread) {
      void this.local.handle(message);
      return;
    }
    if (!this.confirmed) this.sent.push(message);
    this.runner.post(message);
  }

  private async ask(request: Without<Request>): Promise<PowerWorkerResult> {
    const result = await this.runner.request(
      (id) => ({ ...request, id }) as Request,
      async () => {
        // In-thread from now on: first what the worker never acknowledged.
        const missed = this.sent;
        this.sent = [];
        for (const message of missed) await this.local.handle(message);
        return (await this.local.handle({ ...request, id: 0 } as Request))!;
      },
    );
    if (this.runner.usedWorker && !this.confirmed) {
      this.confirmed = true;
      this.sent = [];
    }
    return result;
  }
}
