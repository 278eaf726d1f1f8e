/** Reconnection delays: exponential, capped, with random jitter. */
export interface BackoffOptions {
  /** First delay in ms. Default 500. */
  initial?: number;
  /** Cap in ms. Default 30,000. */
  max?: number;
  /** Growth factor. Default 2. */
  factor?: number;
  /** Jitter as a fraction of the delay (0-1): the delay is drawn from [d(1-j), d]. Default 0.5. */
  jitter?: number;
}

export class Backoff {
  readonly initial: number;
  readonly max: number;
  readonly factor: number;
  readonly jitter: number;
  private attempt = 0;

  constructor(
    options: BackoffOptions = {},
    private readonly random: () => number = Math.random,
  ) {
    this.initial = options.initial ?? 500;
    this.max = options.max ?? 30_000;
    this.factor = options.factor ?? 2;
    this.jitter = options.jitter ?? 0.5;
    if (!(this.initial > 0) || !(this.max >= this.initial) || !(this.factor >= 1)) {
      throw new RangeError('backoff needs 0 < initial <= max and factor >= 1');
    }
    if (!(this.jitter >= 0 && this.jitter <= 1))
      throw new RangeError('backoff jitter must be in [0, 1]');
  }

  /** The next delay in ms (and counts an attempt). */
  next(): number {
    const base = Math.min(this.max, this.initial * this.factor ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 64);
    return Math.round(base * (1 - this.jitter * this.random()));
  }

  /** Starts again from `initial` (after a successful connection). */
  reset(): void {
    this.attempt = 0;
  }

  /** Attempts since the last reset. */
  get attempts(): number {
    return this.attempt;
  }
}
