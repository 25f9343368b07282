import type { KafkaSpanEncoding, KafkaSpanMessage } from '@skein/codecs';
import type { Span } from '@skein/model';
import type { OutgoingRecord, ProducerClient } from './client/types.js';
import { KafkaError, MessageTooLargeError, classifyKafkaError, toKafkaError } from './errors.js';
import type { ProducerMetrics } from './metrics.js';

/** Structurally the storage contract's `SpanWriter` (kafka must not depend on @skein/storage). */
export interface SpanWriterLike {
  writeSpans(spans: readonly Span[]): Promise<void>;
}

export interface KafkaSpanWriterOptions {
  producer: ProducerClient;
  topic: string;
  encoding: KafkaSpanEncoding;
  /** Largest record (key + value + headers + record overhead) accepted before it reaches the broker. */
  maxMessageBytes: number;
  /** Gather records this long before a produce request; 0 = as soon as the previous request is acknowledged. */
  batchLingerMs?: number;
  /** Upper bounds of one produce request. */
  batchMaxBytes?: number;
  batchMaxMessages?: number;
  /** Bound of records accepted but not yet acknowledged; beyond it `writeSpans` fails fast with `overloaded`. */
  maxBufferedRecords?: number;
  maxBufferedBytes?: number;
  metrics?: ProducerMetrics;
}

/** Bytes a record adds to a record batch beyond key and value (varints, attributes, deltas), rounded up. */
const RECORD_OVERHEAD_BYTES = 24;
/** Bytes of the record batch header (v2), which also counts against the broker's max.message.bytes. */
const BATCH_HEADER_BYTES = 61;

interface WriteCall {
  remaining: number;
  spanCount: number;
  /** The call's spans, named in errors; computed only then. */
  refs: () => SpanRef[];
  settled: boolean;
  resolve: () => void;
  reject: (error: Error) => void;
}

interface Pending {
  record: OutgoingRecord;
  bytes: number;
  /** {@link UNASSIGNED} until the whole call is encoded and accepted. */
  call: WriteCall;
}

/** The call of a record not yet accepted into the buffer (records get theirs without being copied). */
const UNASSIGNED: WriteCall = { remaining: 0, spanCount: 0, refs: () => [], settled: true, resolve: () => undefined, reject: () => undefined };

/**
 * Writes spans to Kafka keyed by trace id, with acks=all and an idempotent producer. `writeSpans` resolves only when
 * the broker has acknowledged every record of the call. Calls are coalesced into produce requests; one request is in
 * flight at a time (see client/platformatic.ts for why), and everything accepted meanwhile forms the next request.
 */
export class KafkaSpanWriter implements SpanWriterLike {
  readonly #options: Required<Omit<KafkaSpanWriterOptions, 'metrics'>> & { metrics: ProducerMetrics };
  #pending: Pending[] = [];
  #bufferedRecords = 0;
  #bufferedBytes = 0;
  #sending = false;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #idle: (() => void) | undefined;

