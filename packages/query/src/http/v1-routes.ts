import { formatJaegerTraceId, stringifyJson, toJaegerUiTrace, type Trace } from '@skein/model';
import type { QueryService } from '../query-service.js';
import {
  BadParameterError,
  parseBoolParam,
  parseMicrosParam,
  parseMillisParamAsMicros,
  parseTraceIdParam,
  type QueryParams,
} from './params.js';
import { getRoute, type Answer, type RouteContext } from './route-helpers.js';
import { TRACE_NOT_FOUND, v1Data, v1Failure, type V1Envelope, type V1Error } from './v1-envelope.js';
import { parseTraceSearch } from './v1-search-params.js';

/** Jaeger's default dependency lookback: one day. */
export const DEFAULT_DEPENDENCIES_LOOKBACK_MICROS = 86_400 * 1_000_000;

const SPAN_KINDS = ['client', 'server', 'producer', 'consumer', 'internal'];

/** Jaeger's HTTP API (`/api/…`) as the Jaeger UI and Grafana's Jaeger data source call it. */
export function registerV1Routes(context: RouteContext, service: QueryService, now: () => number): void {
  const failure = (status: number, message: string): string => stringifyJson(v1Failure(status, message));
  const route = (pattern: string, handler: (params: QueryParams, path: Record<string, string>) => Promise<Answer>): void =>
    getRoute(context, pattern, failure, (request, params) => handler(params, request.params as Record<string, string>));

  route('/api/services', async (params) => {
    const services = await service.getServices();
    return json(params, v1Data(services, services.length));
  });

  route('/api/services/:service/operations', async (params, path) => {
    const operations = await service.getOperations(path.service ?? '');
    const names = [...new Set(operations.map((op) => op.name))];
    return json(params, v1Data(names, names.length));
  });

  route('/api/operations', async (params) => {
    const serviceName = params.first('service');
    if (serviceName === undefined) throw new BadParameterError('service', "parameter 'service' is required");
    const spanKind = params.first('spanKind');
    if (spanKind !== undefined && !SPAN_KINDS.includes(spanKind)) {
      throw new BadParameterError('spanKind', `unable to parse param 'spanKind': ${JSON.stringify(spanKind.slice(0, 64))} is not one of ${SPAN_KINDS.join(', ')}`);
    }
    const operations = await service.getOperations(serviceName, spanKind);
    const data = operations.map((op) => ({ name: op.name, spanKind: op.spanKind }));
    return json(params, v1Data(data, data.length));
  });

  route('/api/traces', async (params) => {
    const search = parseTraceSearch(params, now());
    if (search.kind === 'search') {
      const traces = await service.findTraces(search.query, { raw: search.raw });
      return json(params, v1Data(traces.map(toUi)));
    }
    const traces: Trace[] = [];
    const errors: V1Error[] = [];
    const hint = { startTime: search.startTime, endTime: search.endTime };
    for (const traceId of search.traceIds) {
      const trace = await service.getTrace(traceId, { ...definedOnly(hint), raw: search.raw });
      if (trace) traces.push(trace);
      else errors.push({ msg: TRACE_NOT_FOUND, traceID: formatJaegerTraceId(traceId) });
    }
    return json(params, v1Data(traces.map(toUi), 0, errors));
  });

  route('/api/traces/:traceID', async (params, path) => {
    const traceId = parseTraceIdParam('traceID', path.traceID ?? '');
    const start = params.first('start');
    const end = params.first('end');
    const raw = params.first('raw');
    const trace = await service.getTrace(traceId, {
      ...(start === undefined ? {} : { startTime: parseMicrosParam('start', start) }),
      ...(end === undefined ? {} : { endTime: parseMicrosParam('end', end) }),
      raw: raw === undefined ? false : parseBoolParam('raw', raw),
    });
    if (trace === null) return { status: 404, body: failure(404, TRACE_NOT_FOUND) };
    return json(params, v1Data([toUi(trace)]));
  });

  route('/api/dependencies', async (params) => {
    const endTsText = params.first('endTs');
    const lookbackText = params.first('lookback');
    const endTs = endTsText === undefined ? now() : parseMillisParamAsMicros('endTs', endTsText, 'milliseconds since the Unix epoch');
    const lookback =
      lookbackText === undefined
        ? DEFAULT_DEPENDENCIES_LOOKBACK_MICROS
        : parseMillisParamAsMicros('lookback', lookbackText, 'milliseconds');
    const links = await service.getDependencies(endTs, lookback, params.first('service'));
    return json(params, v1Data(links));
  });

  // Unknown endpoints under /api answer in the API's own shape rather than falling through to the UI.
  route('/api/*', async () => ({ status: 404, body: failure(404, 'no such API endpoint') }));
}

/**
 * Jaeger's UI JSON; int64 tag values beyond 2^53 are written as exact decimal strings, as Jaeger does, so that the
 * browser (and Grafana) keep every digit instead of rounding a bare number.
 */
function toUi(trace: Trace): ReturnType<typeof toJaegerUiTrace> {
  return toJaegerUiTrace(trace, { unsafeInt64: 'string' });
}

/** JSON text; indented when `prettyPrint` is set to anything but "false", as in Jaeger. */
function json(params: QueryParams, envelope: V1Envelope<unknown>): Answer {
  const pretty = params.first('prettyPrint');
  const body = pretty !== undefined && pretty !== 'false' ? JSON.stringify(envelope, null, 4) : stringifyJson(envelope);
  return { status: 200, body };
}

function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
