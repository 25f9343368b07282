import type { Trace } from '@skein/model';

/**
 * Keeps the first `maxSpans` spans of a bigger trace and says so in the first span's warnings (Jaeger's
 * `max_trace_size`); 0 means no limit. Applied even to raw traces, since it protects the server and the browser.
 */
export function truncateTrace(trace: Trace, maxSpans: number): Trace {
  if (maxSpans <= 0 || trace.spans.length <= maxSpans) return trace;
  const spans = trace.spans.slice(0, maxSpans);
  const first = spans[0]!;
  spans[0] = {
    ...first,
    warnings: [...first.warnings, `trace has more than ${maxSpans} spans, showing first ${maxSpans} spans only`],
  };
  return { ...trace, spans };
}
