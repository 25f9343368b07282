import { formatJaegerTraceId, type Span } from '@skein/model';

export interface FreshnessOptions {
  /** Where spans are accepted: resolves when Kafka acknowledged them (the collector's answer to its client). */
  write: (spans: Span[]) => Promise<void>;
  /** A trace of `size` spans, each call a new trace id. */
  trace: () => Span[];
  searchUrl: string;
  /** Index pattern the spans are searched in. */
  indices: string;
  durationMs: number;
  /** One trace is written every `intervalMs`. */
  intervalMs: number;
  pollMs: number;
}

export interface FreshnessResult {
  traces: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Accepted → searchable: writes a trace every `intervalMs`, notes when Kafka acknowledged it, and searches every
 * `pollMs` for the traces not yet found. A trace counts as searchable when a search answer (not its start) shows
 * all of its spans, so the figure errs on the slow side by at most one search.
 */
export async function measureFreshness(options: FreshnessOptions): Promise<FreshnessResult> {
  const accepted = new Map<string, { at: number; spans: number }>();
  const latencies: number[] = [];
  const writes: Array<Promise<void>> = [];
  let writing = true;

  const writer = (async () => {
    const end = Date.now() + options.durationMs;
    while (Date.now() < end) {
      const spans = options.trace();
      const id = formatJaegerTraceId(spans[0]!.traceId);
      writes.push(options.write(spans).then(() => void accepted.set(id, { at: performance.now(), spans: spans.length })));
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
    }
    await Promise.all(writes);
    writing = false;
  })();

  const deadline = Date.now() + options.durationMs + 30_000;
  while (writing || accepted.size > 0) {
    if (Date.now() > deadline) throw new Error(`${accepted.size} traces still not searchable 30 s after the last write`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
    if (accepted.size === 0) continue;
    const ids = [...accepted.keys()];
    const found = await spanCounts(options.searchUrl, options.indices, ids);
    const now = performance.now();
    for (const id of ids) {
      const entry = accepted.get(id)!;
      if ((found.get(id) ?? 0) >= entry.spans) {
        latencies.push(now - entry.at);
        accepted.delete(id);
      }
    }
  }
  await writer;
  latencies.sort((a, b) => a - b);
  const at = (p: number): number => Math.round(latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)]!);
  return { traces: latencies.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1) };
}

async function spanCounts(url: string, indices: string, traceIds: string[]): Promise<Map<string, number>> {
  const query = { size: 0, query: { terms: { traceID: traceIds } }, aggs: { traces: { terms: { field: 'traceID', size: traceIds.length } } } };
  const response = await fetch(`${url}/${indices}/_search?ignore_unavailable=true&allow_no_indices=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(query),
  });
  if (!response.ok) throw new Error(`freshness search: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  const body = (await response.json()) as { aggregations?: { traces: { buckets: Array<{ key: string; doc_count: number }> } } };
  return new Map((body.aggregations?.traces.buckets ?? []).map((bucket) => [bucket.key, bucket.doc_count]));
}
