import type { TraceTree } from './trace-tree';

/** The spans shown, in preorder, skipping the descendants of collapsed spans. O(rows shown + collapsed subtrees). */
export function visibleRows(tree: TraceTree, collapsed: Uint8Array): Int32Array {
  const rows = new Int32Array(tree.count);
  let shown = 0;
  for (let row = 0; row < tree.count; ) {
    const span = tree.order[row]!;
    rows[shown++] = span;
    row += collapsed[span] ? tree.subtreeSizes[span]! : 1;
  }
  return rows.subarray(0, shown);
}

/** A collapse set that hides everything below `depth` (0 shows the roots only). */
export function collapseBelowDepth(tree: TraceTree, depth: number): Uint8Array {
  const collapsed = new Uint8Array(tree.count);
  for (let i = 0; i < tree.count; i++) if (tree.depths[i]! >= depth && tree.childCounts[i]! > 0) collapsed[i] = 1;
  return collapsed;
}

/** A copy of `collapsed` with every ancestor of `span` expanded, so that the span is shown. */
export function revealSpan(tree: TraceTree, collapsed: Uint8Array, span: number): Uint8Array {
  let parent = tree.parents[span]!;
  let changed: Uint8Array | undefined;
  while (parent >= 0) {
    if (collapsed[parent]) (changed ??= collapsed.slice())[parent] = 0;
    parent = tree.parents[parent]!;
  }
  return changed ?? collapsed;
}
