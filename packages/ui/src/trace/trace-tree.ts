import type { TraceSkeleton } from '../api/types';

/**
 * A trace ready to draw: the skeleton's columns as typed arrays plus the tree in preorder. Built in O(n) because
 * the skeleton lists spans by start time: filling children in list order leaves every sibling list sorted.
 * Everything is indexed by span index (the skeleton's order) except `order`, which lists span indexes in preorder.
 */
export interface TraceTree {
  traceID: string;
  startTime: number;
  duration: number;
  services: string[];
  operations: string[];
  spanIDs: string;
  count: number;
  parents: Int32Array;
  serviceIndexes: Int32Array;
  operationIndexes: Int32Array;
  starts: Float64Array;
  durations: Float64Array;
  flags: Uint8Array;
  /** Span indexes in preorder (parent before children, siblings by start). */
  order: Int32Array;
  /** Position of each span in `order`. */
  rowOf: Int32Array;
  depths: Int32Array;
  /** Spans in the subtree, the span included. */
  subtreeSizes: Int32Array;
  childCounts: Int32Array;
  maxDepth: number;
  /** Events per span: offsets (µs from `startTime`) of span i are `eventOffsets[eventStarts[i] .. eventStarts[i+1])`. */
  eventStarts: Int32Array;
  eventOffsets: Float64Array;
  /** The overview the minimap paints (see `minimapRaster`). */
  minimap: { rows: number; cells: Uint16Array };
}

export function spanIdAt(tree: Pick<TraceTree, 'spanIDs'>, index: number): string {
  return tree.spanIDs.slice(index * 16, index * 16 + 16);
}

export function buildTraceTree(skeleton: TraceSkeleton): TraceTree {
  const count = skeleton.parents.length;
  const parents = Int32Array.from(skeleton.parents);
  // Children lists in CSR form: childStart[p] .. childStart[p+1] in `children`, roots under the virtual node `count`.
  const childCounts = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) {
    const parent = parents[i]!;
    childCounts[parent < 0 || parent >= count ? count : parent]!++;
  }
  const childStart = new Int32Array(count + 2);
  for (let i = 0; i <= count; i++) childStart[i + 1] = childStart[i]! + childCounts[i]!;
  const fill = childStart.slice(0, count + 1);
  const children = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const parent = parents[i]!;
    const slot = parent < 0 || parent >= count ? count : parent;
    children[fill[slot]!++] = i;
  }

  // Iterative preorder from the virtual root; a parent cycle (bad data) leaves spans unreached, added as roots after.
  const order = new Int32Array(count);
  const rowOf = new Int32Array(count).fill(-1);
  const depths = new Int32Array(count);
  const subtreeSizes = new Int32Array(count);
  let written = 0;
  let maxDepth = 0;
  const stack = new Int32Array(count + 1);
  const visit = (root: number, rootDepth: number): void => {
    let top = 0;
    stack[top++] = root;
    depths[root] = rootDepth;
    while (top > 0) {
      const span = stack[--top]!;
      rowOf[span] = written;
      order[written++] = span;
      const depth = depths[span]!;
      if (depth > maxDepth) maxDepth = depth;
      for (let c = childStart[span + 1]! - 1; c >= childStart[span]!; c--) {
        const child = children[c]!;
        if (rowOf[child] !== -1) continue;
        depths[child] = depth + 1;
        stack[top++] = child;
      }
    }
  };
  for (let c = childStart[count]!; c < childStart[count + 1]!; c++) visit(children[c]!, 0);
  for (let i = 0; i < count; i++) {
    if (rowOf[i] === -1) {
      parents[i] = -1;
      visit(i, 0);
    }
  }
  // Subtree sizes from the end of the preorder: every span's subtree is the rows right after it.
  for (let row = count - 1; row >= 0; row--) {
    const span = order[row]!;
    subtreeSizes[span]! += 1;
    const parent = parents[span]!;
    if (parent >= 0) subtreeSizes[parent]! += subtreeSizes[span]!;
  }

  const eventStarts = new Int32Array(count + 1);
  for (const span of skeleton.eventSpans) if (span >= 0 && span < count) eventStarts[span + 1]!++;
  for (let i = 0; i < count; i++) eventStarts[i + 1]! += eventStarts[i]!;
  const eventOffsets = new Float64Array(eventStarts[count]!);
  const eventFill = eventStarts.slice(0, count);
  skeleton.eventSpans.forEach((span, e) => {
    if (span >= 0 && span < count) eventOffsets[eventFill[span]!++] = skeleton.eventOffsets[e]!;
  });

  const tree: TraceTree = {
    traceID: skeleton.traceID,
    startTime: skeleton.startTime,
    duration: skeleton.duration,
    services: skeleton.services,
    operations: skeleton.operations,
    spanIDs: skeleton.spanIDs,
    count,
    parents,
    serviceIndexes: Int32Array.from(skeleton.serviceIndexes),
    operationIndexes: Int32Array.from(skeleton.operationIndexes),
    starts: Float64Array.from(skeleton.starts),
    durations: Float64Array.from(skeleton.durations),
    flags: Uint8Array.from(skeleton.flags),
    order,
    rowOf,
    depths,
    subtreeSizes,
    childCounts: childCounts.subarray(0, count),
    maxDepth,
    eventStarts,
    eventOffsets,
    minimap: { rows: 0, cells: new Uint16Array(0) },
  };
  tree.minimap = minimapRaster(tree);
  return tree;
}

