import type { Span, Trace, TraceId } from '@skein/model';
import {
  dependenciesFromSpans,
  mergeOperations,
  mergeRankedTraces,
  mergeServices,
  mergeTraceShares,
  summarizeTrace,
  validateTraceQuery,
  type DependencyReader,
  type MemoryStorage,
  type SpanReader,
  type SpanWriter,
  type StorageFactory,
  type TraceQuery,
} from '@skein/storage';
import type { IngestThreads } from './ingest-threads.js';

/**
 * The memory store spread over the ingest threads (`--all-in-one.ingest-threads`): each thread holds the spans it
 * decoded, so one trace may be spread over several; reads ask every thread and merge (a search exactly, see
 * `mergeRankedTraces`). Archive, sampling and span metrics stay in `local`, on the event loop.
 */
export class ThreadedMemoryStorage implements StorageFactory {
  readonly backend = 'memory';
  readonly capabilities;

  constructor(
    readonly threads: IngestThreads,
    private readonly local: MemoryStorage,
  ) {
    this.capabilities = local.capabilities;
  }

  /** Spans written directly (not through a receiver): each batch dealt out over the threads, a span at a time. */
  createSpanWriter(): SpanWriter {
    return {
      writeSpans: async (spans) => {
        const shares: Span[][] = Array.from({ length: this.threads.count }, () => []);
        spans.forEach((span, index) => shares[index % shares.length]!.push(span));
        await Promise.all(shares.map((share, thread) => (share.length > 0 ? this.threads.call(thread, 'spans', { spans: share, check: false }) : undefined)));
      },
    };
  }

  createSpanReader(): SpanReader {
    const findTraceIds = async (query: TraceQuery): Promise<TraceId[]> => {
      const { limit } = validateTraceQuery(query);
      return mergeRankedTraces(await this.threads.all('rank', { query }), limit).map((ranked) => ranked.traceId);
    };
    return {
      getServices: async () => mergeServices(await this.threads.all('services', {})),
      getOperations: async ({ service, spanKind }) => mergeOperations(await this.threads.all('operations', spanKind === undefined ? { service } : { service, spanKind })),
      getTrace: async (traceId) => (await this.traces([traceId]))[0] ?? null,
      findTraceIds,
      findTraces: async (query) => this.traces(await findTraceIds(query)),
      findTraceSummaries: async (query) => (await this.traces(await findTraceIds(query))).map((trace) => summarizeTrace(trace.traceId, trace.spans)),
    };
  }

  createDependencyReader(): DependencyReader {
    return {
      getDependencies: async (endTs, lookback) => {
        const ids = new Set((await this.threads.all('traceIdsStartingIn', { startTs: endTs - lookback, endTs })).flat());
        const traces = await this.traces([...ids]);
        return dependenciesFromSpans(traces.flatMap((trace) => trace.spans));
      },
    };
  }

  createArchiveSpanWriter = (): SpanWriter => this.local.createArchiveSpanWriter();
  createArchiveSpanReader = () => this.local.createArchiveSpanReader();
  createSamplingStore = () => this.local.createSamplingStore();
  createSpanMetricsWriter = () => this.local.createSpanMetricsWriter();
  createSpanMetricsReader = () => this.local.createSpanMetricsReader();

  async close(): Promise<void> {
    await this.threads.close();
    await this.local.close();
  }

  /** The traces with these ids that any thread holds, in the order asked, each merged from every thread's share. */
  private async traces(traceIds: readonly TraceId[]): Promise<Trace[]> {
    if (traceIds.length === 0) return [];
    const answers = await this.threads.all('traces', { traceIds: [...traceIds] });
    const shares = new Map<TraceId, Span[][]>();
    for (const answer of answers) for (const trace of answer) (shares.get(trace.traceId) ?? shares.set(trace.traceId, []).get(trace.traceId)!).push(trace.spans);
    return traceIds.flatMap((traceId) => mergeTraceShares(traceId, shares.get(traceId) ?? []) ?? []);
  }
}
