import { StorageError, type TraceLogQuery, type TraceLogReader, type TraceLogResult } from '@skein/storage';
import { createSearchTransport } from '../client/create-transport.js';
import type { SearchTransport } from '../client/transport.js';
import { logLineOf } from './log-line.js';
import type { TraceLogConfig } from './trace-log-options.js';

interface SearchHits {
  hits: { total?: { value: number } | number; hits: Array<{ _index: string; _id: string; _source?: unknown }> };
}

/** Most matches counted exactly; beyond this the total says "at least". */
const TOTAL_HITS_COUNTED = 100_000;

/**
 * The ways a log line may spell a trace id: Skein's 32 lowercase digits, and for a 64-bit id (high half zero) the
 * 16-digit and unpadded forms Jaeger clients log; each also in upper case.
 */
export function traceIdSpellings(traceId: string): string[] {
  const forms = new Set([traceId]);
  if (traceId.startsWith('0000000000000000')) {
    forms.add(traceId.slice(16));
    forms.add(traceId.replace(/^0+(?=.)/, ''));
  }
  for (const form of [...forms]) forms.add(form.toUpperCase());
  return [...forms];
}

/** The search for a trace's log lines: its id in the trace-id field, within the time range, earliest first. */
export function traceLogSearchBody(config: TraceLogConfig, query: TraceLogQuery): Record<string, unknown> {
  const iso = (micros: number): string => new Date(Math.floor(micros / 1000)).toISOString();
  return {
    size: Math.min(query.limit, config.maxLines),
    track_total_hits: TOTAL_HITS_COUNTED,
    sort: [{ [config.fields.timestamp]: { order: 'asc', unmapped_type: 'date' } }],
    query: {
      bool: {
        filter: [
          { terms: { [config.fields.traceId]: traceIdSpellings(query.traceId) } },
          { range: { [config.fields.timestamp]: { gte: iso(query.startMicros - config.timeMarginMs * 1000), lte: iso(query.endMicros + config.timeMarginMs * 1000 + 1000), format: 'strict_date_optional_time' } } },
        ],
      },
    },
  };
}

/** Log lines of a trace from an Elasticsearch/OpenSearch cluster (`--query.logs.*`). */
export class ElasticsearchTraceLogReader implements TraceLogReader {
  readonly description: string;
  private readonly transport: SearchTransport;

  constructor(private readonly config: TraceLogConfig, transport?: SearchTransport) {
    this.transport = transport ?? createSearchTransport(config.cluster);
    this.description = `${config.indexPattern} on ${config.cluster.serverUrls.join(',')}`;
  }

  async findTraceLogs(query: TraceLogQuery): Promise<TraceLogResult> {
    const path = `/${encodeURIComponent(this.config.indexPattern).replace(/%2C/gi, ',').replace(/%2A/gi, '*')}/_search`;
    let body: SearchHits;
    try {
      ({ body } = await this.transport.request<SearchHits>({
        method: 'POST',
        path,
        querystring: { ignore_unavailable: true, allow_no_indices: true },
        body: JSON.stringify(traceLogSearchBody(this.config, query)),
      }));
    } catch (error) {
      throw new StorageError(`log lines of trace ${query.traceId} could not be read from ${this.description}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const lines = body.hits.hits.flatMap((hit) => logLineOf(hit, this.config.fields) ?? []);
    const total = typeof body.hits.total === 'number' ? body.hits.total : (body.hits.total?.value ?? lines.length);
    return { lines, total };
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}
