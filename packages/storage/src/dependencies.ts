import type { SpanReference } from '@skein/model';

/** Calls from one service to another, as Jaeger's dependency graph shows them. */
export interface DependencyLink {
  parent: string;
  child: string;
  callCount: number;
  /** Who computed the link (Jaeger's `source`, e.g. `jaeger` or `spark`); absent when computed on read. */
  source?: string;
}

/**
 * Reads the service dependency graph. `endTs` and `lookback` are microseconds; the window is
 * `[endTs - lookback, endTs]`, bounds included. Backends that compute links on read count the traces having at
 * least one span starting in the window; backends that store links return those whose timestamp falls in it,
 * summed per (parent, child).
 */
export interface DependencyReader {
  getDependencies(endTs: number, lookback: number): Promise<DependencyLink[]>;
}

/** Stores precomputed links (a Spark-style job or the ingester), stamped with the time they describe (µs). */
export interface DependencyWriter {
  writeDependencies(timestamp: number, links: readonly DependencyLink[]): Promise<void>;
}

/** The parts of a span the dependency rule needs; a whole `Span` fits. */
export interface DependencySpan {
  traceId: string;
  spanId: string;
  references: readonly SpanReference[];
  process: { serviceName: string };
}

/**
 * Jaeger's on-read dependency rule: each span whose parent (its first CHILD_OF reference within its own trace) is
 * stored and belongs to another service counts one call parent service → child service. Spans of one service
 * calling each other, FOLLOWS_FROM references and parents that are missing count nothing. When several stored spans
 * share the parent's id (Zipkin shared spans), the first one in `spans` is the parent, as in Jaeger.
 * Links are sorted by parent, then child.
 */
export function dependenciesFromSpans(spans: Iterable<DependencySpan>): DependencyLink[] {
  const firstByKey = new Map<string, DependencySpan>();
  const all: DependencySpan[] = [];
  for (const span of spans) {
    const key = `${span.traceId}/${span.spanId}`;
    if (!firstByKey.has(key)) firstByKey.set(key, span);
    all.push(span);
  }
  const counts = new Map<string, DependencyLink>();
  for (const span of all) {
    const parentId = parentSpanIdOf(span);
    if (parentId === undefined) continue;
    const parent = firstByKey.get(`${span.traceId}/${parentId}`);
    if (parent === undefined || parent.process.serviceName === span.process.serviceName) continue;
    const linkKey = JSON.stringify([parent.process.serviceName, span.process.serviceName]);
    const link = counts.get(linkKey);
    if (link) link.callCount += 1;
    else counts.set(linkKey, { parent: parent.process.serviceName, child: span.process.serviceName, callCount: 1 });
  }
  return [...counts.values()].sort(compareLinks);
}

/** A span's parent: its first CHILD_OF reference within its own trace. */
export function parentSpanIdOf(span: Pick<DependencySpan, 'traceId' | 'references'>): string | undefined {
  for (const ref of span.references) {
    if (ref.refType === 'CHILD_OF' && ref.traceId === span.traceId) return ref.spanId;
  }
  return undefined;
}

function compareLinks(a: DependencyLink, b: DependencyLink): number {
  if (a.parent !== b.parent) return a.parent < b.parent ? -1 : 1;
  if (a.child !== b.child) return a.child < b.child ? -1 : 1;
  return 0;
}
