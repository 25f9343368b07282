import { spanContentHash, type Span, type Trace, type TraceId } from '@skein/model';
import type { Operation } from '../span-reader.js';

/** A trace found by a search, with the start time (µs) of its latest span that matched. */
export interface RankedTrace {
  traceId: TraceId;
  latest: number;
}

/** The first `limit` traces, most recent first, ties broken by trace id (the order `SpanReader.findTraceIds` gives). */
export function topRanked(ranked: RankedTrace[], limit: number): RankedTrace[] {
  ranked.sort((a, b) => b.latest - a.latest || compare(a.traceId, b.traceId));
  return ranked.slice(0, limit);
}

/**
 * One search over several stores that each hold a share of the spans, from each store's top `limit`. Exact: a trace
 * ranks by its latest matching span, which one store holds, and that store ranks the trace no lower than the merge does.
 */
export function mergeRankedTraces(shares: ReadonlyArray<readonly RankedTrace[]>, limit: number): RankedTrace[] {
  const latest = new Map<TraceId, number>();
  for (const share of shares) {
    for (const { traceId, latest: rank } of share) {
      const seen = latest.get(traceId);
      if (seen === undefined || rank > seen) latest.set(traceId, rank);
    }
  }
  return topRanked([...latest].map(([traceId, rank]) => ({ traceId, latest: rank })), limit);
}

/**
 * A trace from the spans several stores hold of it; `null` when none holds any. A span written twice and kept by two
 * stores (a retried request) is returned once; spans that share an id but differ in content are all kept.
 */
export function mergeTraceShares(traceId: TraceId, shares: ReadonlyArray<readonly Span[]>): Trace | null {
  const nonEmpty = shares.filter((share) => share.length > 0);
  if (nonEmpty.length === 0) return null;
  if (nonEmpty.length === 1) return { traceId, spans: [...nonEmpty[0]!] };
  const byId = new Map<string, Span[]>();
  const hashes = new Map<Span, string>();
  const hashOf = (span: Span): string => {
    let hash = hashes.get(span);
    if (hash === undefined) {
      hash = spanContentHash(span);
      hashes.set(span, hash);
    }
    return hash;
  };
  const spans: Span[] = [];
  for (const share of nonEmpty) {
    for (const span of share) {
      const sameId = byId.get(span.spanId);
      if (sameId === undefined) {
        byId.set(span.spanId, [span]);
        spans.push(span);
        continue;
      }
      if (sameId.some((kept) => hashOf(kept) === hashOf(span))) continue;
      sameId.push(span);
      spans.push(span);
    }
  }
  return { traceId, spans };
}

/** The services several stores know of, each once, sorted. */
export function mergeServices(shares: ReadonlyArray<readonly string[]>): string[] {
  return [...new Set(shares.flat())].sort(compare);
}

/** The operations several stores know of a service, each (name, span kind) once, sorted by name then kind. */
export function mergeOperations(shares: ReadonlyArray<readonly Operation[]>): Operation[] {
  const unique = new Map<string, Operation>();
  for (const share of shares) for (const operation of share) unique.set(`${operation.spanKind}\0${operation.name}`, operation);
  return [...unique.values()].sort((a, b) => (a.name === b.name ? compare(a.spanKind, b.spanKind) : compare(a.name, b.name)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
