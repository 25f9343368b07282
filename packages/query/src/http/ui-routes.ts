import { stringifyJson, toJaegerUiTrace, type Trace } from '@skein/model';
import type { TraceLogReader } from '@skein/storage';
import type { QueryService } from '../query-service.js';
import { RecentTraces } from '../ui-api/recent-traces.js';
import { runWithin, TimeLimitError } from '../ui-api/bounded-run.js';
import { filterSpans, parseSpanFilter, SpanFilterError } from '../ui-api/span-filter.js';
import { findSpans } from '../ui-api/span-search.js';
import { traceSkeleton } from '../ui-api/trace-skeleton.js';
import { BadParameterError, parseTraceIdParam, type QueryParams } from './params.js';
import { getRoute, type Answer, type RouteContext } from './route-helpers.js';
import { TRACE_NOT_FOUND, v1Data, v1Failure } from './v1-envelope.js';

/** Starts reading a trace the UI is about to ask for; failures are left for the UI's own request to report. */
export type UiTracePrefetch = (traceId: string) => void;

/** Longest find text accepted, characters. */
const MAX_FIND_TEXT = 256;

/** Longest a span filter may run on one trace (a hostile regular expression is stopped here). */
export const FILTER_TIME_LIMIT_MS = 2_000;
/** Longest `where` accepted, characters (Node refuses URLs past 16 KiB before this is read). */
const MAX_WHERE_TEXT = 8_192;

/** What the logs endpoint says when no cluster holds logs. */
export const NO_TRACE_LOGS =
  'no logs cluster is configured: set --query.logs.server-urls (QUERY_LOGS_SERVER_URLS), or keep spans in Elasticsearch/OpenSearch, whose cluster is then searched';

/**
 * The endpoints Skein's UI draws big traces from (documented in the package README): the trace skeleton, one span's
 * detail, find-in-trace, and the trace's log lines from the logs cluster, all over the same adjusted trace, kept
 * briefly so that a span click on a 100,000-span trace does not read it again. Errors use Jaeger's `/api` envelope.
 */
export function registerUiRoutes(context: RouteContext, service: QueryService, traceLogs?: TraceLogReader): UiTracePrefetch {
  // Bounded by spans (a 100,000-span trace is ~120 MB of span objects) and by time (a trace may still be growing).
  const recent = new RecentTraces({ maxSpans: 200_000, ttlMs: 30_000 });
  const failure = (status: number, message: string): string => stringifyJson(v1Failure(status, message));
  const route = (pattern: string, handler: (params: QueryParams, trace: Trace, path: Record<string, string>) => Answer | Promise<Answer>): void =>
    getRoute(context, pattern, failure, async (request, params) => {
      const path = request.params as Record<string, string>;
      const traceId = parseTraceIdParam('traceID', path.traceID ?? '');
      const trace = await recent.get(traceId, () => service.getTrace(traceId));
      if (trace === null) return { status: 404, body: failure(404, TRACE_NOT_FOUND) };
      return handler(params, trace, path);
    });

  // The same cached trace answers the same skeleton: reopening a trace (back, compare) costs no rebuild.
  const skeletons = new WeakMap<Trace, string>();
  route('/api/ui/traces/:traceID', (_params, trace) => {
    let body = skeletons.get(trace);
    if (body === undefined) skeletons.set(trace, (body = JSON.stringify(traceSkeleton(trace))));
    return { status: 200, body };
  });

  route('/api/ui/traces/:traceID/spans/:spanID', (_params, trace, path) => {
    const spanId = (path.spanID ?? '').toLowerCase();
    const span = trace.spans.find((candidate) => candidate.spanId === spanId);
    if (!span) return { status: 404, body: failure(404, `span ${JSON.stringify(spanId.slice(0, 64))} not found in trace ${trace.traceId}`) };
    const ui = toJaegerUiTrace({ traceId: trace.traceId, spans: [span] }, { unsafeInt64: 'string' });
    const uiSpan = ui.spans[0]!;
    return { status: 200, body: stringifyJson(v1Data({ span: uiSpan, process: ui.processes[uiSpan.processID] })) };
  });

  route('/api/ui/traces/:traceID/find', (params, trace) => {
    const text = params.first('q') ?? '';
    if (text.length > MAX_FIND_TEXT) throw new BadParameterError('q', `unable to parse param 'q': longer than ${MAX_FIND_TEXT} characters`);
    return { status: 200, body: JSON.stringify(v1Data(findSpans(trace.spans, text))) };
  });

  route('/api/ui/traces/:traceID/filter', (params, trace) => {
    const where = params.first('where') ?? '[]';
    if (where.length > MAX_WHERE_TEXT) throw new BadParameterError('where', `unable to parse param 'where': longer than ${MAX_WHERE_TEXT} characters`);
    let spanIDs: string[];
    try {
      const conditions = parseSpanFilter(where);
      spanIDs = runWithin(FILTER_TIME_LIMIT_MS, () => filterSpans(trace.spans, conditions));
    } catch (error) {
      if (error instanceof SpanFilterError) throw new BadParameterError('where', `unable to parse param 'where': ${error.message}`);
      if (error instanceof TimeLimitError) {
        throw new BadParameterError('where', `the filter ran longer than ${FILTER_TIME_LIMIT_MS} ms on the trace's ${trace.spans.length} spans and was stopped: simplify its regular expressions`);
      }
      throw error;
    }
    return { status: 200, body: JSON.stringify(v1Data({ spanIDs, total: spanIDs.length })) };
  });

  route('/api/ui/traces/:traceID/logs', async (_params, trace) => {
    if (!traceLogs) return { status: 501, body: failure(501, NO_TRACE_LOGS) };
    let startMicros = Infinity;
    let endMicros = -Infinity;
    for (const span of trace.spans) {
      startMicros = Math.min(startMicros, span.startTime);
      endMicros = Math.max(endMicros, span.startTime + span.duration);
    }
    try {
      const found = await traceLogs.findTraceLogs({ traceId: trace.traceId, startMicros, endMicros, limit: Number.MAX_SAFE_INTEGER });
      const lines = found.lines.map(({ spanId, ...line }) => ({ ...line, ...(spanId ? { spanID: spanId } : {}) }));
      return { status: 200, body: JSON.stringify(v1Data({ lines, total: found.total, searched: traceLogs.description })) };
    } catch (error) {
      // The logs cluster failed, not the trace: 502 says so, and the page keeps the trace.
      context.logger.warn({ err: error, traceId: trace.traceId }, 'log lines of a trace could not be read');
      return { status: 502, body: failure(502, error instanceof Error ? error.message : String(error)) };
    }
  });

  return (rawTraceId) => {
    let traceId: string;
    try {
      traceId = parseTraceIdParam('traceID', rawTraceId);
    } catch {
      return; // not a trace id: the page will say so
    }
    recent.get(traceId, () => service.getTrace(traceId)).catch(() => undefined);
  };
}
