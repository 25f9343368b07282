import { randomBytes } from 'node:crypto';
import { benchmarkSpan, spanContentHash, type Span } from '@skein/model';
import { processCpuSeconds, processCpuSecondsWhenIdle } from '@skein/runtime';
import { spanDocumentId } from '../document-ids.js';
import { toSpanDocument } from '../span-document.js';

/** The id Skein wrote before: trace id first, so new ids land anywhere among the index's existing ones. */
const randomOrderId = (span: Span, contentHash: string): string => `${span.traceId}-${span.spanId}-${contentHash}`;

export interface DocumentIdRow {
  ids: 'time-ordered' | 'random-order';
  spans: number;
  spansPerSecond: number;
  clusterCpuSecondsPerMillionSpans: number;
}

/**
 * The cluster's cost of explicit document ids: the same kind of spans written with today's time-ordered ids and
 * with the former random-order ids, each into its own index that grows round after round (the existence check an
 * explicit id costs grows with the index), alternating, 1,000 per `_bulk`. Needs the cluster's pid for its CPU.
 */
export async function compareDocumentIds(url: string, indexPrefix: string, clusterPid: number, rounds: number, spansPerRound: number): Promise<DocumentIdRow[]> {
  const totals = { 'time-ordered': { spans: 0, seconds: 0, cpu: 0 }, 'random-order': { spans: 0, seconds: 0, cpu: 0 } };
  for (let round = 0; round < rounds; round++) {
    for (const ids of ['time-ordered', 'random-order'] as const) {
      const index = `${indexPrefix}-jaeger-span-ids-${ids}`;
      const spans = Array.from({ length: spansPerRound }, (_, i) => benchmarkSpan(randomBytes(16).toString('hex'), randomBytes(8).toString('hex'), i, Date.now() * 1000 + i, randomBytes(6).toString('hex')));
      const idOf = ids === 'time-ordered' ? spanDocumentId : randomOrderId;
      const bodies: string[] = [];
      for (let i = 0; i < spans.length; i += 1000) {
        bodies.push(
          spans
            .slice(i, i + 1000)
            .map((span) => {
              const doc = toSpanDocument(span);
              doc.contentHash = spanContentHash(span);
              return `${JSON.stringify({ index: { _index: index, _id: idOf(span, doc.contentHash) } })}\n${JSON.stringify(doc)}\n`;
            })
            .join(''),
        );
      }
      const cpu = processCpuSeconds(clusterPid);
      const started = performance.now();
      for (const body of bodies) {
        const response = await fetch(`${url}/_bulk?filter_path=errors`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
        const answer = (await response.json()) as { errors?: boolean };
        if (!response.ok || answer.errors !== false) throw new Error(`_bulk into ${index}: HTTP ${response.status} ${JSON.stringify(answer)}`);
      }
      totals[ids].seconds += (performance.now() - started) / 1000;
      await fetch(`${url}/${index}/_refresh`, { method: 'POST' });
      totals[ids].cpu += (await processCpuSecondsWhenIdle(clusterPid)) - cpu;
      totals[ids].spans += spans.length;
    }
  }
  return (['time-ordered', 'random-order'] as const).map((ids) => ({
    ids,
    spans: totals[ids].spans,
    spansPerSecond: Math.round(totals[ids].spans / totals[ids].seconds),
    clusterCpuSecondsPerMillionSpans: Number(((totals[ids].cpu / totals[ids].spans) * 1e6).toFixed(1)),
  }));
}
