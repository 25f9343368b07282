import { spanContentHash } from '@skein/model';
import type { TraceAdjuster } from './adjuster.js';

/**
 * Drops spans whose whole content repeats an earlier span's (a redelivered batch stored twice by a backend whose
 * writes are not idempotent), keeping the first. Jaeger's `DedupeBySpanHash`; runs after sorting so that the same
 * tags in another order count as the same span. Only spans sharing a span id can be equal, so only those are hashed.
 */
export const dedupeBySpanHash: TraceAdjuster = (trace) => {
  const idCounts = new Map<string, number>();
  for (const span of trace.spans) idCounts.set(span.spanId, (idCounts.get(span.spanId) ?? 0) + 1);
  if (idCounts.size === trace.spans.length) return trace;
  const seen = new Set<string>();
  const spans = trace.spans.filter((span) => {
    if (idCounts.get(span.spanId) === 1) return true;
    const key = `${span.spanId}/${spanContentHash(span)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return spans.length === trace.spans.length ? trace : { ...trace, spans };
};
