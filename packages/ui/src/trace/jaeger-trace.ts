import { SPAN_FLAG, type JaegerKeyValue, type JaegerSpan, type JaegerTrace, type TraceSkeleton, type TraceSummary } from '../api/types';

/**
 * Traces held in the browser only (an uploaded file, or ids looked up through `/api/traces`) reach the same views
 * as stored ones through these: the skeleton the timeline draws, the summary the result list shows, and find.
 * They follow the query service's rules for the same answers (parent, root, error).
 */

export function isErrorSpan(span: JaegerSpan): boolean {
  return span.tags.some(
    (tag) =>
      (tag.key === 'error' && (tag.value === true || String(tag.value).toLowerCase() === 'true')) ||
      (tag.key === 'otel.status_code' && tag.value === 'ERROR'),
  );
}

function byStart(spans: readonly JaegerSpan[]): JaegerSpan[] {
  return [...spans].sort((a, b) => a.startTime - b.startTime || (a.spanID < b.spanID ? -1 : a.spanID > b.spanID ? 1 : 0));
}

/** Parent index per span (-1: root or orphan), CHILD_OF first, then any reference within the trace. */
function parentIndexes(spans: readonly JaegerSpan[]): { parents: Int32Array; orphan: Uint8Array } {
  const indexById = new Map(spans.map((span, i) => [span.spanID, i]));
  const parents = new Int32Array(spans.length).fill(-1);
  const orphan = new Uint8Array(spans.length);
  spans.forEach((span, i) => {
    const refs = (span.references ?? []).filter((ref) => ref.traceID === span.traceID);
    const pick = refs.find((ref) => ref.refType === 'CHILD_OF' && indexById.has(ref.spanID)) ?? refs.find((ref) => indexById.has(ref.spanID));
    const index = pick ? indexById.get(pick.spanID)! : -1;
    parents[i] = index === i ? -1 : index;
    orphan[i] = parents[i] === -1 && refs.length > 0 ? 1 : 0;
  });
  return { parents, orphan };
}

export function skeletonOfJaegerTrace(trace: JaegerTrace): TraceSkeleton {
  const spans = byStart(trace.spans);
  const { parents, orphan } = parentIndexes(spans);
  const start = spans.reduce((min, span) => Math.min(min, span.startTime), Infinity);
  const end = spans.reduce((max, span) => Math.max(max, span.startTime + span.duration), -Infinity);
  const startTime = spans.length === 0 ? 0 : start;
  const services: string[] = [];
  const operations: string[] = [];
  const indexIn = (table: string[], value: string): number => {
    const at = table.indexOf(value);
    return at === -1 ? table.push(value) - 1 : at;
  };
  const skeleton: TraceSkeleton = {
    format: 'skein-trace-skeleton/1',
    traceID: trace.traceID,
    startTime,
    duration: spans.length === 0 ? 0 : end - start,
    services,
    operations,
    spanIDs: spans.map((span) => span.spanID.padStart(16, '0')).join(''),
    parents: Array.from(parents),
    serviceIndexes: [],
    operationIndexes: [],
    starts: [],
    durations: [],
    flags: [],
    eventSpans: [],
    eventOffsets: [],
  };
  spans.forEach((span, i) => {
    skeleton.serviceIndexes.push(indexIn(services, serviceOf(trace, span)));
    skeleton.operationIndexes.push(indexIn(operations, span.operationName));
    skeleton.starts.push(span.startTime - startTime);
    skeleton.durations.push(span.duration);
    let flags = isErrorSpan(span) ? SPAN_FLAG.error : 0;
    if ((span.warnings ?? []).length > 0) flags |= SPAN_FLAG.warnings;
    if (orphan[i]) flags |= SPAN_FLAG.orphan;
    skeleton.flags.push(flags);
    for (const log of span.logs ?? []) {
      skeleton.eventSpans.push(i);
      skeleton.eventOffsets.push(log.timestamp - startTime);
    }
  });
  return skeleton;
}

export function serviceOf(trace: JaegerTrace, span: JaegerSpan): string {
  return span.process?.serviceName ?? trace.processes[span.processID]?.serviceName ?? '';
}

export function summarizeJaegerTrace(trace: JaegerTrace): TraceSummary {
  const { parents, orphan } = parentIndexes(trace.spans);
  const services = new Map<string, { name: string; spanCount: number; errorSpanCount: number }>();
  let root = -1;
  let errors = 0;
  let start = Infinity;
  let end = -Infinity;
  trace.spans.forEach((span, i) => {
    const failed = isErrorSpan(span);
    if (failed) errors++;
    start = Math.min(start, span.startTime);
    end = Math.max(end, span.startTime + span.duration);
    const name = serviceOf(trace, span);
    const entry = services.get(name) ?? { name, spanCount: 0, errorSpanCount: 0 };
    entry.spanCount++;
    if (failed) entry.errorSpanCount++;
    services.set(name, entry);
    if (parents[i] !== -1) return;
    const current = trace.spans[root];
    if (!current || (orphan[root] && !orphan[i]) || (orphan[root] === orphan[i] && span.startTime < current.startTime)) root = i;
  });
  const rootSpan = trace.spans[root];
  const nanos = (micros: number): string => (trace.spans.length === 0 ? '0' : (BigInt(micros) * 1000n).toString());
  return {
    traceId: trace.traceID,
    rootServiceName: rootSpan ? serviceOf(trace, rootSpan) : '',
    rootOperationName: rootSpan?.operationName ?? '',
    minStartTimeUnixNano: nanos(start),
    maxEndTimeUnixNano: nanos(end),
    spanCount: trace.spans.length,
    errorSpanCount: errors,
    orphanSpanCount: orphan.reduce((sum, flag) => sum + flag, 0),
    services: [...services.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}

/** Find-in-trace over spans held in the browser, by the query service's rules (`key=value` terms, all must match). */
export function findInJaegerTrace(trace: JaegerTrace, text: string): string[] {
  const terms = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [];
  const valueText = (tag: JaegerKeyValue): string => (tag.type === 'binary' ? '' : String(tag.value).toLowerCase());
  return byStart(trace.spans)
    .filter((span) => {
      const process = span.process ?? trace.processes[span.processID];
      const lists = [span.tags, process?.tags ?? [], ...(span.logs ?? []).map((log) => log.fields)];
      return terms.every((term) => {
        const eq = term.indexOf('=');
        if (eq > 0) {
          const key = term.slice(0, eq);
          const value = term.slice(eq + 1);
          return lists.some((tags) => tags.some((tag) => tag.key.toLowerCase() === key && valueText(tag).includes(value)));
        }
        return (
          span.spanID.includes(term) ||
          span.operationName.toLowerCase().includes(term) ||
          (process?.serviceName ?? '').toLowerCase().includes(term) ||
          lists.some((tags) => tags.some((tag) => tag.key.toLowerCase().includes(term) || valueText(tag).includes(term)))
        );
      });
    })
    .map((span) => span.spanID);
}
