import type { GraphEdge } from '../deps/layered-layout';
import type { TraceTree } from './trace-tree';

/** An operation of the trace: its spans, their total and self time (µs), and the first of them in the tree. */
export interface OperationNode {
  id: string;
  service: string;
  operation: string;
  count: number;
  total: number;
  selfTotal: number;
  firstSpan: number;
}

/** Node id of a service's operation (a separator no name contains). */
export function operationNodeId(service: string, operation: string): string {
  return `${service}\u0000${operation}`;
}

/**
 * The trace as a graph of operations: a node per (service, operation) with its span count and times, an edge from a
 * parent span's operation to its child's counting those calls.
 */
export function traceGraph(tree: Pick<TraceTree, 'count' | 'parents' | 'durations' | 'services' | 'operations' | 'serviceIndexes' | 'operationIndexes' | 'order'>, self: Float64Array): { nodes: Map<string, OperationNode>; edges: GraphEdge[] } {
  const nodeOf = new Array<string>(tree.count);
  const nodes = new Map<string, OperationNode>();
  // Preorder, so a node's first span is the first one a reader meets in the timeline.
  for (const span of tree.order) {
    const service = tree.services[tree.serviceIndexes[span]!]!;
    const operation = tree.operations[tree.operationIndexes[span]!]!;
    const id = operationNodeId(service, operation);
    nodeOf[span] = id;
    let node = nodes.get(id);
    if (!node) nodes.set(id, (node = { id, service, operation, count: 0, total: 0, selfTotal: 0, firstSpan: span }));
    node.count++;
    node.total += tree.durations[span]!;
    node.selfTotal += self[span]!;
  }
  const calls = new Map<string, GraphEdge>();
  for (let span = 0; span < tree.count; span++) {
    const parent = tree.parents[span]!;
    if (parent < 0) continue;
    const key = `${nodeOf[parent]}\u0001${nodeOf[span]}`;
    const edge = calls.get(key);
    if (edge) edge.callCount++;
    else calls.set(key, { from: nodeOf[parent]!, to: nodeOf[span]!, callCount: 1 });
  }
  return { nodes, edges: [...calls.values()] };
}
