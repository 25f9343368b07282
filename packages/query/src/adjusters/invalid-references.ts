import { mapSpans, type TraceAdjuster } from './adjuster.js';

const ALL_ZEROS = /^0*$/;

/** Removes references whose trace id is all zeros (they point nowhere), with a warning; Jaeger's `SpanReferences`. */
export const dropInvalidReferences: TraceAdjuster = (trace) =>
  mapSpans(trace, (span) => {
    const invalid = span.references.filter((ref) => ALL_ZEROS.test(ref.traceId));
    if (invalid.length === 0) return span;
    return {
      ...span,
      references: span.references.filter((ref) => !ALL_ZEROS.test(ref.traceId)),
      warnings: [
        ...span.warnings,
        ...invalid.map((ref) => `Invalid span reference removed: ${ref.refType} trace ${ref.traceId || '(empty)'} span ${ref.spanId}`),
      ],
    };
  });
