import type { Trace } from '@skein/model';
import type { ServiceSummary, TraceSummary } from '@skein/query-api';
import { claimsParent, isErrorSpan, parentIndexes } from './span-facts.js';

/**
 * Summarises a trace for a search result. The root is the earliest span without a parent in the trace (orphans only
 * when there is no true root); services are listed by span count, most first.
 */
export function summarizeTrace(trace: Trace): TraceSummary {
  const { spans } = trace;
  const parents = parentIndexes(spans);
  let minStart = Infinity;
  let maxEnd = -Infinity;
  let errors = 0;
  let orphans = 0;
  let root = -1;
  let rootIsOrphan = true;
  const services = new Map<string, ServiceSummary>();
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    minStart = Math.min(minStart, span.startTime);
    maxEnd = Math.max(maxEnd, span.startTime + span.duration);
    const failed = isErrorSpan(span);
    if (failed) errors++;
    const name = span.process.serviceName;
    let service = services.get(name);
    if (!service) services.set(name, (service = { name, spanCount: 0, errorSpanCount: 0 }));
    service.spanCount++;
    if (failed) service.errorSpanCount++;
    if (parents[i] !== -1) continue;
    const orphan = claimsParent(span);
    if (orphan) orphans++;
    const better =
      root === -1 || (rootIsOrphan && !orphan) || (rootIsOrphan === orphan && span.startTime < spans[root]!.startTime);
    if (better) {
      root = i;
      rootIsOrphan = orphan;
    }
  }
  const rootSpan = root === -1 ? undefined : spans[root];
  return {
    traceId: trace.traceId,
    rootServiceName: rootSpan?.process.serviceName ?? '',
    rootOperationName: rootSpan?.operationName ?? '',
    minStartTimeUnixNano: spans.length === 0 ? '0' : nanos(minStart),
    maxEndTimeUnixNano: spans.length === 0 ? '0' : nanos(maxEnd),
    spanCount: spans.length,
    errorSpanCount: errors,
    orphanSpanCount: orphans,
    services: [...services.values()].sort((a, b) => b.spanCount - a.spanCount || (a.name < b.name ? -1 : 1)),
  };
}

function nanos(micros: number): string {
  return (BigInt(micros) * 1000n).toString();
}
