/** One item of a `_bulk` response (`items[i].index` / `.create` / `.delete`). */
export interface BulkItemResult {
  _index?: string;
  _id?: string;
  status: number;
  error?: { type?: string; reason?: string; caused_by?: { type?: string; reason?: string } };
}

export type BulkItemOutcome =
  | { kind: 'ok' }
  | { kind: 'retryable'; errorType: string; reason: string }
  | { kind: 'permanent'; errorType: string; reason: string };

/** Error types that mean "the cluster is busy", whatever status they come with. */
const BUSY_ERROR_TYPES = new Set([
  'es_rejected_execution_exception',
  'opensearch_rejected_execution_exception',
  'rejected_execution_exception',
  'circuit_breaking_exception',
  'cluster_block_exception', // e.g. read-only-allow-delete while the disk watermark is exceeded; clears on its own
  'unavailable_shards_exception',
  'process_cluster_event_timeout_exception',
]);

/**
 * Whether a failed document may succeed when sent again. 429 and 5xx, and the busy error types, are worth a
 * retry; any other 4xx (`mapper_parsing_exception`, `illegal_argument_exception`, `index_not_found_exception` for a
 * missing write alias, …) fails the same way every time, so it is reported at once.
 */
export function classifyBulkItem(item: BulkItemResult): BulkItemOutcome {
  if (item.status >= 200 && item.status < 300) return { kind: 'ok' };
  const errorType = item.error?.type ?? `http_${item.status}`;
  const causedBy = item.error?.caused_by;
  const reason = [item.error?.reason, causedBy ? `caused by ${causedBy.type ?? 'error'}: ${causedBy.reason ?? ''}` : undefined]
    .filter(Boolean)
    .join('; ');
  if (isRetryableStatus(item.status) || BUSY_ERROR_TYPES.has(errorType)) return { kind: 'retryable', errorType, reason };
  return { kind: 'permanent', errorType, reason };
}

/** Statuses of a whole request (or item) worth retrying: overload, server errors, no response at all (0). */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 429 || status >= 500;
}

/**
 * "Equal jitter" exponential backoff: half of the capped exponential delay plus a random part of the other half,
 * so synchronized writers spread out without ever retrying immediately.
 * @param attempt 0 for the first retry.
 */
export function backoffDelayMs(attempt: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  const half = ceiling / 2;
  return Math.round(half + random() * half);
}
