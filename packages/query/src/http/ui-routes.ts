import { stringifyJson, toJaegerUiTrace } from '@skein/model';
import type { TraceLogReader } from '@skein/storage';
import type { QueryService } from '../query-service.js';
import type { CachedTrace } from '../ui-api/cached-trace.js';
import { RecentTraces } from '../ui-api/recent-traces.js';
import { runWithin, TimeLimitError } from '../ui-api/bounded-run.js';
import { filterSpans, parseSpanFilter, SpanFilterError } from '../ui-api/span-filter.js';
import { findSpans } from '../ui-api/span-search.js';
import { BadParameterError, parseTraceIdParam, type QueryParams } from './params.js';
import { getRoute, type Answer, type RouteContext } from './route-helpers.js';
import { TRACE_NOT_FOUND, v1Data, v1Failure } from './v1-envelope.js';

/** Starts reading a trace the UI is about to ask for; failures are left for the UI's own request to report. */
export type UiTracePrefetch = (traceId: string) => void;

/** Longest find text accepted, characters. */
const MAX_FIND_TEXT = 256;

/**
 * Longest a span filter may run on one trace (a hostile regular expression is stopped here), plus a little per span
 * for a big trace, whose spans are decoded as the filter reads them.
 */
export const FILTER_TIME_LIMIT_MS = 2_000;
const FILTER_TIME_PER_SPAN_MS = 0.005;
/** Longest `where` accepted, characters (Node refuses URLs past 16 KiB before this is read). */
const MAX_WHERE_TEXT = 8_192;

/** What the logs endpoint says when no cluster holds logs. */
export const NO_TRACE_LOGS =
  'no logs cluster is configured: set --query.logs.server-urls (QUERY_LOGS_SERVER_URLS), or keep spans in Elasticsearch/OpenSearch, whose cluster is then searched';

/**
 * The endpoints Skein's UI draws big traces from (documented in the package README): the trace skeleton, one span's
 * detail, find-in-trace, and the trace's log lines from the logs cluster, all over the same adjusted trace, kept
 * so that a span click on a 1,000,000-span trace does not read it again. Errors use Jaeger's `/api` envelope.
 */
/** How much of the opened traces the query service keeps (`--query.ui.trace-cache-size`). */
export interface UiTraceCacheOptions {
  maxBytes: number;
  /** Traces of this many spans or more are kept encoded. */
  compactAbove: number;
}

export const DEFAULT_UI_TRACE_CACHE: UiTraceCacheOptions = { maxBytes: 1024 * 1024 * 1024, compactAbove: 50_000 };

export function registerUiRoutes(context: RouteContext, service: QueryService, traceLogs?: TraceLogReader, cache: UiTraceCacheOptions = DEFAULT_UI_TRACE_CACHE): UiTracePrefetch {
  // Bounded by memory and by time (a trace may still be growing); a big trace is kept encoded, and longer, since its
  // read takes seconds.
  const recent = new RecentTraces({ maxBytes: cache.maxBytes, ttlMs: 30_000, compactTtlMs: 300_000, compactAbove: cache.compactAbove });
  const failure = (status: number, message: string): string => stringifyJson(v1Failure(status, message));
  const route = (pattern: string, handler: (params: QueryParams, trace: CachedTrace, path: Record<string, string>) => Answer | Promise<Answer>): void =>
    getRoute(context, pattern, failure, async (request, params) => {
      const path = request.params as Record<string, string>;
      const traceId = parseTraceIdParam('traceID', path.traceID ?? '');
      const trace = await recent.get(traceId, () => service.getTrace(traceId));
      if (trace === null) return { status: 404, body: failure(404, TRACE_NOT_FOUND) };
      return handler(params, trace, path);
    });

  // The same cached trace answers the same skeleton: reopening a trace (back, compare) costs no rebuild.
  route('/api/ui/traces/:traceID', (_params, trace) => ({ status: 200, body: trace.skeletonBody() }));

  route('/api/ui/traces/:traceID/spans/:spanID', (_params, trace, path) => {
    const spanId = (path.spanID ?? '').toLowerCase();
    const span = trace.span(spanId);
    if (!span) return { status: 404, body: failure(404, `span ${JSON.stringify(spanId.slice(0, 64))} not found in trace ${trace.traceId}`) };
    const ui = toJaegerUiTrace({ traceId: trace.traceId, spans: [span] }, { unsafeInt64: 'string' });
    const uiSpan = ui.spans[0]!;
    return { status: 200, body: stringifyJson(v1Data({ span: uiSpan, process: ui.processes[uiSpan.processID] })) };
  });

  route('/api/ui/traces/:traceID/find', (params, trace) => {
    const text = params.first('q') ?? '';
    if (text.length > MAX_FIND_TEXT) throw new BadParameterError('q', `unable to parse param 'q': longer than ${MAX_FIND_TEXT} characters`);
    return { status: 200, body: JSON.stringify(v1Data(findSpans(trace.spans(), text))) };
  });

  route('/api/ui/traces/:traceID/filter', (params, trace) => {
    const where = params.first('where') ?? '[]';
    if (where.length > MAX_WHERE_TEXT) throw new BadParameterError('where', `unable to parse param 'where': longer than ${MAX_WHERE_TEXT} characters`);
    let spanIDs: string[];
    const limitMs = Math.round(FILTER_TIME_LIMIT_MS + trace.spanCount * FILTER_TIME_PER_SPAN_MS);
    try {
      const conditions = parseSpanFilter(where);
      spanIDs = runWithin(limitMs, () => filterSpans(trace.spans(), conditions));
    } catch (error) {
      if (error instanceof SpanFilterError) throw new BadParameterError('where', `unable to parse param 'where': ${error.message}`);
      if (error instanceof TimeLimitError) {
        throw new BadParameterError('where', `the filter ran longer than ${limitMs} ms on the trace's ${trace.spanCount} spans and was stopped: simplify its regular expressions`);
      }
      throw error;
    }
    return { status: 200, body: JSON.stringify(v1Data({ spanIDs, total: spanIDs.length })) };
  });

  route('/api/ui/traces/:traceID/logs', async (_params, trace) => {
    if (!traceLogs) return { status: 501, body: failure(501, NO_TRACE_LOGS) };
    try {
      const found = await traceLogs.findTraceLogs({ traceId: trace.traceId, startMicros: trace.startMicros, endMicros: trace.endMicros, limit: Number.MAX_SAFE_INTEGER });
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
