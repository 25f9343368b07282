import { spansToOtlpJsonValue } from '@skein/codecs';
import type { Trace } from '@skein/model';
import type { QueryService } from '../query-service.js';
import { traceSummaryJson } from '../ui-api/trace-summary.js';
import { BadParameterError, parseTraceIdParam, type QueryParams } from './params.js';
import { getRoute, type Answer, type RouteContext } from './route-helpers.js';
import { parseV3FindTraces, parseV3GetTrace, v3, V3_PARAM } from './v3-params.js';

/** api_v3's error body (the gRPC gateway's shape): `{"error":{"httpCode":400,"message":"…"}}`. */
export function v3Failure(status: number, message: string): string {
  return JSON.stringify({ error: { httpCode: status, message } });
}

/** Jaeger's api_v3 gateway answers 404 with this when a trace lookup or a search finds nothing. */
export const NO_TRACES_FOUND = 'No traces found';

/**
 * Jaeger's api_v3 HTTP gateway: traces as OTLP JSON inside `{"result": …}`, services and operations as the
 * proto3 JSON of the api_v3 messages.
 */
export function registerV3Routes(context: RouteContext, service: QueryService): void {
  const route = (pattern: string, handler: (params: QueryParams, path: Record<string, string>) => Promise<Answer>): void =>
    getRoute(context, pattern, v3Failure, (request, params) => handler(params, request.params as Record<string, string>));

  route('/api/v3/traces/:trace_id', async (params, path) => {
    const traceId = v3('trace_id', () => parseTraceIdParam('trace_id', path.trace_id ?? ''));
    const { raw, ...hint } = parseV3GetTrace(params);
    const trace = await service.getTrace(traceId, { ...hint, raw });
    return tracesAnswer(trace === null ? [] : [trace]);
  });

  route('/api/v3/traces', async (params) => {
    const { query, raw } = parseV3FindTraces(params);
    return tracesAnswer(await service.findTraces(query, { raw }));
  });

  // Search results without the spans: what a result list draws (root, duration, counts per service).
  route('/api/v3/trace-summaries', async (params) => {
    const { query } = parseV3FindTraces(params);
    const summaries = await service.findTraceSummaries(query);
    return { status: 200, body: JSON.stringify({ summaries: summaries.map(traceSummaryJson) }) };
  });

  route('/api/v3/services', async () => {
    const services = await service.getServices();
    return { status: 200, body: JSON.stringify({ services }) };
  });

  route('/api/v3/operations', async (params) => {
    const serviceName = params.first('service');
    if (serviceName === undefined) throw new BadParameterError('service', 'malformed parameter service: it is required');
    const spanKind = params.firstOf(V3_PARAM.spanKind)?.value;
    const operations = await service.getOperations(serviceName, spanKind);
    // proto3 JSON leaves out empty strings, so an operation without a span kind has no spanKind member.
    const body = operations.map((op) => (op.spanKind === '' ? { name: op.name } : { name: op.name, spanKind: op.spanKind }));
    return { status: 200, body: JSON.stringify({ operations: body }) };
  });
}

function tracesAnswer(traces: readonly Trace[]): Answer {
  if (traces.length === 0) return { status: 404, body: v3Failure(404, NO_TRACES_FOUND) };
  const resourceSpans = traces.flatMap((trace) => spansToOtlpJsonValue(trace.spans).resourceSpans as unknown[]);
  return { status: 200, body: JSON.stringify({ result: { resourceSpans } }) };
}
