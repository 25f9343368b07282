import { composeAdjusters, type TraceAdjuster } from './adjuster.js';
import { clockSkewAdjuster } from './clock-skew.js';
import { dedupeBySpanHash } from './dedupe-by-span-hash.js';
import { dropInvalidReferences } from './invalid-references.js';
import { ipTagsToStrings } from './ip-tags.js';
import { otelLibraryTagsToProcess } from './otel-library-tags.js';
import { parentReferenceFirst } from './parent-reference.js';
import { sortTagsAndLogs } from './sort-tags-and-logs.js';
import { zipkinSpanIdUniquifier } from './zipkin-span-id-uniquifier.js';

export interface StandardAdjusterOptions {
  /** Largest clock-skew correction applied, µs; 0 (default) applies none but still flags skewed spans. */
  maxClockSkewAdjustmentMicros?: number;
}

/**
 * The adjusters every trace goes through unless the client asks for the raw trace, in Jaeger's order: the order
 * matters (dedupe needs sorted tags to compare content; clock skew needs unique span ids).
 */
export function standardAdjusters(options: StandardAdjusterOptions = {}): TraceAdjuster[] {
  return [
    zipkinSpanIdUniquifier,
    sortTagsAndLogs,
    dedupeBySpanHash,
    clockSkewAdjuster(options.maxClockSkewAdjustmentMicros ?? 0),
    ipTagsToStrings,
    otelLibraryTagsToProcess,
    dropInvalidReferences,
    parentReferenceFirst,
  ];
}

/** All standard adjusters as one function. */
export function standardAdjuster(options: StandardAdjusterOptions = {}): TraceAdjuster {
  return composeAdjusters(standardAdjusters(options));
}
