import type { Trace, TraceId } from '@skein/model';
import type { DependencyLink, DependencyReader, GetTraceParams, Operation, SpanReader, TraceQuery } from '@skein/storage';
import type { TraceAdjuster } from './adjusters/adjuster.js';
import { standardAdjuster } from './adjusters/standard.js';
import { truncateTrace } from './adjusters/truncate-trace.js';

export interface QueryServiceOptions {
  /** Largest clock-skew correction, µs (`--query.max-clock-skew-adjustment`); 0 applies none. */
  maxClockSkewAdjustmentMicros?: number;
  /** Spans per trace returned; 0 = unlimited (`--query.max-trace-size`). */
  maxTraceSize?: number;
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

  /** The trace, adjusted unless `raw`; null when no span of it is stored. */
  async getTrace(traceId: TraceId, params: GetTraceParams & ReadOptions = {}): Promise<Trace | null> {
    const { raw, ...hint } = params;
    const trace = await this.reader.getTrace(traceId, hint);
    return trace === null ? null : this.prepare(trace, raw);
  }

  async findTraces(query: TraceQuery, options: ReadOptions = {}): Promise<Trace[]> {
    const traces = await this.reader.findTraces(query);
    return traces.map((trace) => this.prepare(trace, options.raw));
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
