import type { TraceTree } from './trace-tree';

/** Spans by depth, each depth's list in start order: what the flame graph draws row by row and hit-tests. */
export interface FlameIndex {
  /** Spans of depth d are `spans[rowStart[d] .. rowStart[d + 1])`. */
  rowStart: Int32Array;
  spans: Int32Array;
  depths: number;
}

export function flameIndex(tree: Pick<TraceTree, 'count' | 'depths' | 'maxDepth' | 'starts'>): FlameIndex {
  const depths = tree.count === 0 ? 0 : tree.maxDepth + 1;
  const rowStart = new Int32Array(depths + 1);
  for (let span = 0; span < tree.count; span++) rowStart[tree.depths[span]! + 1]!++;
  for (let d = 0; d < depths; d++) rowStart[d + 1]! += rowStart[d]!;
  const fill = rowStart.slice(0, depths);
  const spans = new Int32Array(tree.count);
  for (let span = 0; span < tree.count; span++) spans[fill[tree.depths[span]!]!++] = span;
  for (let d = 0; d < depths; d++) spans.subarray(rowStart[d]!, rowStart[d + 1]!).sort((a, b) => tree.starts[a]! - tree.starts[b]!);
  return { rowStart, spans, depths };
}

/** Overlapping siblings looked back over when hit-testing, from the last span that starts before the point. */
const LOOK_BACK = 64;

/** The span at `depth` covering `offset` (µs from the trace's start), or -1. */
export function flameSpanAt(index: FlameIndex, tree: Pick<TraceTree, 'starts' | 'durations'>, depth: number, offset: number): number {
  if (depth < 0 || depth >= index.depths) return -1;
  let low = index.rowStart[depth]!;
  let high = index.rowStart[depth + 1]!;
  // The first position whose span starts after `offset`.
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (tree.starts[index.spans[middle]!]! <= offset) low = middle + 1;
    else high = middle;
  }
  for (let at = low - 1; at >= Math.max(index.rowStart[depth]!, low - LOOK_BACK); at--) {
    const span = index.spans[at]!;
    if (offset < tree.starts[span]! + Math.max(tree.durations[span]!, 0)) return span;
  }
  return -1;
}
