import type { DecodedBatch, SpanCodec } from '@skein/codecs';
import { OverloadedError, ShuttingDownError, type CollectorMetrics, type IngestContext, type IngestResult, type SpanIngest } from '@skein/collector';
import { estimateSpanBytes, type Process, type Span, type Tag } from '@skein/model';
import type { ReporterMetrics } from './metrics.js';
import type { SpanBuffer } from './span-buffer.js';

/**
 * The agent's door from its UDP receivers: decoded spans get `--agent.tags` and go into the bounded buffer, and
 * `submit` resolves at once (UDP has nobody to answer). A full buffer is an {@link OverloadedError}, which the
 * receiver counts as dropped. Validation is the collector's job: the agent forwards what it could decode.
 */
export class ForwardingIngest implements SpanIngest {
  private closed = false;

  constructor(
    private readonly buffer: SpanBuffer,
    private readonly agentTags: readonly Tag[],
    private readonly metrics: CollectorMetrics,
    private readonly reporterMetrics: ReporterMetrics,
  ) {}

  prepare(codec: SpanCodec, payload: Uint8Array): DecodedBatch {
    return codec.decode(payload);
  }

  async submit(batch: DecodedBatch, context: IngestContext): Promise<IngestResult> {
    if (this.closed) throw new ShuttingDownError();
    const received = batch.spans.length + batch.rejected.length;
    if (received > 0) this.metrics.spansReceived.inc({ receiver: context.receiver, format: context.format }, received);
    if (batch.rejected.length > 0) this.metrics.spansRejected.inc({ receiver: context.receiver, format: context.format, reason: 'decode' }, batch.rejected.length);
    if (batch.spans.length === 0) return { accepted: 0, rejected: batch.rejected };
    const spans = this.agentTags.length > 0 ? withAgentTags(batch.spans, this.agentTags) : batch.spans;
    let bytes = 0;
    for (const span of spans) bytes += estimateSpanBytes(span);
    if (!this.buffer.offer(spans, bytes)) {
      const { spans: held, limits } = this.buffer;
      throw new OverloadedError(`the agent's buffer holds ${held}/${limits.spans} spans, ${Math.round(this.buffer.bytes)}/${limits.bytes} bytes (is a collector reachable?)`, 1);
    }
    this.reporterMetrics.bufferedSpans.set(this.buffer.spans);
    this.reporterMetrics.bufferedBytes.set(Math.round(this.buffer.bytes));
    return { accepted: spans.length, rejected: batch.rejected };
  }

  /** Refuses every later batch (shutdown). */
  close(): void {
    this.closed = true;
  }
}

/** The spans with each process given the agent's tags it lacks (one new process per distinct process). */
function withAgentTags(spans: Span[], agentTags: readonly Tag[]): Span[] {
  const replaced = new Map<Process, Process>();
  return spans.map((span) => {
    let process = replaced.get(span.process);
    if (!process) {
      const keys = new Set(span.process.tags.map((tag) => tag.key));
      process = { ...span.process, tags: [...span.process.tags, ...agentTags.filter((tag) => !keys.has(tag.key))] };
      replaced.set(span.process, process);
    }
    return { ...span, process };
  });
}
