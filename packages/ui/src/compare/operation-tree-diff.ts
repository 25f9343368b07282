import type { TraceTree } from '../trace/trace-tree';

/** Which trace has spans at a place of the merged operation tree. */
export type Presence = 'both' | 'only-a' | 'only-b';

/** One place of the merged tree: an operation reached by the same path of operations from a root in A, B or both. */
export interface DiffNode {
  service: string;
  operation: string;
  /** Index of the parent node in the preorder list, -1 for a root. */
  parent: number;
  depth: number;
  /** Nodes in this subtree, this one included (the rows a collapse hides, less one). */
  subtreeSize: number;
  countA: number;
  countB: number;
  /** Summed span durations, µs. */
  durationA: number;
  durationB: number;
  presence: Presence;
}

/**
 * Two traces' operation trees merged into one: spans that share their path of (service, operation) from a root fall on
 * one node, which counts the spans and sums the durations on each side. Nodes come in preorder, children in the order
 * they first appear (A's order, then what only B has).
 */
export function diffOperationTrees(a: TraceTree, b: TraceTree): DiffNode[] {
  interface Building {
    service: string;
    operation: string;
    children: number[];
    countA: number;
    countB: number;
    durationA: number;
    durationB: number;
  }
  const building: Building[] = [];
  const roots: number[] = [];
  const byKey = new Map<string, number>();
  const add = (tree: TraceTree, side: 'A' | 'B'): void => {
    const nodeOf = new Int32Array(tree.count);
    // Preorder: a span's parent has its node before the span is reached.
    for (let row = 0; row < tree.count; row++) {
      const span = tree.order[row]!;
      const parentSpan = tree.parents[span]!;
      const parentNode = parentSpan >= 0 ? nodeOf[parentSpan]! : -1;
      const service = tree.services[tree.serviceIndexes[span]!]!;
      const operation = tree.operations[tree.operationIndexes[span]!]!;
      const key = `${parentNode}\u0000${service}\u0000${operation}`;
      let node = byKey.get(key);
      if (node === undefined) {
        node = building.length;
        building.push({ service, operation, children: [], countA: 0, countB: 0, durationA: 0, durationB: 0 });
        byKey.set(key, node);
        (parentNode >= 0 ? building[parentNode]!.children : roots).push(node);
      }
      const target = building[node]!;
      target[`count${side}`]++;
      target[`duration${side}`] += tree.durations[span]!;
      nodeOf[span] = node;
    }
  };
  add(a, 'A');
  add(b, 'B');

  const nodes: DiffNode[] = [];
  const stack: Array<[node: number, parent: number, depth: number]> = roots.map((root) => [root, -1, 0] as [number, number, number]).reverse();
  while (stack.length > 0) {
    const [node, parent, depth] = stack.pop()!;
    const { service, operation, countA, countB, durationA, durationB, children } = building[node]!;
    const presence: Presence = countA === 0 ? 'only-b' : countB === 0 ? 'only-a' : 'both';
    const index = nodes.length;
    nodes.push({ service, operation, parent, depth, subtreeSize: 1, countA, countB, durationA, durationB, presence });
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, index, depth + 1]);
  }
  for (let i = nodes.length - 1; i >= 0; i--) {
    const parent = nodes[i]!.parent;
    if (parent >= 0) nodes[parent]!.subtreeSize += nodes[i]!.subtreeSize;
  }
  return nodes;
}

/** How a node of both traces changed, for its colour: by total time beyond `threshold` (a fraction), else by count. */
export function changeOf(node: DiffNode, threshold = 0.1): 'slower' | 'faster' | 'more' | 'fewer' | 'same' | Presence {
  if (node.presence !== 'both') return node.presence;
  const ratio = node.durationA > 0 ? node.durationB / node.durationA : node.durationB > 0 ? Infinity : 1;
  if (ratio > 1 + threshold) return 'slower';
  if (ratio < 1 - threshold) return 'faster';
  if (node.countB > node.countA) return 'more';
  if (node.countB < node.countA) return 'fewer';
  return 'same';
}

/** The preorder rows shown when the nodes in `collapsed` have their subtrees hidden. */
export function visibleDiffRows(nodes: readonly DiffNode[], collapsed: ReadonlySet<number>): number[] {
  const rows: number[] = [];
  for (let i = 0; i < nodes.length; i += collapsed.has(i) ? nodes[i]!.subtreeSize : 1) rows.push(i);
  return rows;
}
