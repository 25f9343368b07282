import type { Span, Trace } from '@skein/model';

/**
 * One step of the read path's clean-up. Adjusters are pure: they never change the trace they are given (readers may
 * hand out objects they keep, the memory store does) and return a new trace, sharing the spans they left alone.
 */
export type TraceAdjuster = (trace: Trace) => Trace;

/** Runs `adjusters` left to right. */
export function composeAdjusters(adjusters: readonly TraceAdjuster[]): TraceAdjuster {
  return (trace) => adjusters.reduce((current, adjust) => adjust(current), trace);
}

/** A copy of `span` with `warning` appended to its warnings. */
export function withWarning(span: Span, warning: string): Span {
  return { ...span, warnings: [...span.warnings, warning] };
}

/** `trace` with each span replaced by `adjust(span)`; the same trace object when no span changed. */
export function mapSpans(trace: Trace, adjust: (span: Span, index: number) => Span): Trace {
  let changed = false;
  const spans = trace.spans.map((span, index) => {
    const adjusted = adjust(span, index);
    if (adjusted !== span) changed = true;
    return adjusted;
  });
  return changed ? { ...trace, spans } : trace;
}

/** The value of a span's `span.kind` tag when it is a string, else undefined. */
export function spanKindOf(span: Span): string | undefined {
  for (const tag of span.tags) {
    if (tag.key === 'span.kind' && tag.type === 'string') return tag.value;
  }
  return undefined;
}

/** A span's parent as Jaeger sees it: the first CHILD_OF reference within the span's own trace. */
export function parentIdOf(span: Span): string | undefined {
  for (const ref of span.references) {
    if (ref.refType === 'CHILD_OF' && ref.traceId === span.traceId) return ref.spanId;
  }
  return undefined;
}
