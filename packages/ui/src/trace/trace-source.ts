import { apiUrl, getJson } from '../api/client';
import type { Envelope, JaegerTrace, SpanDetail, TraceLogs } from '../api/types';
import { injectedCapabilities } from '../app/backend-facts';
import { findInJaegerTrace, skeletonOfJaegerTrace } from './jaeger-trace';
import { buildTreeInWorker, loadStoredTree, type LoadedTree } from './trace-loader';

/**
 * Where a trace's details come from. A stored trace asks the query service (the page holds only the skeleton);
 * an uploaded one answers from the file in this tab.
 */
export interface TraceSource {
  kind: 'stored' | 'uploaded';
  loadTree(): Promise<LoadedTree>;
  spanDetail(spanId: string, signal: AbortSignal): Promise<SpanDetail>;
  /** Span ids matching the find text (tags, logs and process tags included). */
  find(text: string, signal: AbortSignal): Promise<{ spanIDs: string[]; truncated: boolean }>;
  /** Where "Download JSON" points, and the file name. */
  downloadUrl(): string;
  /** The unadjusted trace as the API stores it, when there is one. */
  rawUrl?: string;
  /** Span ids meeting every condition of `where` (the `/filter` JSON); undefined for a trace from a file. */
  filter?: (where: string, signal: AbortSignal) => Promise<string[]>;
  /** The application log lines of the trace, when the query service has a logs cluster to search. */
  logs?: (signal: AbortSignal) => Promise<TraceLogs>;
}

export function storedTraceSource(traceId: string): TraceSource {
  const base = `api/ui/traces/${encodeURIComponent(traceId)}`;
  return {
    kind: 'stored',
    loadTree: () => loadStoredTree(traceId),
    spanDetail: async (spanId, signal) => (await getJson<Envelope<SpanDetail>>(`${base}/spans/${spanId}`, signal)).data,
    find: async (text, signal) => (await getJson<Envelope<{ spanIDs: string[]; truncated: boolean }>>(`${base}/find?q=${encodeURIComponent(text)}`, signal)).data,
    filter: async (where, signal) => (await getJson<Envelope<{ spanIDs: string[] }>>(`${base}/filter?where=${encodeURIComponent(where)}`, signal)).data.spanIDs,
    downloadUrl: () => apiUrl(`api/traces/${encodeURIComponent(traceId)}`),
    rawUrl: apiUrl(`api/traces/${encodeURIComponent(traceId)}?raw=true&prettyPrint=true`),
    ...(injectedCapabilities().traceLogs ? { logs: async (signal: AbortSignal) => (await getJson<Envelope<TraceLogs>>(`${base}/logs`, signal)).data } : {}),
  };
}

export function uploadedTraceSource(trace: JaegerTrace): TraceSource {
  let blobUrl: string | undefined;
  return {
    kind: 'uploaded',
    loadTree: () => buildTreeInWorker(skeletonOfJaegerTrace(trace)),
    spanDetail: async (spanId) => {
      const span = trace.spans.find((candidate) => candidate.spanID.padStart(16, '0') === spanId);
      if (!span) throw new Error(`span ${spanId} is not in the file`);
      const process = span.process ?? trace.processes[span.processID] ?? { serviceName: '', tags: [] };
      return { span, process };
    },
    find: async (text) => ({ spanIDs: findInJaegerTrace(trace, text).map((id) => id.padStart(16, '0')), truncated: false }),
    downloadUrl: () => (blobUrl ??= URL.createObjectURL(new Blob([JSON.stringify({ data: [trace] }, null, 2)], { type: 'application/json' }))),
  };
}
