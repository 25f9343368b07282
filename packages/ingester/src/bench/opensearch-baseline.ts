import { toSpanDocument } from '@skein/storage-elasticsearch';
import type { Span } from '@skein/model';

/** Spans per `_bulk` request, as the ingester's default (`es.bulk.actions`, Jaeger's too). */
export const BULK_ACTIONS = 1000;

/**
 * The store's own `_bulk` capacity for Jaeger-shaped documents: the spans as Jaeger writes them (its document, no
 * explicit `_id`, no other documents), `BULK_ACTIONS` per request, `concurrency` requests in flight, sent with plain
 * `fetch`. Resolves when the cluster acknowledged every one; any item error fails the run.
 */
export async function rawBulk(url: string, index: string, spans: readonly Span[], concurrency: number): Promise<void> {
  const bodies: string[] = [];
  const action = `${JSON.stringify({ index: { _index: index } })}\n`;
  for (let i = 0; i < spans.length; i += BULK_ACTIONS) {
    bodies.push(spans.slice(i, i + BULK_ACTIONS).map((span) => `${action}${JSON.stringify(toSpanDocument(span))}\n`).join(''));
  }
  let next = 0;
  const sender = async (): Promise<void> => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const response = await fetch(`${url}/_bulk`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
      const answer = (await response.json()) as { errors?: boolean; items?: unknown[] };
      if (!response.ok || answer.errors) throw new Error(`raw _bulk into ${index}: HTTP ${response.status} ${JSON.stringify(answer.items?.slice(0, 1) ?? answer).slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
}
