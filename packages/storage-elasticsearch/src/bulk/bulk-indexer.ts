import { StorageClosedError } from '@skein/storage';
import type { BulkConfig } from '../config.js';
import { SearchRequestError } from '../client/errors.js';
import type { SearchTransport } from '../client/transport.js';
import { backoffDelayMs, classifyBulkItem, isRetryableStatus, type BulkItemResult } from './bulk-classification.js';
import { BulkWriteError, type BulkFailure } from './bulk-errors.js';

/** One document to index: under a stable id (insert or overwrite), or under one the cluster generates (insert). */
export interface BulkAction {
  index: string;
  /**
   * Without an id the cluster skips the check for an existing document, which is most of what an explicit id costs;
   * for documents whose duplicates are harmless.
   */
  id?: string;
  /** The document, already serialized as JSON. */
  source: string;
  /** Names the document in errors: `span <trace>/<span>`, `service <name>/<operation>`. */
  description: string;
}

interface Entry {
  action: BulkAction;
  lines: string;
  bytes: number;
  attempt: number;
  settle: (failure: BulkFailure | undefined) => void;
}

interface BulkResponseBody {
  errors?: boolean;
  items?: Array<Record<string, BulkItemResult>>;
}

/** The parts of a `_bulk` answer the indexer reads: per item its status and, when it failed, the error. */
const BULK_RESPONSE_FIELDS = 'errors,items.*.status,items.*.error';

export type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/**
 * Batches documents into `_bulk` requests: a request goes out when `actions` documents or `sizeBytes` bytes are
 * queued, or `flushIntervalMs` after the first one (at the end of each `submit` when that is 0). At most `workers`
 * requests are in flight. Documents that fail with 429/5xx (or whose whole request does) are sent again after a
 * jittered exponential backoff; other failures are final. `submit` settles only when every one of its documents
 * is acknowledged or has finally failed, so a resolved `submit` means all of them are stored.
 *
 * The queue is bounded: `submit` waits while more than `4 × actions × workers` documents are queued.
 */
export class BulkIndexer {
  private pending: Entry[] = [];
  private pendingBytes = 0;
  private readonly ready: Entry[][] = [];
  private inFlight = 0;
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly capacityWaiters: Array<() => void> = [];
  private readonly idleWaiters: Array<() => void> = [];
  private readonly maxQueued: number;

  constructor(
    private readonly transport: SearchTransport,
    private readonly config: BulkConfig,
    private readonly sleep: Sleep = realSleep,
    private readonly random: () => number = Math.random,
  ) {
    this.maxQueued = Math.max(4 * config.actions * config.workers, 1000);
  }

  /** Stores every action or rejects with a `BulkWriteError` naming the documents that were not stored. */
  async submit(actions: readonly BulkAction[]): Promise<void> {
    if (this.closed) throw new StorageClosedError('elasticsearch');
    if (actions.length === 0) return;
    const results: Array<Promise<BulkFailure | undefined>> = [];
    for (const action of actions) {
      while (this.queued >= this.maxQueued) {
        await new Promise<void>((resolve) => this.capacityWaiters.push(resolve));
      }
      results.push(this.enqueue(action));
    }
    if (this.config.flushIntervalMs === 0) this.flush();
    const failures = (await Promise.all(results)).filter((f): f is BulkFailure => f !== undefined);
    if (failures.length > 0) throw new BulkWriteError(failures, actions.length);
  }

  /** Sends what is queued now, without waiting for the thresholds. */
  flush(): void {
    this.clearTimer();
    while (this.pending.length > 0) this.cutBatch();
    this.pump();
  }

