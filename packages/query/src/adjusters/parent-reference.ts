import { mapSpans, type TraceAdjuster } from './adjuster.js';

/**
 * Puts a span's parent reference first, since clients read the first reference as the parent: the first CHILD_OF
 * reference within the span's own trace, or failing that its first reference within the trace (FOLLOWS_FROM).
 * Swaps it with whatever was first, as Jaeger's `ParentReference` adjuster.
 */
export const parentReferenceFirst: TraceAdjuster = (trace) =>
  mapSpans(trace, (span) => {
    let firstChildOf = -1;
    let firstOther = -1;
    span.references.forEach((ref, i) => {
      if (ref.traceId !== span.traceId) return;
      if (ref.refType === 'CHILD_OF') {
        if (firstChildOf === -1) firstChildOf = i;
      } else if (firstOther === -1) {
        firstOther = i;
      }
    });
    const chosen = firstChildOf !== -1 ? firstChildOf : firstOther;
    if (chosen <= 0) return span;
    const references = span.references.slice();
    [references[0], references[chosen]] = [references[chosen]!, references[0]!];
    return { ...span, references };
  });
