import type { Span, SpanReference } from '@skein/model';
import { parentIdOf, spanKindOf, type TraceAdjuster } from './adjuster.js';

/**
 * Zipkin's shared spans: a client and the server it called report the same span id. Every server span that shares
 * its id with a client span gets a fresh id, becomes the child of the shared id (the client span), and the spans
 * that pointed at the shared id as their parent now point at the server span. Jaeger's `ZipkinSpanIDUniquifier`.
 */
export const zipkinSpanIdUniquifier: TraceAdjuster = (trace) => {
  const spansById = new Map<string, Span[]>();
  for (const span of trace.spans) {
    const group = spansById.get(span.spanId);
    if (group) group.push(span);
    else spansById.set(span.spanId, [span]);
  }
  const sharedWithClient = (spanId: string): boolean =>
    (spansById.get(spanId)?.length ?? 0) > 1 && spansById.get(spanId)!.some((span) => spanKindOf(span) === 'client');

  let lastUsed = 0;
  const nextFreeId = (): string => {
    for (;;) {
      lastUsed += 1;
      const candidate = lastUsed.toString(16).padStart(16, '0');
      if (!spansById.has(candidate)) return candidate;
    }
  };

  const newIdOf = new Map<string, string>();
  let spans = trace.spans.map((span) => {
    if (spanKindOf(span) !== 'server' || !sharedWithClient(span.spanId)) return span;
    const newId = nextFreeId();
    newIdOf.set(span.spanId, newId);
    // The previously shared id, i.e. the client span, becomes the server span's parent.
    return { ...span, spanId: newId, references: replaceParentId(span, span.spanId) };
  });
  if (newIdOf.size === 0) return trace;

  spans = spans.map((span) => {
    const parentId = parentIdOf(span);
    const newParentId = parentId === undefined ? undefined : newIdOf.get(parentId);
    if (newParentId === undefined || newParentId === span.spanId) return span;
    return { ...span, references: replaceParentId(span, newParentId) };
  });
  return { ...trace, spans };
};

/** The span's references with its parent replaced by `newParentId` (added as the first CHILD_OF when it had none). */
function replaceParentId(span: Span, newParentId: string): SpanReference[] {
  const oldParentId = parentIdOf(span);
  if (oldParentId !== undefined) {
    const index = span.references.findIndex((ref) => ref.spanId === oldParentId && ref.traceId === span.traceId);
    const references = span.references.slice();
    references[index] = { ...references[index]!, spanId: newParentId };
    return references;
  }
  if (span.references.some((ref) => ref.traceId === span.traceId && ref.spanId === newParentId)) return span.references;
  return [{ refType: 'CHILD_OF', traceId: span.traceId, spanId: newParentId }, ...span.references];
}
