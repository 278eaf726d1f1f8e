// The flow graph of a river network in typed arrays: each reach runs from a node to a node; the
// reaches starting and ending at each node are listed once (compressed rows), so that a trace
// walks arrays, not objects.

export interface Topology {
  /** Reaches. */
  n: number;
  /** Nodes. */
  m: number;
  /** Node at each reach's upstream end. */
  fromNode: Int32Array;
  /** Node at each reach's downstream end (-1: none). */
  toNode: Int32Array;
  /** Reaches starting at node k: startList[startOff[k] .. startOff[k + 1]). */
  startOff: Int32Array;
  startList: Int32Array;
  /** Reaches ending at node k: endList[endOff[k] .. endOff[k + 1]). */
  endOff: Int32Array;
  endList: Int32Array;
  /** Whether some reach flows into more than one (a divergence). */
  divergent: boolean;
}

/** For each node 0..m-1, the positions i with nodes[i] equal to it (compressed rows; -1: none). */
export function rows(nodes: Int32Array, m: number): { off: Int32Array; list: Int32Array } {
  const off = new Int32Array(m + 1);
  for (let i = 0; i < nodes.length; i++) if (nodes[i]! >= 0) off[nodes[i]! + 1]!++;
  for (let k = 0; k < m; k++) off[k + 1]! += off[k]!;
  const fill = off.slice(0, m);
  const list = new Int32Array(off[m]!);
  for (let i = 0; i < nodes.length; i++) {
    const k = nodes[i]!;
    if (k >= 0) list[fill[k]!++] = i;
  }
  return { off, list };
}

/** The graph of reaches given the node index (0..m-1, or -1) at both ends of each. */
export function buildTopology(fromNode: Int32Array, toNode: Int32Array, m: number): Topology {
  const starts = rows(fromNode, m);
  const ends = rows(toNode, m);
  let divergent = false;
  for (let i = 0; i < toNode.length && !divergent; i++) {
    const k = toNode[i]!;
    divergent = k >= 0 && starts.off[k + 1]! - starts.off[k]! > 1;
  }
  return {
    divergent,
    n: fromNode.length,
    m,
    fromNode,
    toNode,
    startOff: starts.off,
    startList: starts.list,
    endOff: ends.off,
    endList: ends.list,
  };
}

/**
 * Node indices for node ids at both ends: equal ids make one node. A missing id (undefined,
 * null, NaN) makes a node of its own, so the reach's end joins nothing.
 */
export function indexNodes<K>(
  n: number,
  fromId: (i: number) => K | undefined,
  toId: (i: number) => K | undefined,
): { fromNode: Int32Array; toNode: Int32Array; m: number } {
  const nodes = new Map<K, number>();
  const fromNode = new Int32Array(n);
  const toNode = new Int32Array(n);
  let m = 0;
  const node = (key: K | undefined) => {
    if (key === undefined || key === null || (typeof key === 'number' && Number.isNaN(key)))
      return m++;
    let k = nodes.get(key);
    if (k === undefined) nodes.set(key, (k = m++));
    return k;
  };
  for (let i = 0; i < n; i++) {
    fromNode[i] = node(fromId(i));
    toNode[i] = node(toId(i));
  }
  return { fromNode, toNode, m };
}

/**
 * Nodes for a network given by downstream ids: node i is reach i's upstream end, and a reach
 * ends at the upstream end of the reach it flows into (-1 when it flows into none).
 */
export function downstreamNodes(targets: Int32Array): {
  fromNode: Int32Array;
  toNode: Int32Array;
  m: number;
} {
  const n = targets.length;
  const fromNode = new Int32Array(n);
  for (let i = 0; i < n; i++) fromNode[i] = i;
  return { fromNode, toNode: targets, m: n };
}
