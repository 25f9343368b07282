import type { Span, TraceId } from '@skein/model';

/** One service's part of a trace. */
export interface ServiceSpanCount {
  name: string;
  spanCount: number;
  errorSpanCount: number;
}

/**
 * What a search result shows of a trace without reading it whole (api_v3's `TraceSummary`). Times are µs. The root
 * is the earliest span with no parent in the trace, preferring true roots (no reference into the trace) over
 * orphans (a reference to a span that is not stored); services are sorted by name, as api_v3 defines.
 */
export interface TraceSummary {
  traceId: TraceId;
  rootServiceName: string;
  rootOperationName: string;
  minStartTime: number;
  maxEndTime: number;
  spanCount: number;
  errorSpanCount: number;
  orphanSpanCount: number;
  services: ServiceSpanCount[];
}

/** The few facts of a span a summary needs; a store that aggregates reads only these. */
export interface SummarySpan {
  spanId: string;
  /** Span ids this span references within its own trace (any reference type). */
  referencedSpanIds: readonly string[];
  serviceName: string;
  operationName: string;
  startTime: number;
  duration: number;
  error: boolean;
}

/**
 * Whether the span failed, as Jaeger's UI decides it: an `error` tag that is true (bool, or the string "true" in any
 * case), or an OpenTelemetry status of ERROR.
 */
export function isErrorSpan(span: Span): boolean {
  for (const tag of span.tags) {
    if (tag.key === 'error') {
      if (tag.type === 'bool' ? tag.value : tag.type === 'string' && tag.value.toLowerCase() === 'true') return true;
    } else if (tag.key === 'otel.status_code' && tag.type === 'string' && tag.value === 'ERROR') {
      return true;
    }
  }
  return false;
}

export function summarySpanOf(span: Span): SummarySpan {
  const referencedSpanIds: string[] = [];
  for (const ref of span.references) if (ref.traceId === span.traceId) referencedSpanIds.push(ref.spanId);
  return {
    spanId: span.spanId,
    referencedSpanIds,
    serviceName: span.process.serviceName,
    operationName: span.operationName,
    startTime: span.startTime,
    duration: span.duration,
    error: isErrorSpan(span),
  };
}

/**
 * The summary of a trace's spans: the one definition every store's `findTraceSummaries` must agree with. A span has
 * a parent when it references another stored span id of its trace; one that references only missing (or its own)
 * ids is an orphan.
 */
export function summarizeSpans(traceId: TraceId, spans: readonly SummarySpan[]): TraceSummary {
  const ids = new Set<string>();
  for (const span of spans) ids.add(span.spanId);
  let minStart = Infinity;
  let maxEnd = -Infinity;
  let errors = 0;
  let orphans = 0;
  let root: SummarySpan | undefined;
  let rootIsOrphan = true;
  const services = new Map<string, ServiceSpanCount>();
  for (const span of spans) {
    minStart = Math.min(minStart, span.startTime);
    maxEnd = Math.max(maxEnd, span.startTime + span.duration);
    if (span.error) errors++;
    let service = services.get(span.serviceName);
    if (!service) services.set(span.serviceName, (service = { name: span.serviceName, spanCount: 0, errorSpanCount: 0 }));
    service.spanCount++;
    if (span.error) service.errorSpanCount++;
    if (span.referencedSpanIds.some((id) => id !== span.spanId && ids.has(id))) continue;
    const orphan = span.referencedSpanIds.length > 0;
    if (orphan) orphans++;
    const better = !root || (rootIsOrphan && !orphan) || (rootIsOrphan === orphan && span.startTime < root.startTime);
    if (better) {
      root = span;
      rootIsOrphan = orphan;
    }
  }
  return {
    traceId,
    rootServiceName: root?.serviceName ?? '',
    rootOperationName: root?.operationName ?? '',
    minStartTime: spans.length === 0 ? 0 : minStart,
    maxEndTime: spans.length === 0 ? 0 : maxEnd,
    spanCount: spans.length,
    errorSpanCount: errors,
    orphanSpanCount: orphans,
    services: sortServices([...services.values()]),
  };
}

/** `summarizeSpans` over whole spans. */
export function summarizeTrace(traceId: TraceId, spans: readonly Span[]): TraceSummary {
  return summarizeSpans(traceId, spans.map(summarySpanOf));
}

/** api_v3's order of a summary's services: by name. */
export function sortServices<T extends { name: string }>(services: T[]): T[] {
  return services.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
