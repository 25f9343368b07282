import type { IndexRolloverFrequency } from './config.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Trace locations: Skein writes one tiny document `{traceID, bucket}` (under an id the cluster generates) per trace and time bucket (day or hour, as
 * the span indices) into `[prefix-]skein-trace-locations`, so `getTrace` without a time hint reads one small index
 * and then exactly the span indices holding the trace, instead of every index of the last `max-span-age`
 * (jaeger#2941). The writer remembers recent (trace, bucket) pairs, so a trace costs about one extra document.
 */
export function bucketLengthMs(frequency: IndexRolloverFrequency): number {
  return frequency === 'hour' ? HOUR_MS : DAY_MS;
}

export function bucketStartMs(epochMs: number, frequency: IndexRolloverFrequency): number {
  const length = bucketLengthMs(frequency);
  return Math.floor(epochMs / length) * length;
}
