import { parentPort, workerData } from 'node:worker_threads';
import { codecByName, DecodeError, type DecodedBatch } from '@skein/codecs';
import { createPipeline, type SanitizeFix } from '@skein/collector';
import type { Span } from '@skein/model';
import { MemorySpanStore, SpanMetricsRecorder, type SpanMetricsDropReason } from '@skein/storage';
import type { ShardFailure, ShardIngestResult, ShardMessage, ShardRequest, ShardSettings } from './messages.js';

/**
 * One shard thread of the all-in-one's memory store: decodes request bodies, runs the collector's pipeline on them,
 * keeps the spans in its own share of the store and counts them into span metrics, then answers searches over its
 * share. One request at a time, in order.
 */
const port = parentPort;
if (!port) throw new Error('shard-thread-main.js runs only as a worker thread');
const settings = workerData as ShardSettings;
const post = (message: ShardMessage): void => port.postMessage(message);

const store = new MemorySpanStore(settings.maxTraces);
let fixes: Partial<Record<SanitizeFix, number>> = {};
const pipeline = createPipeline(settings.pipeline, { onFix: (fix) => void (fixes[fix] = (fixes[fix] ?? 0) + 1) });
const recorder = settings.spanMetrics
  ? new SpanMetricsRecorder({
      ...settings.spanMetrics,
      writer: {
        writeSpanMetrics: async (rows) => post({ spanMetricsRows: [...rows] }),
      },
    })
  : undefined;
recorder?.start();
/** The recorder's drop counts already reported, so that each answer carries only what is new. */
const reportedDrops: Record<SpanMetricsDropReason, number> = { late: 0, future: 0, 'series-limit': 0 };

function newSpanMetricsDrops(): ShardIngestResult['spanMetricsDropped'] {
  if (!recorder) return undefined;
  let drops: ShardIngestResult['spanMetricsDropped'];
  for (const [reason, count] of Object.entries(recorder.aggregator.dropped) as Array<[SpanMetricsDropReason, number]>) {
    if (count === reportedDrops[reason]) continue;
    (drops ??= {})[reason] = count - reportedDrops[reason];
    reportedDrops[reason] = count;
  }
  return drops;
}

function keep(batch: DecodedBatch, check: boolean): ShardIngestResult {
  fixes = {};
  const output = check ? pipeline(batch.spans) : { spans: batch.spans, rejected: [] };
  if (output.spans.length > 0) {
    store.write(output.spans);
    recorder?.observe(output.spans);
  }
  const spanMetricsDropped = newSpanMetricsDrops();
  return {
    received: batch.spans.length + batch.rejected.length,
    accepted: output.spans.length,
    decodeRejected: batch.rejected,
    pipelineRejected: output.rejected.map(({ reason, code, traceId, spanId }) => ({ reason, code, ...(traceId ? { traceId } : {}), ...(spanId ? { spanId } : {}) })),
    fixes,
    ...(spanMetricsDropped ? { spanMetricsDropped } : {}),
  };
}

function answer(request: ShardRequest): unknown {
  switch (request.call) {
    case 'ingest':
      return keep(codecByName(request.codec).decode(request.payload), true);
    case 'spans':
      return keep({ spans: request.spans as Span[], rejected: [] }, request.check);
    case 'services':
      return store.services();
    case 'operations':
      return store.operationsOf(request.service, request.spanKind);
    case 'rank':
      return store.rankTraces(request.query);
    case 'traces':
      return request.traceIds.flatMap((traceId) => store.trace(traceId) ?? []);
    case 'traceIdsStartingIn':
      return store.traceIdsStartingIn(request.startTs, request.endTs);
    case 'flushSpanMetrics':
      return recorder?.flush().then(() => null) ?? null;
  }
}

function failureOf(error: unknown): ShardFailure {
  if (error instanceof DecodeError) return { name: error.name, message: error.message, decode: { format: error.format, detail: error.detail, location: error.location } };
  return { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) };
}

port.on('message', (request: ShardRequest) => {
  try {
    const value = answer(request);
    if (value instanceof Promise) {
      value.then(
        (settled: unknown) => post({ id: request.id, ok: true, value: settled }),
        (error: unknown) => post({ id: request.id, ok: false, failure: failureOf(error) }),
      );
    } else {
      post({ id: request.id, ok: true, value });
    }
  } catch (error) {
    post({ id: request.id, ok: false, failure: failureOf(error) });
  }
});
