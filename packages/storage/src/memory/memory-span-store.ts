import { cloneSpan, spanContentHash, type Process, type Span, type Trace, type TraceId } from '@skein/model';
import { dependenciesFromSpans, type DependencyLink } from '../dependencies.js';
import { spanKindOf, spanMatchesQuery } from '../span-matching.js';
import type { Operation } from '../span-reader.js';
import { validateTraceQuery, type TraceQuery } from '../trace-query.js';
import { topRanked, type RankedTrace } from './shard-merge.js';
import { storedSpan, TagInterner } from './stored-span.js';

/**
 * The spans of the memory backend, bounded by a number of traces. A trace's position in `traces` is its last
 * write, so the first entry is the least recently written and is evicted first.
 */
export class MemorySpanStore {
  /** trace id → (span id, or span id + content hash for a second span with the same id → span). */
  private readonly traces = new Map<TraceId, Map<string, Span>>();
  /** service → ("kind\0name" → operation). */
  private readonly operations = new Map<string, Map<string, Operation>>();
  private readonly tags = new TagInterner();

  constructor(private readonly maxTraces: number) {
    if (!Number.isSafeInteger(maxTraces) || maxTraces <= 0) {
      throw new RangeError(`memory storage maxTraces must be a positive integer, got ${maxTraces}`);
    }
  }

  get traceCount(): number {
    return this.traces.size;
  }

  write(spans: readonly Span[]): void {
    // Spans of a batch that share a process share its stored copy (an OTLP resource's spans do).
    const processes = new Map<Process, Process>();
    let trace = new Map<string, Span>();
    let traceId: TraceId | undefined;
    for (const original of spans) {
      const span = storedSpan(original, processes, this.tags);
      // A trace's spans mostly come together: it moves to the end of the eviction order once per run of them.
      if (span.traceId !== traceId) {
        traceId = span.traceId;
        trace = this.traces.get(traceId) ?? new Map();
        this.traces.delete(traceId);
        this.traces.set(traceId, trace);
      }
      storeSpan(trace, span);
      this.recordOperation(span);
    }
    for (const traceId of this.traces.keys()) {
      if (this.traces.size <= this.maxTraces) break;
      this.traces.delete(traceId);
    }
  }

  services(): string[] {
    return [...this.operations.keys()].sort();
  }

  operationsOf(service: string, spanKind: string | undefined): Operation[] {
    const operations = [...(this.operations.get(service)?.values() ?? [])];
    return operations
      .filter((op) => spanKind === undefined || op.spanKind === spanKind)
      .map((op) => ({ ...op }))
      .sort((a, b) => (a.name === b.name ? compare(a.spanKind, b.spanKind) : compare(a.name, b.name)));
  }

  trace(traceId: TraceId): Trace | null {
    const spans = this.traces.get(traceId);
    if (!spans) return null;
    return { traceId, spans: [...spans.values()].map((span) => cloneSpan(span)) };
  }

  findTraceIds(query: TraceQuery): TraceId[] {
    return this.rankTraces(query).map((entry) => entry.traceId);
  }

  /**
   * `findTraceIds` with each trace's rank: the latest start time of its spans that match. A trace whose spans are
   * spread over several stores ranks by the largest of their ranks, so the stores' top lists merge exactly.
   */
  rankTraces(query: TraceQuery): RankedTrace[] {
    const valid = validateTraceQuery(query);
    const ranked: RankedTrace[] = [];
    for (const [traceId, spans] of this.traces) {
      let latest = -Infinity;
      for (const span of spans.values()) {
        if (span.startTime > latest && spanMatchesQuery(span, valid)) latest = span.startTime;
      }
      if (latest !== -Infinity) ranked.push({ traceId, latest });
    }
    return topRanked(ranked, valid.limit);
  }

  /** Ids of the traces with a span starting in [startTs, endTs] (µs): those whose spans the dependency graph counts. */
  traceIdsStartingIn(startTs: number, endTs: number): TraceId[] {
    const ids: TraceId[] = [];
    for (const [traceId, spans] of this.traces) {
      for (const span of spans.values()) {
        if (span.startTime >= startTs && span.startTime <= endTs) {
          ids.push(traceId);
          break;
        }
      }
    }
    return ids;
  }

  dependencies(endTs: number, lookback: number): DependencyLink[] {
    const inWindow: Span[] = [];
    for (const traceId of this.traceIdsStartingIn(endTs - lookback, endTs)) inWindow.push(...this.traces.get(traceId)!.values());
    return dependenciesFromSpans(inWindow);
  }

  private recordOperation(span: Span): void {
    let operations = this.operations.get(span.process.serviceName);
    if (!operations) {
      operations = new Map();
      this.operations.set(span.process.serviceName, operations);
    }
    const spanKind = spanKindOf(span);
    const key = `${spanKind}\0${span.operationName}`;
    if (!operations.has(key)) operations.set(key, { name: span.operationName, spanKind });
  }
}

/** Content hashes of stored spans, computed only when a second span with the same id comes. */
const storedHashes = new WeakMap<Span, string>();

/**
 * Keeps a written span once however often it is written, and spans that share an id but differ (Zipkin's shared
 * client/server spans) apart. A span's content hash is computed only when its id is already taken, which is rare.
 */
function storeSpan(trace: Map<string, Span>, span: Span): void {
  const existing = trace.get(span.spanId);
  if (existing === undefined) {
    trace.set(span.spanId, span);
    return;
  }
  let existingHash = storedHashes.get(existing);
  if (existingHash === undefined) {
    existingHash = spanContentHash(existing);
    storedHashes.set(existing, existingHash);
  }
  const hash = spanContentHash(span);
  storedHashes.set(span, hash);
  trace.set(hash === existingHash ? span.spanId : `${span.spanId}/${hash}`, span);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
