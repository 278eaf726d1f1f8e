// A module worker that answers requests by id, with the same work done in-thread where workers
// are unavailable (Node, a page whose CSP forbids them) or the module fails to load: what was
// waiting is then computed in-thread, and so is everything after.

/** What a worker sends back for request `id`. */
export type WorkerReply<R> =
  { id: number; result: R; error?: undefined } | { id: number; error: string; result?: undefined };

export interface ModuleWorkerOptions {
  /** Never start the worker: everything runs in-thread. */
  disabled?: boolean;
  /** Called with a worker just started (to send it the state it needs). */
  onStart?: (worker: Worker) => void;
  /** Turns a worker's error message into the Error the promise rejects with. */
  toError?: (message: string) => Error;
}

interface Pending<R> {
  local: () => R | PromiseLike<R>;
  resolve: (result: R) => void;
  reject: (error: Error) => void;
}

export class ModuleWorker<R> {
  /** Whether the last result came from the worker (false: computed in-thread). */
  usedWorker = false;
  private worker: Worker | null = null;
  private failed: boolean;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<R>>();

  constructor(
    private readonly url: string | URL,
    private readonly name: string,
    private readonly options: ModuleWorkerOptions = {},
  ) {
    this.failed = options.disabled === true;
  }

  /**
   * Sends the message `build(id)` to the worker and resolves with its reply for that id; where
   * no worker runs, resolves with `local()` instead.
   */
  request(build: (id: number) => unknown, local: () => R | PromiseLike<R>): Promise<R> {
    const worker = this.start();
    if (!worker) return this.inline(local);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { local, resolve, reject });
      worker.postMessage(build(id));
    });
  }

  /** Computes in-thread (for work too small to send), as a promise. */
  inline(local: () => R | PromiseLike<R>): Promise<R> {
    this.usedWorker = false;
    try {
      return Promise.resolve(local());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /** Whether work now runs in-thread: no Worker here, disabled, or the module failed to load. */
  get inThread(): boolean {
    return this.failed;
  }

  /** Sends a message to the worker if one runs (`onStart` gives a new worker what it missed). */
  post(message: unknown): void {
    this.worker?.postMessage(message);
  }

  /** Stops the worker; pending requests are rejected. */
  terminate(reason: string): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
  }

  private start(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    if (typeof Worker === 'undefined') {
      this.failed = true;
      return null;
    }
    try {
      const worker = new Worker(this.url, { type: 'module', name: this.name });
      worker.onmessage = (event: MessageEvent<WorkerReply<R>>) => this.settle(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        this.failed = true;
        this.worker = null;
        worker.terminate();
        const waiting = [...this.pending.values()];
        this.pending.clear();
        for (const p of waiting) this.inline(p.local).then(p.resolve, p.reject);
      };
      this.options.onStart?.(worker);
      this.worker = worker;
      return worker;
    } catch {
      this.failed = true;
      return null;
    }
  }

  private settle(reply: WorkerReply<R>): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    this.usedWorker = true;
    if (reply.error === undefined) p.resolve(reply.result);
    else p.reject((this.options.toError ?? ((m: string) => new Error(m)))(reply.error));
  }
}
