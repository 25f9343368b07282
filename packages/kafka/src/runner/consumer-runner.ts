import type { DecodedBatch } from '@skein/codecs';
import type { Span } from '@skein/model';
import { DEFAULT_BACKOFF, backoffDelayMs, sleep, type BackoffPolicy } from '../backoff.js';
import type { ConsumedRecord, ConsumerClient, ProducerClient } from '../client/types.js';
import { classifyKafkaError } from '../errors.js';
import type { ConsumerMetrics } from '../metrics.js';
import type { TopicAdmin } from '../topic-admin.js';
import { deadLetterRecord, type DeadLetter } from './dead-letter.js';
import { decodeRecords } from './decode-batch.js';
import { PartitionQueue, type BatchLimits } from './partition-queue.js';

/** What `handleBatch` may return: records it refuses for good go to the dead-letter topic, the rest is committed. */
export interface HandleBatchResult {
  rejected?: readonly { record: ConsumedRecord; reason: string }[];
}

export type BatchHandler = (partition: number, spans: Span[], records: readonly ConsumedRecord[]) => Promise<void | HandleBatchResult>;

/** Thrown by a handler for a batch that can never be written: the whole batch is dead-lettered and the partition moves on. */
export class PermanentBatchError extends Error {
  override readonly name = 'PermanentBatchError';
}

export interface ConsumerGroupRunnerOptions {
  consumer: ConsumerClient;
  /** Writes dead letters (acks=all); the partition does not move on until they are acknowledged. Closed by `stop`. */
  deadLetterProducer: ProducerClient;
  deadLetterTopic: string;
  decode: (value: Uint8Array) => DecodedBatch;
  handleBatch: BatchHandler;
  batch?: Partial<BatchLimits>;
  /** Partitions whose batches are handled at the same time. */
  parallelism?: number;
  /** Records fetched but not yet handled, over all partitions; fetching pauses above it. */
  maxBufferedRecords?: number;
  /** Which handler errors are worth retrying; default: everything except {@link PermanentBatchError}. */
  isRetryable?: (error: unknown) => boolean;
  backoff?: BackoffPolicy;
  metrics?: ConsumerMetrics;
  /** Called for every failure the runner handles itself (handler retries, commit and dead-letter failures). */
  onError?: (error: unknown, context: { partition?: number; action: string }) => void;
  /** Lag per assigned partition is reported to `metrics.lag` this often when `lag.admin` is given. */
  lag?: { admin: TopicAdmin; groupId: string; topic: string; intervalMs?: number };
}

interface PartitionState {
  readonly partition: number;
  readonly queue: PartitionQueue;
  busy: boolean;
  scheduled: boolean;
  /** Aborted when the partition is revoked or the stop deadline passes: retries end, nothing more is committed. */
  readonly abort: AbortController;
  /** Next offset known to be committed by this runner, or the first offset seen when nothing was committed yet. */
  safeOffset: bigint | undefined;
}

type Outcome = { kind: 'handled'; deadLetters: DeadLetter[] } | { kind: 'abandoned' };

const TICK_MS = 25;

/**
 * Runs a consumer group over one topic: per-partition batches → `handleBatch` → commit, strictly in that order.
 * An offset is committed only after the handler resolved for every record before it and the dead letters among them
 * were acknowledged; a retryable failure retries the same batch with jittered backoff (the partition waits, nothing
 * is committed); revoked partitions and a stop past its deadline abandon their batches uncommitted, so the records
 * are delivered again (writes are idempotent).
 */
export class ConsumerGroupRunner {
  readonly #o: Required<Omit<ConsumerGroupRunnerOptions, 'lag' | 'batch'>> & Pick<ConsumerGroupRunnerOptions, 'lag'> & { batch: BatchLimits };
  readonly #partitions = new Map<number, PartitionState>();
  readonly #ready: PartitionState[] = [];
  #active = 0;
  #buffered = 0;
  #fetchPaused = false;
  #stopping = false;
  #started = false;
  #ticker: NodeJS.Timeout | undefined;
  #lagTimer: NodeJS.Timeout | undefined;
  #idleWaiters: (() => void)[] = [];
  #fatal: Error | undefined;