/** The typed arrays of a tree, for a zero-copy `postMessage` from the worker. */
export function transferablesOf(tree: TraceTree): ArrayBuffer[] {
  return [
    tree.parents,
    tree.serviceIndexes,
    tree.operationIndexes,
    tree.starts,
    tree.durations,
    tree.flags,
    tree.order,
    tree.rowOf,
    tree.depths,
    tree.subtreeSizes,
    tree.childCounts,
    tree.eventStarts,
    tree.eventOffsets,
    tree.minimap.cells,
  ].map((array) => array.buffer as ArrayBuffer);
}

/** Size of the minimap's raster: pixel rows of preorder rows, columns of the trace's duration. */
export const MINIMAP_ROWS = 64;
export const MINIMAP_COLUMNS = 1024;

/**
 * The whole trace at minimap resolution: for each cell, 1 + the service index of the last span (in preorder) that
 * covers it, 0 when empty. Built in the worker in one pass over the spans, so the page only paints 64 × 1,024 cells
 * whatever the trace's size. Row-major, `MINIMAP_ROWS` (or fewer, for short traces) by `MINIMAP_COLUMNS`.
 */
export function minimapRaster(tree: TraceTree): { rows: number; cells: Uint16Array } {
  const rows = Math.max(1, Math.min(MINIMAP_ROWS, tree.count));
  const cells = new Uint16Array(rows * MINIMAP_COLUMNS);
  const total = Math.max(1, tree.duration);
  for (let position = 0; position < tree.count; position++) {
    const span = tree.order[position]!;
    const row = Math.floor((position * rows) / tree.count);
    const from = Math.min(MINIMAP_COLUMNS - 1, Math.floor((tree.starts[span]! / total) * MINIMAP_COLUMNS));
    const to = Math.min(MINIMAP_COLUMNS, Math.max(from + 1, Math.ceil(((tree.starts[span]! + tree.durations[span]!) / total) * MINIMAP_COLUMNS)));
    const value = tree.serviceIndexes[span]! + 1;
    // A plain loop: TypedArray#fill costs microseconds per call, which is seconds at 200,000 spans.
    for (let cell = row * MINIMAP_COLUMNS + from, end = row * MINIMAP_COLUMNS + to; cell < end; cell++) cells[cell] = value;
  }
  return { rows, cells };
}
