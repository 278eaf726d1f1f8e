/** Warnings of one read, aggregated by kind so that a bad file yields a few lines, not thousands. */

/** What a warning is about, in the singular and the plural ("frame ... skipped"). */
export interface WarningKind {
  one: string;
  many: string;
}

interface Group {
  kind: WarningKind;
  first: number;
  last: number;
  count: number;
  detail?: string;
}

export class Warnings {
  private readonly groups = new Map<WarningKind, Group>();
  private readonly order: (Group | string)[] = [];

  /** One more occurrence of `kind` at `line` (0 when there is none), with an optional example. */
  add(kind: WarningKind, line: number, detail?: string): void {
    const g = this.groups.get(kind);
    if (g) {
      g.count++;
      if (line > 0) {
        if (g.first === 0 || line < g.first) g.first = line;
        if (line > g.last) g.last = line;
      }
      return;
    }
    const group: Group = { kind, first: line, last: line, count: 1 };
    if (detail !== undefined) group.detail = detail;
    this.groups.set(kind, group);
    this.order.push(group);
  }

  /** A warning said once, as it is (repeats are dropped). */
  note(message: string): void {
    if (!this.order.includes(message)) this.order.push(message);
  }

  /** Number of occurrences of `kind` so far. */
  count(kind: WarningKind): number {
    return this.groups.get(kind)?.count ?? 0;
  }

  list(): string[] {
    return this.order.map((g) => {
      if (typeof g === 'string') return g;
      const where =
        g.first === 0
          ? ''
          : g.first === g.last
            ? `line ${g.first}: `
            : `lines ${g.first}-${g.last}: `;
      const what = g.count === 1 ? g.kind.one : `${g.count} ${g.kind.many}`;
      return `${where}${what}${g.detail !== undefined ? ` (first: ${g.detail})` : ''}`;
    });
  }
}
