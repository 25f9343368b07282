import type { RejectedSpan, TranscodePlan } from '@skein/codecs';
import type { Span, Tag } from '@skein/model';
import { addProcessTags } from './enrich.js';
import { applyTagLimits, sizeOutcome, type SpanLimits } from './limits.js';
import type { FixSink, RejectReason, StepOutcome } from './reasons.js';
import { estimateSpanBytes } from '@skein/model';
import { sanitizeNegativeDuration, sanitizeOperationName, sanitizeServiceName, sanitizeUtf8 } from './sanitize.js';
import { validateStructure, validateTimes, type TimeWindow } from './validate.js';

export interface PipelineConfig {
  window: TimeWindow;
  limits: SpanLimits;
  /** `--collector.tags`, already parsed. */
  collectorTags: readonly Tag[];
}

/** A span the pipeline refused: the codec's shape plus the metric label. */
export interface PipelineRejection extends RejectedSpan {
  code: RejectReason;
}

export interface PipelineOutput {
  spans: Span[];
  /** Approximate bytes of `spans` (for the queue's byte bound). */
  bytes: number;
  rejected: PipelineRejection[];
}

export type Pipeline = (spans: readonly Span[]) => PipelineOutput;

/**
 * The collector's processing steps, in order: sanitize (Jaeger's repairs) → validate (refuse what cannot be
 * repaired) → limit (cut, or refuse when still too large) → enrich (collector tags, after the limits so they are
 * never cut). Steps work on the spans in place: these are objects the decoder just built for this request.
 *
 * One span's failure never affects the others; a step that throws on a malformed object refuses that span only.
 */
export function createPipeline(config: PipelineConfig, hooks: { onFix?: FixSink; nowMicros?: () => number } = {}): Pipeline {
  const onFix: FixSink = hooks.onFix ?? (() => undefined);
  const nowMicros = hooks.nowMicros ?? (() => Date.now() * 1000);
  /** The span's approximate size when it is kept, else why it is refused (no result object per span). */
  const processSpan = (span: Span, now: number): number | StepOutcome => {
    sanitizeServiceName(span, onFix);
    sanitizeOperationName(span, onFix);
    sanitizeNegativeDuration(span, onFix);
    sanitizeUtf8(span, onFix);
    const structure = validateStructure(span);
    if (!structure.ok) return structure;
    const times = validateTimes(span, config.window, now);
    if (!times.ok) return times;
    applyTagLimits(span, config.limits, onFix);
    const bytes = estimateSpanBytes(span);
    const sized = sizeOutcome(bytes, config.limits);
    if (!sized.ok) return sized;
    addProcessTags(span, config.collectorTags);
    return bytes;
  };
  return (spans) => {
    const now = nowMicros();
    const output: PipelineOutput = { spans: [], bytes: 0, rejected: [] };
    for (const span of spans) {
      let result: number | StepOutcome;
      try {
        result = processSpan(span, now);
      } catch (error) {
        result = { ok: false, reason: 'invalid-span', detail: `malformed span: ${error instanceof Error ? error.message : String(error)}` };
      }
      if (typeof result === 'number') {
        output.spans.push(span);
        output.bytes += result;
      } else if (!result.ok) {
        output.rejected.push({ code: result.reason, reason: result.detail, ...idsOf(span) });
      }
    }
    return output;
  };
}

/** The pipeline's settings as a codec's fast path checks them (see `SpanCodec.toKafkaProtobuf`). */
export function transcodePlanOf(config: PipelineConfig): Omit<TranscodePlan, 'nowMicros'> {
  return { ...config.window, ...config.limits, processTags: config.collectorTags };
}

function idsOf(span: unknown): { traceId?: string; spanId?: string } {
  if (typeof span !== 'object' || span === null) return {};
  const { traceId, spanId } = span as Partial<Span>;
  return {
    ...(typeof traceId === 'string' ? { traceId: traceId.slice(0, 64) } : {}),
    ...(typeof spanId === 'string' ? { spanId: spanId.slice(0, 64) } : {}),
  };
}
