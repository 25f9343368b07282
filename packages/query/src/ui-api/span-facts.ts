import type { Span } from '@skein/model';

export { isErrorSpan } from '@skein/storage';

/**
 * The index of each span's parent in `spans`, or -1 for a root or an orphan (a parent that is not in the list).
 * The parent is the first reference to a span of the same trace, CHILD_OF preferred (the model keeps it first).
 */
export function parentIndexes(spans: readonly Span[]): Int32Array {
  const indexById = new Map<string, number>();
  for (let i = 0; i < spans.length; i++) indexById.set(spans[i]!.spanId, i);
  const parents = new Int32Array(spans.length).fill(-1);
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    let found = -1;
    for (const ref of span.references) {
      if (ref.traceId !== span.traceId) continue;
      const index = indexById.get(ref.spanId);
      if (index === undefined || index === i) continue;
      if (ref.refType === 'CHILD_OF') {
        found = index;
        break;
      }
      if (found === -1) found = index;
    }
    parents[i] = found;
  }
  return parents;
}

/** Whether the span names a parent in its own trace (so a -1 parent index makes it an orphan, not a root). */
export function claimsParent(span: Span): boolean {
  return span.references.some((ref) => ref.traceId === span.traceId);
}
