export interface GraphEdge {
  from: string;
  to: string;
  callCount: number;
}

export interface PlacedNode {
  id: string;
  layer: number;
  x: number;
  y: number;
}

export interface PlacedEdge extends GraphEdge {
  /** True when the edge points back up the layers (it closes a cycle). */
  reversed: boolean;
}

export interface GraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

export interface LayoutSpacing {
  layerGap: number;
  nodeGap: number;
  nodeWidth: number;
  nodeHeight: number;
}

const DEFAULT_SPACING: LayoutSpacing = { layerGap: 220, nodeGap: 64, nodeWidth: 160, nodeHeight: 36 };

/**
 * A left-to-right layered drawing of a call graph: cycles broken by reversing DFS back edges, layers by longest
 * path from the sources, order within a layer by a few barycenter sweeps (fewer crossings), then coordinates.
 * Deterministic for the same input (nodes are visited in name order).
 */
export function layoutGraph(edgesIn: readonly GraphEdge[], spacing: LayoutSpacing = DEFAULT_SPACING): GraphLayout {
  const ids = [...new Set(edgesIn.flatMap((edge) => [edge.from, edge.to]))].sort();
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of edgesIn) if (edge.from !== edge.to) out.get(edge.from)!.push(edge.to);
  for (const list of out.values()) list.sort();

  // Back edges by DFS (white/grey/black).
  const state = new Map<string, 0 | 1 | 2>(ids.map((id) => [id, 0]));
  const back = new Set<string>();
  for (const start of ids) {
    if (state.get(start) !== 0) continue;
    const stack: Array<[string, number]> = [[start, 0]];
    state.set(start, 1);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const next = out.get(frame[0])![frame[1]++];
      if (next === undefined) {
        state.set(frame[0], 2);
        stack.pop();
      } else if (state.get(next) === 1) {
        back.add(`${frame[0]}\u0000${next}`);
      } else if (state.get(next) === 0) {
        state.set(next, 1);
        stack.push([next, 0]);
      }
    }
  }
  const isBack = (edge: GraphEdge): boolean => back.has(`${edge.from}\u0000${edge.to}`);
  const forward = edgesIn
    .filter((edge) => edge.from !== edge.to)
    .map((edge) => (isBack(edge) ? { from: edge.to, to: edge.from } : { from: edge.from, to: edge.to }));

  // Longest-path layering over the now acyclic graph (Kahn's order).
  const layer = new Map<string, number>(ids.map((id) => [id, 0]));
  const indegree = new Map<string, number>(ids.map((id) => [id, 0]));
  const succ = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of forward) {
    succ.get(edge.from)!.push(edge.to);
    indegree.set(edge.to, indegree.get(edge.to)! + 1);
  }
  const queue = ids.filter((id) => indegree.get(id) === 0);
  for (let q = 0; q < queue.length; q++) {
    const id = queue[q]!;
    for (const next of succ.get(id)!) {
      layer.set(next, Math.max(layer.get(next)!, layer.get(id)! + 1));
      indegree.set(next, indegree.get(next)! - 1);
      if (indegree.get(next) === 0) queue.push(next);
    }
  }

  const layerCount = Math.max(0, ...layer.values()) + 1;
  const layers: string[][] = Array.from({ length: ids.length === 0 ? 0 : layerCount }, () => []);
  for (const id of ids) layers[layer.get(id)!]!.push(id);
  const position = new Map<string, number>();
  const renumber = (): void => layers.forEach((nodes) => nodes.forEach((id, i) => position.set(id, i)));
  renumber();
  const neighbours = (id: string, before: boolean): string[] =>
    forward.filter((edge) => (before ? edge.to === id : edge.from === id)).map((edge) => (before ? edge.from : edge.to));
  for (let sweep = 0; sweep < 4; sweep++) {
    const down = sweep % 2 === 0;
    const sequence = down ? layers.slice(1) : layers.slice(0, -1).reverse();
    for (const nodes of sequence) {
      const weight = new Map(
        nodes.map((id) => {
          const linked = neighbours(id, down).map((other) => position.get(other)!);
          return [id, linked.length === 0 ? position.get(id)! : linked.reduce((a, b) => a + b, 0) / linked.length];
        }),
      );
      nodes.sort((a, b) => weight.get(a)! - weight.get(b)! || (a < b ? -1 : 1));
      renumber();
    }
  }

  const tallest = Math.max(0, ...layers.map((nodes) => nodes.length));
  const height = Math.max(1, tallest) * (spacing.nodeHeight + spacing.nodeGap);
  const nodes: PlacedNode[] = layers.flatMap((list, l) => {
    const offset = (height - list.length * (spacing.nodeHeight + spacing.nodeGap)) / 2;
    return list.map((id, i) => ({
      id,
      layer: l,
      x: l * spacing.layerGap + spacing.nodeWidth / 2 + 16,
      y: offset + i * (spacing.nodeHeight + spacing.nodeGap) + (spacing.nodeHeight + spacing.nodeGap) / 2,
    }));
  });
  return {
    nodes,
    edges: edgesIn.map((edge) => ({ ...edge, reversed: isBack(edge) })),
    width: Math.max(1, layers.length) * spacing.layerGap - spacing.layerGap + spacing.nodeWidth + 32,
    height,
  };
}
