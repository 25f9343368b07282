import { traceIdFromHex, type Span, type Trace } from '@skein/model';
import type { SearchTransport } from '../client/transport.js';
import { fromSpanDocument, type SpanDocument } from '../span-document.js';
import { searchIndices } from './search.js';
import type { FetchPlan } from './trace-locator.js';

/** Spans per page. Below `index.max_result_window` (10,000), which a page may never exceed. */
export const TRACE_PAGE_SIZE = 5_000;

/** Most spans read for one request, so a runaway trace cannot exhaust memory (Jaeger truncated at 10,000). */
export const MAX_SPANS_PER_FETCH = 1_000_000;

/**
 * Reads every span of some traces, however many: pages sorted by (traceID, spanID, contentHash, startTime) are
 * walked with `search_after`, so there is no 10,000-hit ceiling and no scroll context to clean up. A document
 * present in two indices (a redelivery after a rollover) is returned once.
 */
export class TraceFetcher {
  constructor(
    private readonly transport: SearchTransport,
    private readonly pageSize = TRACE_PAGE_SIZE,
  ) {}

  async fetch(plans: readonly FetchPlan[]): Promise<Map<string, Trace>> {
    const traces = new Map<string, Trace>();
    const seen = new Set<string>();
    let total = 0;
    for (const plan of plans) {
      let after: unknown[] | undefined;
      for (;;) {
        const result = await searchIndices<SpanDocument & { contentHash?: string }>(this.transport, plan.target, {
          size: this.pageSize,
          track_total_hits: false,
          query: { bool: { filter: fetchPlanFilters(plan) } },
          sort: [
            { traceID: { order: 'asc' } },
            { spanID: { order: 'asc' } },
            { contentHash: { order: 'asc', missing: '_last', unmapped_type: 'keyword' } },
            { startTime: { order: 'asc' } },
          ],
          ...(after ? { search_after: after } : {}),
        });
        const hits = result.hits.hits;
        for (const hit of hits) {
          // One span found twice (in two indices, or written before and after the id format changed) is kept once.
          const key = hit._source.contentHash === undefined ? `id:${hit._id}` : `${hit._source.traceID}/${hit._source.spanID}/${hit._source.contentHash}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const span: Span = fromSpanDocument(hit._source);
          const trace = traces.get(span.traceId);
          if (trace) trace.spans.push(span);
          else traces.set(span.traceId, { traceId: span.traceId, spans: [span] });
        }
        total += hits.length;
        if (total > MAX_SPANS_PER_FETCH) {
          throw new RangeError(`trace fetch from ${plan.target} exceeded ${MAX_SPANS_PER_FETCH} spans`);
        }
        if (hits.length < this.pageSize) break;
        after = hits[hits.length - 1]!.sort;
        if (!after) break;
      }
    }
    return traces;
  }
}

/** The query filters of a plan: its trace ids (both of Jaeger's spellings of a 64-bit id) and its time window. */
export function fetchPlanFilters(plan: FetchPlan): unknown[] {
  // Jaeger writes 64-bit trace ids without their zero high half; look for both spellings.
  const ids = new Set<string>();
  for (const id of plan.traceIds) {
    ids.add(id);
    ids.add(traceIdFromHex(id));
  }
  const filters: unknown[] = [{ terms: { traceID: [...ids] } }];
  if (plan.minStartMicros !== undefined || plan.maxStartMicros !== undefined) {
    filters.push({
      range: {
        startTime: {
          ...(plan.minStartMicros !== undefined ? { gte: plan.minStartMicros } : {}),
          ...(plan.maxStartMicros !== undefined ? { lte: plan.maxStartMicros } : {}),
        },
      },
    });
  }
  return filters;
}
