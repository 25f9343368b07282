/**
 * Why a span was refused. These are metric label values (`skein_collector_spans_rejected_total{reason}`): short,
 * stable and few. The human-readable detail travels separately in the rejection message.
 */
export type RejectReason =
  | 'decode'
  | 'invalid-trace-id'
  | 'invalid-span-id'
  | 'invalid-reference'
  | 'invalid-span'
  | 'start-time-too-old'
  | 'start-time-in-future'
  | 'duration-too-long'
  | 'span-too-large';

/** What a sanitizer repaired, as a metric label (`skein_collector_spans_sanitized_total{fix}`). */
export type SanitizeFix =
  | 'empty-service-name'
  | 'null-process'
  | 'empty-span-name'
  | 'invalid-utf8'
  | 'negative-duration'
  | 'too-many-tags'
  | 'tag-value-truncated';

export type StepOutcome = { ok: true } | { ok: false; reason: RejectReason; detail: string };

export const OK: StepOutcome = Object.freeze({ ok: true });

export function reject(reason: RejectReason, detail: string): StepOutcome {
  return { ok: false, reason, detail };
}

/** Lets a step report a repair without knowing about metrics. */
export type FixSink = (fix: SanitizeFix) => void;
