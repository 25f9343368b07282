import type { Trace, TraceId } from '@skein/model';
import type {
  ArchiveSpanReader,
  DependencyLink,
  DependencyReader,
  GetTraceParams,
  Operation,
  SpanMetricsReader,
  SpanReader,
  SpanWriter,
  StorageFactory,
  TraceQuery,
  TraceSummary,
} from '@skein/storage';
import type { TraceAdjuster } from './adjusters/adjuster.js';
import { standardAdjuster } from './adjusters/standard.js';
import { truncateTrace } from './adjusters/truncate-trace.js';

export interface QueryServiceOptions {
  /** Largest clock-skew correction, µs (`--query.max-clock-skew-adjustment`); 0 applies none. */
  maxClockSkewAdjustmentMicros?: number;
  /** Spans per trace returned; 0 = unlimited (`--query.max-trace-size`). */
  maxTraceSize?: number;
}

/** Where `POST /api/archive/{id}` copies traces, and where a trace no longer in the span store is looked up. */
export interface ArchiveStorage {
  reader: ArchiveSpanReader;
  writer: SpanWriter;
}

/** A backend's archive, when its capabilities say it has one. */
export function archiveStorageOf(storage: StorageFactory): ArchiveStorage | undefined {
  if (!storage.capabilities.archive || !storage.createArchiveSpanReader || !storage.createArchiveSpanWriter) return undefined;
  return { reader: storage.createArchiveSpanReader(), writer: storage.createArchiveSpanWriter() };
}

/** A backend's RED metrics, when its capabilities say it keeps them. */
export function spanMetricsReaderOf(storage: StorageFactory): SpanMetricsReader | undefined {
  return storage.capabilities.spanMetrics ? storage.createSpanMetricsReader?.() : undefined;
}

export interface ReadOptions {
  /** Skip the adjusters (`raw=true`); truncation to the maximum trace size still applies. */
  raw?: boolean;
}

/**
 * The transport-independent read path: storage, then truncation, then the adjusters. The HTTP handlers (Jaeger
 * `/api`, `/api/v3`) and any future gRPC API sit on top of it.
 */
export class QueryService {
  private readonly adjust: TraceAdjuster;
  private readonly maxTraceSize: number;

  constructor(
    private readonly reader: SpanReader,
    private readonly dependencyReader: DependencyReader,
    options: QueryServiceOptions = {},
    private readonly archive?: ArchiveStorage | undefined,
  ) {
    this.adjust = standardAdjuster({ maxClockSkewAdjustmentMicros: options.maxClockSkewAdjustmentMicros ?? 0 });
    this.maxTraceSize = options.maxTraceSize ?? 0;
  }

  getServices(): Promise<string[]> {
    return this.reader.getServices();
  }

  getOperations(service: string, spanKind?: string): Promise<Operation[]> {
    return this.reader.getOperations(spanKind === undefined ? { service } : { service, spanKind });
  }

  /** Whether `archiveTrace` has somewhere to write. */
  get hasArchive(): boolean {
    return this.archive !== undefined;
  }

  /** The trace, adjusted unless `raw`; from the archive when the span store has none of it; else null. */
  async getTrace(traceId: TraceId, params: GetTraceParams & ReadOptions = {}): Promise<Trace | null> {
    const { raw, ...hint } = params;
    const trace = (await this.reader.getTrace(traceId, hint)) ?? (await this.archive?.reader.getTrace(traceId)) ?? null;
    return trace === null ? null : this.prepare(trace, raw);
  }

  /** Copies the stored spans of a trace, unadjusted, to the archive. */
  async archiveTrace(traceId: TraceId): Promise<'archived' | 'not-found' | 'no-archive'> {
    if (!this.archive) return 'no-archive';
    const trace = await this.reader.getTrace(traceId);
    if (trace === null) return (await this.archive.reader.getTrace(traceId)) === null ? 'not-found' : 'archived';
    await this.archive.writer.writeSpans(trace.spans);
    return 'archived';
  }

  async findTraces(query: TraceQuery, options: ReadOptions = {}): Promise<Trace[]> {
    const traces = await this.reader.findTraces(query);
    return traces.map((trace) => this.prepare(trace, options.raw));
  }

  /** Summaries straight from the store (raw spans: no adjuster changes a count or the root). */
  findTraceSummaries(query: TraceQuery): Promise<TraceSummary[]> {
    return this.reader.findTraceSummaries(query);
  }

  /** Links in `[endTs - lookback, endTs]` (µs), merged per (parent, child), optionally only those touching `service`. */
  async getDependencies(endTsMicros: number, lookbackMicros: number, service?: string): Promise<DependencyLink[]> {
    const links = await this.dependencyReader.getDependencies(endTsMicros, lookbackMicros);
    const merged = new Map<string, DependencyLink>();
    for (const link of links) {
      if (service && link.parent !== service && link.child !== service) continue;
      const key = JSON.stringify([link.parent, link.child]);
      const existing = merged.get(key);
      if (existing) existing.callCount += link.callCount;
      else merged.set(key, { parent: link.parent, child: link.child, callCount: link.callCount });
    }
    return [...merged.values()];
  }

  private prepare(trace: Trace, raw: boolean | undefined): Trace {
    const truncated = truncateTrace(trace, this.maxTraceSize);
    return raw ? truncated : this.adjust(truncated);
  }
}
