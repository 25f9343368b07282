import type { Client } from 'cassandra-driver';
import { spanContentHash, type Span } from '@skein/model';
import { spanKindOf, StorageError, type SpanWriter } from '@skein/storage';
import { durationBucket, serviceBucket, tagHour, tagIndexEntries, type TagIndexFilter } from './index-rows.js';
import { spanRow } from './db-model.js';
import { WriteCache } from './write-cache.js';
import { groupByPartition, type Statement } from './partition-batches.js';

const INSERT_SPAN = `INSERT INTO traces (trace_id, span_id, span_hash, parent_id, operation_name, flags, start_time, duration, tags, logs, refs, process)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_SERVICE = 'INSERT INTO service_names (service_name) VALUES (?)';
const INSERT_OPERATION = 'INSERT INTO operation_names_v2 (service_name, span_kind, operation_name) VALUES (?, ?, ?)';
const INSERT_SERVICE_INDEX = 'INSERT INTO service_name_index (service_name, bucket, start_time, trace_id) VALUES (?, ?, ?, ?)';
const INSERT_OPERATION_INDEX = 'INSERT INTO service_operation_index (service_name, operation_name, start_time, trace_id) VALUES (?, ?, ?, ?)';
const INSERT_TAG_INDEX = 'INSERT INTO tag_index (trace_id, span_id, service_name, start_time, tag_key, tag_value) VALUES (?, ?, ?, ?, ?, ?)';
const INSERT_TAG_INDEX_HOURLY = 'INSERT INTO tag_index_hourly (trace_id, span_id, service_name, bucket, start_time, tag_key, tag_value) VALUES (?, ?, ?, ?, ?, ?, ?)';
const INSERT_DURATION_INDEX = 'INSERT INTO duration_index (service_name, operation_name, bucket, duration, start_time, trace_id) VALUES (?, ?, ?, ?, ?, ?)';

/** Jaeger's firehose flag: such spans are stored and found by service and operation, not by tags or duration. */
const FIREHOSE_FLAG = 0x8;

export interface CassandraWriterSettings {
  filter: TagIndexFilter;
  /** Statements in flight per batch. */
  concurrency: number;
  /** How long a written service or operation name is not written again (`--cassandra.span-store-write-cache-ttl`). */
  nameCacheTtlMs: number;
  onTagIndexSkipped?: (count: number) => void;
  /** Tag rows go to `tag_index_hourly` instead of Jaeger's `tag_index` (`--cassandra.index.tag-index-hourly`). */
  tagIndexHourly?: boolean;
}

/**
 * Writes each span as Jaeger's Cassandra writer does: the `traces` row (keyed by trace id, span id and span hash, so a
 * redelivered span overwrites itself), the service and operation names (each once per cache period), and the index
 * rows. Rows bound for the same partition (a trace's spans, every span's `http.method=GET`, a service's bucket) go as
 * one unlogged batch, one mutation for Cassandra; everything runs with bounded concurrency, and a call resolves when
 * every statement of it is acknowledged.
 */
export class CassandraSpanWriter implements SpanWriter {
  private readonly names: WriteCache;

  constructor(
    private readonly client: Client,
    private readonly settings: CassandraWriterSettings,
  ) {
    this.names = new WriteCache(settings.nameCacheTtlMs);
  }

  async writeSpans(spans: readonly Span[]): Promise<void> {
    if (spans.length === 0) return;
    const statements: Statement[] = [];
    let skipped = 0;
    for (const span of spans) skipped += this.statementsOf(span, statements);
    if (skipped > 0) this.settings.onTagIndexSkipped?.(skipped);
    try {
      await runBounded(groupByPartition(statements), this.settings.concurrency, (group) =>
        group.length === 1
          ? this.client.execute(group[0]!.query, group[0]!.params, { prepare: true })
          : this.client.batch(group.map(({ query, params }) => ({ query, params })), { prepare: true, logged: false }),
      );
    } catch (error) {
      // A name written in this batch may not have landed: write it again next time.
      this.names.clear();
      throw new StorageError(`writing ${spans.length} spans to Cassandra failed: ${(error as Error).message}`, { cause: error });
    }
  }

  private statementsOf(span: Span, out: Statement[]): number {
    const contentHash = spanContentHash(span);
    const row = spanRow(span, contentHash);
    // A trace's rows share its partition: Cassandra applies them as one mutation, and a batch within one partition is
    // exempt from the batch size warnings (CASSANDRA-10876); the byte bound keeps it far below the mutation size limit.
    out.push({
      query: INSERT_SPAN,
      params: [row.trace_id, row.span_id, row.span_hash, row.parent_id, row.operation_name, row.flags, row.start_time, row.duration, row.tags, row.logs, row.refs, row.process],
      partition: `x\u0000${span.traceId}`,
      bytes: approximateRowBytes(span),
    });
    const service = span.process.serviceName;
    if (this.names.fresh(`s\u0000${service}`)) out.push({ query: INSERT_SERVICE, params: [service], partition: undefined });
    const kind = spanKindOf(span);
    if (this.names.fresh(`o\u0000${service}\u0000${kind}\u0000${span.operationName}`)) out.push({ query: INSERT_OPERATION, params: [service, kind, span.operationName], partition: `o\u0000${service}` });
    const serviceIndexBucket = serviceBucket(contentHash);
    out.push({ query: INSERT_SERVICE_INDEX, params: [service, serviceIndexBucket, row.start_time, row.trace_id], partition: `s\u0000${service}\u0000${serviceIndexBucket}` });
    out.push({ query: INSERT_OPERATION_INDEX, params: [service, span.operationName, row.start_time, row.trace_id], partition: `p\u0000${service}\u0000${span.operationName}` });
    if ((span.flags & FIREHOSE_FLAG) !== 0) return 0;
    const { entries, skipped } = tagIndexEntries(span, this.settings.filter);
    if (this.settings.tagIndexHourly) {
      const hour = tagHour(span.startTime);
      for (const [key, value] of entries) {
        out.push({ query: INSERT_TAG_INDEX_HOURLY, params: [row.trace_id, row.span_id, service, hour, row.start_time, key, value], partition: `h\u0000${service}\u0000${key}\u0000${value}\u0000${hour.getTime()}` });
      }
    } else {
      for (const [key, value] of entries) {
        out.push({ query: INSERT_TAG_INDEX, params: [row.trace_id, row.span_id, service, row.start_time, key, value], partition: `t\u0000${service}\u0000${key}\u0000${value}` });
      }
    }
    const bucket = durationBucket(span.startTime);
    for (const operation of ['', span.operationName]) {
      out.push({ query: INSERT_DURATION_INDEX, params: [service, operation, bucket, row.duration, row.start_time, row.trace_id], partition: `d\u0000${service}\u0000${operation}\u0000${bucket.getTime()}` });
    }
    return skipped;
  }
}

/** A `traces` row's size to within a small factor: its strings and a fixed cost per field. */
function approximateRowBytes(span: Span): number {
  const FIELD = 24;
  const tags = (list: Span['tags']): number => list.reduce((sum, tag) => sum + FIELD + tag.key.length + (typeof tag.value === 'string' ? tag.value.length : tag.value instanceof Uint8Array ? tag.value.length : 8), 0);
  let bytes = 128 + span.operationName.length + tags(span.tags) + tags(span.process.tags) + span.process.serviceName.length + span.references.length * FIELD;
  for (const log of span.logs) bytes += FIELD + tags(log.fields);
  return bytes;
}

/** Runs `task` over `items` with at most `limit` in flight; rejects with the first failure after the rest settle. */
async function runBounded<T>(items: readonly T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (next < items.length && failure === undefined) {
      const item = items[next++]!;
      try {
        await task(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure;
}