  constructor(options: ConsumerGroupRunnerOptions) {
    this.#o = {
      parallelism: 8,
      maxBufferedRecords: 20_000,
      isRetryable: (error) => !(error instanceof PermanentBatchError),
      backoff: DEFAULT_BACKOFF,
      metrics: {},
      onError: () => undefined,
      ...options,
      batch: { maxRecords: 1000, maxBytes: 4 * 1024 * 1024, maxWaitMs: 200, ...options.batch },
    };
  }

  /** Partitions currently assigned to this member. */
  get assignedPartitions(): number[] {
    return [...this.#partitions.keys()].sort((a, b) => a - b);
  }

  /** The error that ended consumption, if any (the client's stream failed). */
  get fatalError(): Error | undefined {
    return this.#fatal;
  }

  async start(): Promise<void> {
    if (this.#started) throw new Error('ConsumerGroupRunner already started');
    this.#started = true;
    this.#ticker = setInterval(() => this.#dispatchDue(), Math.min(TICK_MS, Math.max(1, this.#o.batch.maxWaitMs)));
    await this.#o.consumer.start({
      record: (record) => this.#onRecord(record),
      assigned: (partitions) => this.#onAssigned(partitions),
      fatal: (error) => {
        this.#fatal = error;
        this.#o.onError(error, { action: 'consume' });
      },
    });
    const lag = this.#o.lag;
    if (lag && this.#o.metrics.lag) {
      this.#lagTimer = setInterval(() => void this.#reportLag(), lag.intervalMs ?? 10_000);
    }
  }

  /**
   * Stops fetching, hands the records already fetched to the handler, waits for in-flight batches and their commits,
   * and leaves the group. Whatever is not done by `deadlineMs` is abandoned uncommitted (redelivered later).
   */
  async stop(deadlineMs = 10_000): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#o.consumer.pauseFetching();
    if (this.#lagTimer) clearInterval(this.#lagTimer);
    this.#dispatchDue();
    const idle = new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
    this.#checkIdle();
    let deadline: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      idle.then(() => false),
      new Promise<boolean>((resolve) => (deadline = setTimeout(() => resolve(true), deadlineMs))),
    ]);
    clearTimeout(deadline);
    if (timedOut) {
      for (const state of this.#partitions.values()) state.abort.abort();
    }
    if (this.#ticker) clearInterval(this.#ticker);
    await this.#o.consumer.close();
    await this.#o.deadLetterProducer.close();
  }

  #onRecord(record: ConsumedRecord): void {
    if (this.#stopping) return;
    const state = this.#partitions.get(record.partition);
    // Records of a partition revoked a moment ago may still arrive from the client's buffer: not ours any more.
    if (!state || state.abort.signal.aborted) return;
    state.safeOffset ??= record.offset;
    if (!state.queue.push(record, Date.now())) return;
    this.#buffered++;
    if (!this.#fetchPaused && this.#buffered >= this.#o.maxBufferedRecords) {
      this.#fetchPaused = true;
      this.#o.consumer.pauseFetching();
    }
    this.#maybeSchedule(state, Date.now());
  }

  #onAssigned(partitions: readonly number[]): void {
    const assigned = new Set(partitions);
    for (const [partition, state] of this.#partitions) {
      if (assigned.has(partition)) continue;
      state.abort.abort();
      this.#buffered -= state.queue.clear();
      this.#partitions.delete(partition);
      // Should the partition come back to this member, fetch again from what is known to be committed.
      if (state.safeOffset !== undefined) this.#o.consumer.rewind(partition, state.safeOffset);
    }
    for (const partition of assigned) {
      if (!this.#partitions.has(partition)) {
        this.#partitions.set(partition, {
          partition,
          queue: new PartitionQueue(this.#o.batch),
          busy: false,
          scheduled: false,
          abort: new AbortController(),
          safeOffset: undefined,
        });
      }
    }
    this.#resumeFetchIfRoom();
  }

  #dispatchDue(): void {
    const now = Date.now();
    for (const state of this.#partitions.values()) this.#maybeSchedule(state, now);
  }

  #maybeSchedule(state: PartitionState, now: number): void {
    if (state.busy || state.scheduled || !state.queue.isDue(now, this.#stopping)) return;
    state.scheduled = true;
    this.#ready.push(state);
    this.#drain();
  }

  #drain(): void {
    while (this.#active < this.#o.parallelism && this.#ready.length > 0) {
      const state = this.#ready.shift()!;
      state.scheduled = false;
      if (state.abort.signal.aborted || state.busy) continue;
      const batch = state.queue.take(Date.now());
      if (batch.length === 0) continue;
      state.busy = true;
      this.#active++;
      void this.#runBatch(state, batch);
    }
  }

  async #runBatch(state: PartitionState, batch: ConsumedRecord[]): Promise<void> {
    try {
      await this.#processBatch(state, batch);
    } catch (error) {
      // #processBatch handles its own failures; reaching here is a bug, reported rather than left unhandled.
      this.#o.onError(error, { partition: state.partition, action: 'process-batch' });
    } finally {
      state.busy = false;
      this.#active--;
      this.#buffered -= batch.length;
      this.#resumeFetchIfRoom();
      this.#maybeSchedule(state, Date.now());
      this.#drain();
      this.#checkIdle();
    }
  }

  async #processBatch(state: PartitionState, batch: ConsumedRecord[]): Promise<void> {
    const { partition } = state;
    const decoded = decodeRecords(batch, this.#o.decode);
    if (decoded.rejectedSpans > 0) this.#o.metrics.spansRejected?.(partition, decoded.rejectedSpans);
    const deadLetters = decoded.deadLetters;
    if (decoded.records.length > 0) {
      const outcome = await this.#handleWithRetry(state, decoded.spans, decoded.records);
      if (outcome.kind === 'abandoned') return;
      deadLetters.push(...outcome.deadLetters);
    }
    if (deadLetters.length > 0 && !(await this.#deadLetter(state, deadLetters))) return;
    await this.#commit(state, batch[batch.length - 1]!.offset + 1n);
  }

  async #handleWithRetry(state: PartitionState, spans: Span[], records: ConsumedRecord[]): Promise<Outcome> {
    const { partition, abort } = state;
    for (let attempt = 1; ; attempt++) {
      if (abort.signal.aborted) return { kind: 'abandoned' };
      const started = Date.now();
      try {
        const result = await this.#o.handleBatch(partition, spans, records);
        if (abort.signal.aborted) return { kind: 'abandoned' };
        this.#o.metrics.batchHandled?.(partition, records.length, spans.length, Date.now() - started);
        this.#o.metrics.consumed?.(partition, records.length, spans.length);
        const rejected = (result && result.rejected) || [];
        return { kind: 'handled', deadLetters: rejected.map(({ record, reason }) => ({ record, reason: 'rejected', detail: reason })) };
      } catch (error) {
        if (!this.#o.isRetryable(error)) {
          this.#o.onError(error, { partition, action: 'handle-batch (permanent: dead-lettering the batch)' });
          const detail = error instanceof Error ? error.message : String(error);
          return { kind: 'handled', deadLetters: records.map((record) => ({ record, reason: 'rejected', detail })) };
        }
        const delay = backoffDelayMs(this.#o.backoff, attempt);
        this.#o.onError(error, { partition, action: `handle-batch (retry ${attempt} in ${delay}ms)` });
        this.#o.metrics.retried?.(partition, attempt, delay);
        if (!(await sleep(delay, abort.signal))) return { kind: 'abandoned' };
      }
    }
  }

  /** Writes dead letters until acknowledged; false when abandoned first. */
  async #deadLetter(state: PartitionState, letters: DeadLetter[]): Promise<boolean> {
    const { partition, abort } = state;
    const records = letters.map((letter) => deadLetterRecord(this.#o.deadLetterTopic, letter));
    for (let attempt = 1; ; attempt++) {
      if (abort.signal.aborted) return false;
      try {
        await this.#o.deadLetterProducer.send(records);
        const counts = new Map<DeadLetter['reason'], number>();
        for (const letter of letters) counts.set(letter.reason, (counts.get(letter.reason) ?? 0) + 1);
        for (const [reason, count] of counts) this.#o.metrics.deadLettered?.(partition, reason, count);
        return true;
      } catch (error) {
        const delay = backoffDelayMs(this.#o.backoff, attempt);
        this.#o.onError(error, { partition, action: `dead-letter to ${this.#o.deadLetterTopic} (retry ${attempt} in ${delay}ms)` });
        if (!(await sleep(delay, abort.signal))) return false;
      }
    }
  }

  /**
   * Commits `offset` for the partition. A failed commit is not retried forever: the next batch's commit covers it,
   * and without one the records are redelivered after a restart (harmless, writes are idempotent).
   */
  async #commit(state: PartitionState, offset: bigint): Promise<void> {
    const { partition, abort } = state;
    for (let attempt = 1; attempt <= 3; attempt++) {
      if (abort.signal.aborted) return;
      try {
        await this.#o.consumer.commit([{ partition, offset }]);
        state.safeOffset = offset;
        this.#o.metrics.committed?.(partition, offset);
        return;
      } catch (error) {
        const { reason } = classifyKafkaError(error);
        this.#o.metrics.commitFailed?.(partition, reason);
        this.#o.onError(error, { partition, action: `commit offset ${offset} (attempt ${attempt})` });
        if (!(await sleep(backoffDelayMs(this.#o.backoff, attempt), abort.signal))) return;
      }
    }
  }

  #resumeFetchIfRoom(): void {
    if (this.#fetchPaused && !this.#stopping && this.#buffered < this.#o.maxBufferedRecords / 2) {
      this.#fetchPaused = false;
      this.#o.consumer.resumeFetching();
    }
  }

  #checkIdle(): void {
    if (!this.#stopping) return;
    this.#dispatchDue();
    const pending = [...this.#partitions.values()].some((s) => s.busy || s.queue.length > 0);
    if (this.#active === 0 && !pending) {
      for (const resolve of this.#idleWaiters.splice(0)) resolve();
    }
  }

  async #reportLag(): Promise<void> {
    const lag = this.#o.lag!;
    try {
      for (const p of await lag.admin.describeLag(lag.groupId, lag.topic)) {
        const state = this.#partitions.get(p.partition);
        if (!state) continue;
        this.#o.metrics.lag?.(p.partition, Number(p.lag));
        await this.#recommitIfMovedBack(state, p.committedOffset);
      }
    } catch (error) {
      this.#o.onError(error, { action: 'describe lag' });
    }
  }

  /**
   * A former owner can commit a partition just after losing it (the broker does not check ownership), moving the
   * group's offset back below what this member committed. Nothing is lost, but lag stays up and a restart would
   * redeliver; an idle partition would never commit again, so the runner commits its own offset once more.
   */
  async #recommitIfMovedBack(state: PartitionState, brokerOffset: bigint | undefined): Promise<void> {
    const ours = state.safeOffset;
    if (ours === undefined || state.busy || state.scheduled || state.queue.length > 0) return;
    if (brokerOffset !== undefined && brokerOffset >= ours) return;
    this.#o.metrics.committedMovedBack?.(state.partition, brokerOffset, ours);
    await this.#commit(state, ours);
  }
}