  constructor(options: KafkaSpanWriterOptions) {
    this.#options = {
      batchLingerMs: 0,
      batchMaxBytes: 1024 * 1024,
      batchMaxMessages: 10_000,
      maxBufferedRecords: 100_000,
      maxBufferedBytes: 64 * 1024 * 1024,
      metrics: {},
      ...options,
    };
  }

  get topic(): string {
    return this.#options.topic;
  }

  writeSpans(spans: readonly Span[]): Promise<void> {
    if (spans.length === 0) return this.#closed ? this.#closedError() : Promise.resolve();
    return this.#write(spans.length, () => this.#encode(spans), () => spans.map(spanRef));
  }

  /**
   * Writes records already in this writer's encoding, one span each (the collector's fast path transcodes requests
   * straight into Jaeger `protobuf` records). Same acknowledgement, bounds and errors as {@link writeSpans}.
   */
  writeRecords(messages: readonly KafkaSpanMessage[]): Promise<void> {
    if (messages.length === 0) return this.#closed ? this.#closedError() : Promise.resolve();
    return this.#write(messages.length, () => messages.map((message) => this.#entry(message, () => [recordRef(message)])), () => messages.map(recordRef));
  }

  #closedError(): Promise<never> {
    return Promise.reject(new KafkaError('Kafka span writer is closed', 'permanent', 'closed'));
  }

  #write(spanCount: number, encode: () => Pending[], refs: () => SpanRef[]): Promise<void> {
    if (this.#closed) return this.#closedError();
    let entries: Pending[];
    try {
      entries = encode();
    } catch (error) {
      const failure = error instanceof KafkaError ? error : toKafkaError(error, `encoding ${spanCount} spans`);
      this.#options.metrics.produceFailed?.(failure.reason, spanCount);
      return Promise.reject(failure);
    }
    const bytes = entries.reduce((sum, e) => sum + e.bytes, 0);
    const { maxBufferedRecords, maxBufferedBytes } = this.#options;
    const empty = this.#bufferedRecords === 0;
    if (!empty && (this.#bufferedRecords + entries.length > maxBufferedRecords || this.#bufferedBytes + bytes > maxBufferedBytes)) {
      this.#options.metrics.produceFailed?.('overloaded', spanCount);
      return Promise.reject(
        new KafkaError(
          `Kafka producer buffer is full (${this.#bufferedRecords}/${maxBufferedRecords} records, ${this.#bufferedBytes}/${maxBufferedBytes} bytes for topic ${this.#options.topic}); retry later`,
          'retryable',
          'overloaded',
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const call: WriteCall = { remaining: entries.length, spanCount, refs, settled: false, resolve, reject };
      for (const entry of entries) {
        entry.call = call;
        this.#pending.push(entry);
      }
      this.#bufferedRecords += entries.length;
      this.#bufferedBytes += bytes;
      this.#reportBuffer();
      this.#schedule();
    });
  }

  /** Stops accepting spans, waits until everything accepted is acknowledged or failed, then closes the producer. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#bufferedRecords > 0) {
      await new Promise<void>((resolve) => (this.#idle = resolve));
    }
    await this.#options.producer.close();
  }

  #encode(spans: readonly Span[]): Pending[] {
    const messages = this.#options.encoding.encode(spans);
    const oneSpanPerRecord = messages.length === spans.length;
    return messages.map((message, index) => {
      const carried = (): SpanRef[] => {
        if (oneSpanPerRecord) return [spanRef(spans[index]!)];
        const traceId = typeof message.key === 'string' ? message.key : Buffer.from(message.key).toString('latin1');
        return spans.filter((s) => s.traceId === traceId).map(spanRef);
      };
      return this.#entry(message, carried);
    });
  }

  /** One record ready to send, refused here when it is over the broker's size limit. */
  #entry(message: KafkaSpanMessage, carried: () => SpanRef[]): Pending {
    const { topic, maxMessageBytes } = this.#options;
    const key = this.#keyBuffer(message.key);
    const value = toBuffer(message.value);
    const bytes = key.length + value.length + RECORD_OVERHEAD_BYTES;
    if (bytes + BATCH_HEADER_BYTES > maxMessageBytes) throw new MessageTooLargeError(topic, maxMessageBytes, bytes + BATCH_HEADER_BYTES, carried());
    return { record: { topic, key, value }, bytes, call: UNASSIGNED };
  }

  #lastKey: Uint8Array | string | undefined;
  #lastKeyBuffer: Buffer | undefined;

  /** The key as a Buffer; one Buffer for consecutive records with the same key object (the partitioner relies on it). */
  #keyBuffer(key: Uint8Array | string): Buffer {
    if (key === this.#lastKey && this.#lastKeyBuffer) return this.#lastKeyBuffer;
    const buffer = typeof key === 'string' ? Buffer.from(key) : toBuffer(key);
    this.#lastKey = key;
    this.#lastKeyBuffer = buffer;
    return buffer;
  }

  #schedule(): void {
    if (this.#sending || this.#timer || this.#pending.length === 0) return;
    const { batchLingerMs, batchMaxMessages, batchMaxBytes } = this.#options;
    const full = this.#pending.length >= batchMaxMessages || this.#bufferedBytes >= batchMaxBytes;
    // A timer even with no linger: writes issued in the same turn of the event loop share a request.
    const delay = full ? 0 : batchLingerMs;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#sendNext();
    }, delay);
  }

  async #sendNext(): Promise<void> {
    const { batchMaxMessages, batchMaxBytes, producer, metrics } = this.#options;
    let bytes = 0;
    let count = 0;
    while (count < this.#pending.length && count < batchMaxMessages && (count === 0 || bytes + this.#pending[count]!.bytes <= batchMaxBytes)) {
      bytes += this.#pending[count]!.bytes;
      count++;
    }
    const chunk = this.#pending.splice(0, count);
    this.#sending = true;
    try {
      await producer.send(chunk.map((p) => p.record));
      metrics.batchSent?.(chunk.length, bytes);
      this.#acknowledge(chunk);
    } catch (error) {
      this.#fail(chunk, error);
    } finally {
      this.#bufferedRecords -= chunk.length;
      this.#bufferedBytes -= bytes;
      this.#sending = false;
      this.#reportBuffer();
      if (this.#bufferedRecords === 0) this.#idle?.();
      this.#schedule();
    }
  }

  #acknowledge(chunk: readonly Pending[]): void {
    let records = 0;
    let spans = 0;
    for (const { call } of chunk) {
      records++;
      if (--call.remaining === 0 && !call.settled) {
        call.settled = true;
        spans += call.spanCount;
        call.resolve();
      }
    }
    this.#options.metrics.produced?.(records, spans);
  }

  /** Fails every call with a record in the chunk, and drops the not-yet-sent records of those calls. */
  #fail(chunk: readonly Pending[], error: unknown): void {
    const { kind, reason } = classifyKafkaError(error);
    const failedCalls = new Set<WriteCall>();
    for (const { call } of chunk) failedCalls.add(call);
    for (const call of failedCalls) {
      if (call.settled) continue;
      call.settled = true;
      const failure =
        reason === 'message-too-large'
          ? new MessageTooLargeError(this.#options.topic, this.#options.maxMessageBytes, undefined, call.refs().slice(0, 3), { cause: error })
          : new KafkaError(
              `producing ${call.spanCount} spans to topic ${this.#options.topic} failed (${kind}): ${error instanceof Error ? error.message : String(error)}`,
              kind,
              reason,
              { cause: error },
            );
      this.#options.metrics.produceFailed?.(reason, call.spanCount);
      call.reject(failure);
    }
    const kept: Pending[] = [];
    for (const pending of this.#pending) {
      if (failedCalls.has(pending.call)) {
        this.#bufferedRecords--;
        this.#bufferedBytes -= pending.bytes;
      } else {
        kept.push(pending);
      }
    }
    this.#pending = kept;
  }

  #reportBuffer(): void {
    this.#options.metrics.bufferedRecords?.(this.#bufferedRecords, this.#options.maxBufferedRecords);
  }
}

interface SpanRef {
  traceId: string;
  spanId: string;
}

function spanRef(span: Span): SpanRef {
  return { traceId: span.traceId, spanId: span.spanId };
}

/** The ids of a `protobuf` record: the key is the trace id; the value starts with trace id and span id fields. */
function recordRef(message: KafkaSpanMessage): SpanRef {
  const traceId = typeof message.key === 'string' ? message.key : Buffer.from(message.key).toString('latin1');
  const value = toBuffer(message.value);
  return { traceId, spanId: value.length >= 28 ? value.toString('hex', 20, 28) : '' };
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
