/**
 * Remembers recent ids: at least the last `size / 2` and at most the last `size`, in two
 * generations of sets (no per-id bookkeeping of order).
 */
export class IdWindow {
  private current = new Set<string>();
  private previous = new Set<string>();
  private readonly half: number;

  constructor(size: number) {
    this.half = Math.max(1, Math.floor(size / 2));
  }

  /** Adds an id; false when it was already there. */
  add(id: string): boolean {
    if (this.current.has(id) || this.previous.has(id)) return false;
    if (this.current.size >= this.half) {
      this.previous = this.current;
      this.current = new Set();
    }
    this.current.add(id);
    return true;
  }
}
