import { parentPort, workerData } from 'node:worker_threads';
import { codecByName, DecodeError, type DecodedBatch } from '@skein/codecs';
import { createPipeline, type SanitizeFix } from '@skein/collector';
import type { Span } from '@skein/model';
import { MemorySpanStore, SpanMetricsRecorder, type SpanMetricsDropReason } from '@skein/storage';
import type { PlannedBatch } from '@skein/storage-sqlite';
import type { ThreadFailure, ThreadIngestResult, ThreadMessage, ThreadRequest, ThreadSettings } from './messages.js';

/**
 * One ingest thread of the all-in-one (`--all-in-one.ingest-threads`): decodes request bodies, runs the collector's
 * pipeline on them and counts the kept spans into span metrics. On the memory store it keeps the spans in its own
 * share of the store and answers searches over it; on SQLite it plans them for the store's writer thread and hands
 * the planned batch back. One request at a time, in order.
 */
const port = parentPort;
if (!port) throw new Error('ingest-thread-main.js runs only as a worker thread');
const settings = workerData as ThreadSettings;
const post = (message: ThreadMessage): void => port.postMessage(message);

const memory = settings.store.kind === 'memory' ? new MemorySpanStore(settings.store.maxTraces) : undefined;
// Loaded only for SQLite: the memory store's threads have no use for the native SQLite module.
const planSpans: ((spans: readonly Span[]) => PlannedBatch) | undefined = settings.store.kind === 'sqlite' ? (await import('@skein/storage-sqlite')).planSpans : undefined;
/** SQLite: spans planned and not yet stored, by the number their answer gave them. */
const unsettled = new Map<number, Span[]>();
let nextPending = 0;

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

function newSpanMetricsDrops(): ThreadIngestResult['spanMetricsDropped'] {
  if (!recorder) return undefined;
  let drops: ThreadIngestResult['spanMetricsDropped'];
  for (const [reason, count] of Object.entries(recorder.aggregator.dropped) as Array<[SpanMetricsDropReason, number]>) {
    if (count === reportedDrops[reason]) continue;
    (drops ??= {})[reason] = count - reportedDrops[reason];
    reportedDrops[reason] = count;
  }
  return drops;
}

function keep(batch: DecodedBatch, check: boolean): ThreadIngestResult {
  fixes = {};
  const output = check ? pipeline(batch.spans) : { spans: batch.spans, rejected: [] };
  let planned: ThreadIngestResult['planned'];
  if (output.spans.length > 0) {
    if (memory) {
      memory.write(output.spans);
      recorder?.observe(output.spans);
    } else {
      planned = { batch: planSpans!(output.spans), pending: nextPending++ };
      if (recorder) unsettled.set(planned.pending, output.spans);
    }
  }
  const spanMetricsDropped = newSpanMetricsDrops();
  return {
    received: batch.spans.length + batch.rejected.length,
    accepted: output.spans.length,
    decodeRejected: batch.rejected,
    pipelineRejected: output.rejected.map(({ reason, code, traceId, spanId }) => ({ reason, code, ...(traceId ? { traceId } : {}), ...(spanId ? { spanId } : {}) })),
    fixes,
    ...(spanMetricsDropped ? { spanMetricsDropped } : {}),
    ...(planned ? { planned } : {}),
  };
}

function memoryStore(call: string): MemorySpanStore {
  if (!memory) throw new Error(`${call}: this ingest thread keeps no spans (the store is SQLite)`);
  return memory;
}

function answer(request: ThreadRequest): unknown {
  switch (request.call) {
    case 'ingest':
      return keep(codecByName(request.codec).decode(request.payload), true);
    case 'spans':
      return keep({ spans: request.spans as Span[], rejected: [] }, request.check);
    case 'settle': {
      const spans = unsettled.get(request.pending);
      unsettled.delete(request.pending);
      if (spans && request.stored) recorder?.observe(spans);
      return null;
    }
    case 'services':
      return memoryStore(request.call).services();
    case 'operations':
      return memoryStore(request.call).operationsOf(request.service, request.spanKind);
    case 'rank':
      return memoryStore(request.call).rankTraces(request.query);
    case 'traces':
      return request.traceIds.flatMap((traceId) => memoryStore(request.call).trace(traceId) ?? []);
    case 'traceIdsStartingIn':
      return memoryStore(request.call).traceIdsStartingIn(request.startTs, request.endTs);
    case 'flushSpanMetrics':
      return recorder?.flush().then(() => null) ?? null;
  }
}

function failureOf(error: unknown): ThreadFailure {
  if (error instanceof DecodeError) return { name: error.name, message: error.message, decode: { format: error.format, detail: error.detail, location: error.location } };
  return { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) };
}

port.on('message', (request: ThreadRequest) => {
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
