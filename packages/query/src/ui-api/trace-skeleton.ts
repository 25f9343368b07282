import { formatJaegerTraceId, type Span, type Trace } from '@skein/model';
import { SPAN_FLAG, type TraceSkeleton } from '@skein/query-api';
import { isErrorSpan, parentIndexes } from './span-facts.js';

/** Spans by start time, ties by span id: the skeleton's order. */
export function orderByStart(spans: readonly Span[]): Span[] {
  return [...spans].sort((a, b) => a.startTime - b.startTime || (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0));
}

/** The trace in the UI's columnar form (see `TraceSkeleton` in @skein/query-api). */
export function traceSkeleton(trace: Trace): TraceSkeleton {
  const spans = orderByStart(trace.spans);
  const count = spans.length;
  const parents = parentIndexes(spans);
  let startTime = Infinity;
  let endTime = -Infinity;
  for (const span of spans) {
    startTime = Math.min(startTime, span.startTime);
    endTime = Math.max(endTime, span.startTime + span.duration);
  }
  if (count === 0) startTime = endTime = 0;
  const services = new StringTable();
  const operations = new StringTable();
  const skeleton: TraceSkeleton = {
    format: 'skein-trace-skeleton/1',
    traceID: formatJaegerTraceId(trace.traceId),
    startTime,
    duration: endTime - startTime,
    services: services.values,
    operations: operations.values,
    spanIDs: spans.map((span) => span.spanId).join(''),
    parents: Array.from(parents),
    serviceIndexes: new Array<number>(count),
    operationIndexes: new Array<number>(count),
    starts: new Array<number>(count),
    durations: new Array<number>(count),
    flags: new Array<number>(count),
    eventSpans: [],
    eventOffsets: [],
  };
  for (let i = 0; i < count; i++) {
    const span = spans[i]!;
    skeleton.serviceIndexes[i] = services.indexOf(span.process.serviceName);
    skeleton.operationIndexes[i] = operations.indexOf(span.operationName);
    skeleton.starts[i] = span.startTime - startTime;
    skeleton.durations[i] = span.duration;
    let flags = isErrorSpan(span) ? SPAN_FLAG.error : 0;
    if (span.warnings.length > 0) flags |= SPAN_FLAG.warnings;
    if (parents[i] === -1 && span.references.some((ref) => ref.traceId === span.traceId)) flags |= SPAN_FLAG.orphan;
    skeleton.flags[i] = flags;
    for (const log of span.logs) {
      skeleton.eventSpans.push(i);
      skeleton.eventOffsets.push(log.timestamp - startTime);
    }
  }
  return skeleton;
}

class StringTable {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  indexOf(value: string): number {
    let at = this.index.get(value);
    if (at === undefined) {
      at = this.values.push(value) - 1;
      this.index.set(value, at);
    }
    return at;
  }
}