  /** Sends what is queued and waits for every request, retries included. Later submits are refused. */
  async close(): Promise<void> {
    this.closed = true;
    this.flush();
    while (this.queued > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private enqueue(action: BulkAction): Promise<BulkFailure | undefined> {
    return new Promise((settle) => {
      const header = action.id === undefined ? { index: { _index: action.index } } : { index: { _index: action.index, _id: action.id } };
      const lines = `${JSON.stringify(header)}\n${action.source}\n`;
      const entry: Entry = { action, lines, bytes: Buffer.byteLength(lines), attempt: 0, settle };
      this.queued += 1;
      this.pending.push(entry);
      this.pendingBytes += entry.bytes;
      if (this.pending.length >= this.config.actions || this.pendingBytes >= this.config.sizeBytes) {
        this.cutBatch();
        this.pump();
      } else if (this.config.flushIntervalMs > 0 && this.timer === undefined) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.flush();
        }, this.config.flushIntervalMs);
        this.timer.unref();
      }
    });
  }

  /** Moves up to one request's worth of pending entries to the ready list. */
  private cutBatch(): void {
    let count = 0;
    let bytes = 0;
    while (count < this.pending.length && count < this.config.actions) {
      const next = this.pending[count]!;
      if (count > 0 && bytes + next.bytes > this.config.sizeBytes) break;
      bytes += next.bytes;
      count += 1;
    }
    this.ready.push(this.pending.splice(0, count));
    this.pendingBytes -= bytes;
    if (this.pending.length === 0) this.clearTimer();
  }

  private pump(): void {
    while (this.inFlight < this.config.workers && this.ready.length > 0) {
      const batch = this.ready.shift()!;
      this.inFlight += 1;
      this.send(batch)
        .catch((error: unknown) => {
          // send() settles its entries itself; reaching here is a bug, but the entries must not hang.
          for (const entry of batch) this.finish(entry, this.requestFailure(entry, error, false));
        })
        .finally(() => {
          this.inFlight -= 1;
          this.pump();
        });
    }
  }

  private async send(batch: Entry[]): Promise<void> {
    let body: BulkResponseBody;
    try {
      const response = await this.transport.request<BulkResponseBody>({
        method: 'POST',
        path: '/_bulk',
        // Only what is read back: the answer to 1,000 documents shrinks from ~150 KB to ~25 KB, cheaper to parse.
        querystring: { filter_path: BULK_RESPONSE_FIELDS },
        ndjson: batch.map((entry) => entry.lines).join(''),
      });
      body = response.body;
    } catch (error) {
      const retryable = error instanceof SearchRequestError ? error.retryable : false;
      if (retryable) this.retryLater(batch, error);
      else for (const entry of batch) this.finish(entry, this.requestFailure(entry, error, false));
      return;
    }
    const items = body.items ?? [];
    const retries: Entry[] = [];
    let retryCause: unknown;
    if (items.length !== batch.length) {
      const error = new Error(`_bulk answered ${items.length} items for ${batch.length} actions`);
      for (const entry of batch) this.finish(entry, this.requestFailure(entry, error, false));
      return;
    }
    batch.forEach((entry, i) => {
      const item = firstValue(items[i]!);
      const outcome = item ? classifyBulkItem(item) : { kind: 'permanent' as const, errorType: 'missing_item', reason: 'no result for this action' };
      if (outcome.kind === 'ok') {
        this.finish(entry, undefined);
      } else if (outcome.kind === 'retryable' && entry.attempt < this.config.maxRetries) {
        retries.push(entry);
        retryCause = item;
      } else {
        this.finish(entry, {
          description: entry.action.description,
          index: item?._index ?? entry.action.index,
          id: entry.action.id,
          status: item?.status ?? 0,
          errorType: outcome.errorType,
          reason: outcome.reason,
          retryable: outcome.kind === 'retryable',
        });
      }
    });
    if (retries.length > 0) this.retryLater(retries, retryCause);
  }

  /** Sends the entries again, together, after a backoff based on the most-tried one; finishes those out of tries. */
  private retryLater(entries: Entry[], cause: unknown): void {
    const again: Entry[] = [];
    for (const entry of entries) {
      if (entry.attempt >= this.config.maxRetries) this.finish(entry, this.requestFailure(entry, cause, true));
      else again.push(entry);
    }
    if (again.length === 0) return;
    const attempt = Math.max(...again.map((entry) => entry.attempt));
    const delay = backoffDelayMs(attempt, this.config.initialBackoffMs, this.config.maxBackoffMs, this.random);
    for (const entry of again) entry.attempt += 1;
    // Retries go straight to the ready list: they already waited, and must not wait for new traffic.
    void this.sleep(delay).then(() => {
      this.ready.push(again);
      this.pump();
    });
  }

  private requestFailure(entry: Entry, error: unknown, retryable: boolean): BulkFailure {
    const described =
      error instanceof SearchRequestError
        ? { status: error.statusCode, errorType: error.errorType, reason: error.reason }
        : isBulkItem(error)
          ? { status: error.status, errorType: error.error?.type ?? `http_${error.status}`, reason: error.error?.reason ?? '' }
          : { status: 0, errorType: error instanceof Error ? error.name : 'error', reason: error instanceof Error ? error.message : String(error) };
    return {
      description: entry.action.description,
      index: entry.action.index,
      id: entry.action.id,
      ...described,
      retryable: retryable || isRetryableStatus(described.status),
    };
  }

  private finish(entry: Entry, failure: BulkFailure | undefined): void {
    entry.settle(failure);
    this.queued -= 1;
    const waiter = this.capacityWaiters.shift();
    if (waiter) waiter();
    if (this.queued === 0) for (const idle of this.idleWaiters.splice(0)) idle();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}

function firstValue(item: Record<string, BulkItemResult>): BulkItemResult | undefined {
  for (const key in item) return item[key];
  return undefined;
}

function isBulkItem(value: unknown): value is BulkItemResult {
  return typeof value === 'object' && value !== null && typeof (value as { status?: unknown }).status === 'number';
}
