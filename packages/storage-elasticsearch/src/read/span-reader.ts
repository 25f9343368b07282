import { formatJaegerTraceId, traceIdFromHex, type Trace, type TraceId } from '@skein/model';
import {
  validateTraceQuery,
  type GetOperationsParams,
  type GetTraceParams,
  type Operation,
  type SpanReader,
  type TraceQuery,
  type TraceSummary,
} from '@skein/storage';
import type { SearchTransport } from '../client/transport.js';
import type { IndexNames } from '../index-names.js';
import type { TagFieldPolicy } from '../span-document.js';
import { searchIndices } from './search.js';
import type { TraceFetcher } from './trace-fetcher.js';
import type { TraceLocator } from './trace-locator.js';
import type { TraceSummaryReader } from './trace-summaries.js';
import { traceIdSearchBody } from './trace-query-builder.js';

/** Bounds of the listing aggregations (`search.max_buckets` is 65,535 by default). */
export const MAX_SERVICES = 10_000;
export const MAX_OPERATIONS = 10_000;
const MAX_KINDS_PER_OPERATION = 16;
/** Largest trace limit honoured; larger limits are lowered to it. */
export const MAX_TRACE_LIMIT = 10_000;

interface TermsBucket<Sub = unknown> {
  key: string;
  key_as_string?: string;
}
type Terms<Sub = unknown> = { buckets: Array<TermsBucket & Sub> };

export interface SpanReaderContext {
  transport: SearchTransport;
  names: IndexNames;
  tagFields: TagFieldPolicy;
  locator: TraceLocator;
  fetcher: TraceFetcher;
  summaries: TraceSummaryReader;
}

/** Reads Jaeger-shaped span, service and trace-location documents. */
export class ElasticsearchSpanReader implements SpanReader {
  constructor(private readonly context: SpanReaderContext) {}

  async getServices(): Promise<string[]> {
    const { transport, names } = this.context;
    const result = await searchIndices<never, { services?: Terms }>(transport, names.readTarget('service').target, {
      size: 0,
      aggs: { services: { terms: { field: 'serviceName', size: MAX_SERVICES } } },
    });
    return (result.aggregations?.services?.buckets ?? []).map((b) => String(b.key)).sort();
  }

  async getOperations(params: GetOperationsParams): Promise<Operation[]> {
    const { transport, names } = this.context;
    const filter: unknown[] = [{ term: { serviceName: params.service } }];
    if (params.spanKind !== undefined) {
      // Documents Jaeger wrote have no span kind; they count as kind ''.
      filter.push(
        params.spanKind === ''
          ? { bool: { should: [{ term: { spanKind: '' } }, { bool: { must_not: { exists: { field: 'spanKind' } } } }] } }
          : { term: { spanKind: params.spanKind } },
      );
    }
    const result = await searchIndices<never, { operations?: Terms<{ kinds: Terms }> }>(transport, names.readTarget('service').target, {
      size: 0,
      query: { bool: { filter } },
      aggs: {
        operations: {
          terms: { field: 'operationName', size: MAX_OPERATIONS },
          aggs: { kinds: { terms: { field: 'spanKind', size: MAX_KINDS_PER_OPERATION, missing: '' } } },
        },
      },
    });
    const operations: Operation[] = [];
    for (const op of result.aggregations?.operations?.buckets ?? []) {
      for (const kind of op.kinds.buckets) operations.push({ name: String(op.key), spanKind: String(kind.key) });
    }
    return operations.sort((a, b) => compare(a.name, b.name) || compare(a.spanKind, b.spanKind));
  }

  async getTrace(traceId: TraceId, params?: GetTraceParams): Promise<Trace | null> {
    const stored = formatJaegerTraceId(traceId);
    const plans = await this.context.locator.plan([stored], params);
    const traces = await this.context.fetcher.fetch(plans);
    return traces.get(traceId) ?? null;
  }

  async findTraceIds(query: TraceQuery): Promise<TraceId[]> {
    const valid = validateTraceQuery(query);
    const limited = { ...valid, limit: Math.min(valid.limit, MAX_TRACE_LIMIT) };
    const { transport, names, tagFields } = this.context;
    const minMs = valid.startTimeMin !== undefined ? Math.floor(valid.startTimeMin / 1000) : undefined;
    const maxMs = valid.startTimeMax !== undefined ? Math.floor(valid.startTimeMax / 1000) : undefined;
    // The query's own startTime range is the time filter, so a wildcard target stays narrow.
    const { target } = names.readTarget('span', minMs, maxMs);
    const result = await searchIndices<never, { traces?: Terms }>(transport, target, traceIdSearchBody(limited, tagFields));
    const ids: TraceId[] = [];
    const seen = new Set<string>();
    for (const bucket of result.aggregations?.traces?.buckets ?? []) {
      const id = traceIdFromHex(String(bucket.key), 'traceID');
      if (!seen.has(id)) {
        seen.add(id);
        ids.push(id);
      }
    }
    return ids;
  }

  async findTraces(query: TraceQuery): Promise<Trace[]> {
    const ids = await this.findTraceIds(query);
    if (ids.length === 0) return [];
    const plans = await this.context.locator.plan(ids.map(formatJaegerTraceId));
    const traces = await this.context.fetcher.fetch(plans);
    return ids.flatMap((id) => {
      const trace = traces.get(id);
      return trace ? [trace] : [];
    });
  }

  async findTraceSummaries(query: TraceQuery): Promise<TraceSummary[]> {
    const ids = await this.findTraceIds(query);
    if (ids.length === 0) return [];
    const plans = await this.context.locator.plan(ids.map(formatJaegerTraceId));
    const summaries = await this.context.summaries.summarize(plans);
    return ids.flatMap((id) => {
      const summary = summaries.get(id);
      return summary ? [summary] : [];
    });
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
