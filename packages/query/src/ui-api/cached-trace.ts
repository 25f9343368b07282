import { decodeSingleSpan, encodeSingleSpan, ProtoWriter } from '@skein/codecs';
import type { Span, Trace } from '@skein/model';
import { traceSkeleton } from './trace-skeleton.js';

/**
 * An adjusted trace the UI has opened, kept so that its skeleton, a span's detail, find and filter do not read the
 * trace again. A small trace keeps its span objects; a big one (`compactAbove` spans or more) keeps each span
 * encoded (Jaeger's protobuf, a fifth of the objects' memory) and its skeleton built once.
 */
export interface CachedTrace {
  readonly traceId: string;
  readonly spanCount: number;
  /** µs since the epoch: the first span's start and the last span's end. */
  readonly startMicros: number;
  readonly endMicros: number;
  /** Memory held, bytes: measured for the encoded form, estimated for span objects. */
  readonly bytes: number;
  /** Whether the spans are kept encoded (decoded one by one when read). */
  readonly compact: boolean;
  /** The first span with this id, or undefined. */
  span(spanId: string): Span | undefined;
  /** Every span; a compact trace decodes them one at a time as the caller iterates. */
  spans(): Iterable<Span>;
  /** The skeleton's JSON, built on first use and kept. */
  skeletonBody(): string;
}

/** What a span object costs in memory, bytes, by a rough measure of typical spans (tags, a process, ids). */
const SPAN_OBJECT_BYTES = 1_500;

/** Spans encoded between two yields to the event loop, so other requests are served while a big trace is kept. */
const SPANS_PER_TURN = 20_000;

export async function cacheTrace(trace: Trace, compactAbove: number): Promise<CachedTrace> {
  let startMicros = Infinity;
  let endMicros = -Infinity;
  for (const span of trace.spans) {
    startMicros = Math.min(startMicros, span.startTime);
    endMicros = Math.max(endMicros, span.startTime + span.duration);
  }
  if (trace.spans.length === 0) startMicros = endMicros = 0;
  const range = { startMicros, endMicros };
  return trace.spans.length >= compactAbove ? compactTrace(trace, range) : objectTrace(trace, range);
}

function objectTrace(trace: Trace, range: { startMicros: number; endMicros: number }): CachedTrace {
  let skeleton: string | undefined;
  return {
    traceId: trace.traceId,
    spanCount: trace.spans.length,
    ...range,
    bytes: trace.spans.length * SPAN_OBJECT_BYTES,
    compact: false,
    span: (spanId) => trace.spans.find((candidate) => candidate.spanId === spanId),
    spans: () => trace.spans,
    skeletonBody: () => (skeleton ??= JSON.stringify(traceSkeleton(trace))),
  };
}

async function compactTrace(trace: Trace, range: { startMicros: number; endMicros: number }): Promise<CachedTrace> {
  const skeleton = JSON.stringify(traceSkeleton(trace));
  await new Promise((resolve) => setImmediate(resolve));
  const count = trace.spans.length;
  const writer = new ProtoWriter();
  const pieces: Uint8Array[] = new Array(count);
  const offsets = new Float64Array(count + 1);
  // Span ids as two 32-bit halves, and the span positions sorted by id for a binary search.
  const high = new Uint32Array(count);
  const low = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % SPANS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    const span = trace.spans[i]!;
    pieces[i] = encodeSingleSpan(span, writer);
    offsets[i + 1] = offsets[i]! + pieces[i]!.length;
    high[i] = Number.parseInt(span.spanId.slice(0, 8), 16);
    low[i] = Number.parseInt(span.spanId.slice(8, 16), 16);
  }
  const encoded = Buffer.concat(pieces);
  const byId = Uint32Array.from({ length: count }, (_, i) => i).sort((a, b) => high[a]! - high[b]! || low[a]! - low[b]! || a - b);
  const decode = (i: number): Span => {
    const { spans } = decodeSingleSpan(encoded.subarray(offsets[i]!, offsets[i + 1]!), 'cached trace');
    return spans[0]!;
  };
  return {
    traceId: trace.traceId,
    spanCount: count,
    ...range,
    bytes: encoded.length + skeleton.length + high.byteLength + low.byteLength + byId.byteLength + offsets.byteLength,
    compact: true,
    span(spanId) {
      if (!/^[0-9a-f]{16}$/.test(spanId)) return undefined;
      const wantHigh = Number.parseInt(spanId.slice(0, 8), 16);
      const wantLow = Number.parseInt(spanId.slice(8, 16), 16);
      let from = 0;
      let to = count;
      while (from < to) {
        const mid = (from + to) >>> 1;
        const at = byId[mid]!;
        if (high[at]! < wantHigh || (high[at] === wantHigh && low[at]! < wantLow)) from = mid + 1;
        else to = mid;
      }
      const at = byId[from];
      return at !== undefined && high[at] === wantHigh && low[at] === wantLow ? decode(at) : undefined;
    },
    *spans() {
      for (let i = 0; i < count; i++) yield decode(i);
    },
    skeletonBody: () => skeleton,
  };
}
