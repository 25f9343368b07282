import { childLists } from './child-lists';
import type { TraceTree } from './trace-tree';

/**
 * The critical path: the pieces of spans that decided when the trace ended. From the end of the root that ends last,
 * walk back through time; at each span, the child that finished last (before the point reached) is where the time
 * went, so the walk descends into it for the part it covers and resumes in the parent at that child's start. Time no
 * child covers is the span's own. Children that outlive their parent or the point reached are cut there, so
 * overlapping and asynchronous children count once.
 */
export interface CriticalPath {
  /** Per span, µs of its own time on the path (0: not on it). */
  share: Float64Array;
  /** Per span, its pieces on the path as [from, to) offsets from the trace's start, latest first. */
  segments: ReadonlyMap<number, ReadonlyArray<readonly [number, number]>>;
  /** The path's length in µs: the covered span of the root it starts from. */
  total: number;
}

export function criticalPath(tree: Pick<TraceTree, 'count' | 'parents' | 'starts' | 'durations'>): CriticalPath {
  const { count, parents, starts, durations } = tree;
  const share = new Float64Array(count);
  const segments = new Map<number, Array<readonly [number, number]>>();
  if (count === 0) return { share, segments, total: 0 };
  const end = (span: number): number => starts[span]! + durations[span]!;

  // Each span's children, latest-ending first.
  const { start: childStart, children } = childLists(count, parents);
  for (let span = 0; span < count; span++) {
    const from = childStart[span]!;
    const to = childStart[span + 1]!;
    if (to - from > 1) children.subarray(from, to).sort((a, b) => end(b) - end(a) || starts[b]! - starts[a]!);
  }

  let root = -1;
  for (let i = 0; i < count; i++) if (parents[i]! < 0 && (root === -1 || end(i) > end(root))) root = i;
  if (root === -1) return { share, segments, total: 0 };

  const addSegment = (span: number, from: number, to: number): void => {
    if (to <= from) return;
    share[span]! += to - from;
    let list = segments.get(span);
    if (!list) segments.set(span, (list = []));
    list.push([from, to]);
  };

  // (span, the point in time the walk reached it at): iterative, as traces can be deeper than the call stack.
  const stack: Array<[number, number]> = [[root, end(root)]];
  while (stack.length > 0) {
    const [span, reached] = stack.pop()!;
    const spanStart = starts[span]!;
    let cursor = Math.min(reached, end(span));
    for (let c = childStart[span]!; c < childStart[span + 1]! && cursor > spanStart; c++) {
      const child = children[c]!;
      if (starts[child]! >= cursor) continue;
      const childEnd = Math.min(end(child), cursor);
      if (childEnd <= spanStart) break;
      addSegment(span, childEnd, cursor);
      stack.push([child, childEnd]);
      cursor = Math.max(starts[child]!, spanStart);
    }
    addSegment(span, spanStart, cursor);
  }
  return { share, segments, total: durations[root]! };
}

/** Rows with only the spans on the path, in the order given. */
export function rowsOnPath(rows: Int32Array, path: CriticalPath): Int32Array {
  return rows.filter((span) => path.share[span]! > 0);
}
