/**
 * The reaches a trace finds, in the order found, with their distance (km) and cost, in typed
 * arrays grown by doubling. `cost` is `km` itself when the cost is the distance.
 */
export class TraceOutput {
  indices: Int32Array;
  km: Float64Array;
  cost: Float64Array;
  count = 0;
  private readonly sameUnit: boolean;

  constructor(capacity: number, sameUnit: boolean) {
    const cap = Math.max(1, capacity);
    this.sameUnit = sameUnit;
    this.indices = new Int32Array(cap);
    this.km = new Float64Array(cap);
    this.cost = sameUnit ? this.km : new Float64Array(cap);
  }

  add(index: number, km: number, cost: number): void {
    if (this.count === this.indices.length) this.grow();
    this.indices[this.count] = index;
    this.km[this.count] = km;
    if (!this.sameUnit) this.cost[this.count] = cost;
    this.count++;
  }

  private grow(): void {
    const cap = this.indices.length * 2;
    const indices = new Int32Array(cap);
    indices.set(this.indices);
    this.indices = indices;
    const km = new Float64Array(cap);
    km.set(this.km);
    this.km = km;
    if (this.sameUnit) this.cost = km;
    else {
      const cost = new Float64Array(cap);
      cost.set(this.cost);
      this.cost = cost;
    }
  }

  /** Views of the filled part. */
  result(): { indices: Int32Array; km: Float64Array; cost: Float64Array } {
    const n = this.count;
    return {
      indices: this.indices.subarray(0, n),
      km: this.km.subarray(0, n),
      cost: this.cost.subarray(0, n),
    };
  }
}
