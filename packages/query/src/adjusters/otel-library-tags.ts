import { mapSpans, type TraceAdjuster } from './adjuster.js';
import { sortedByKey } from './sort-tags-and-logs.js';

/** OpenTelemetry SDK identity attributes, which describe the process rather than the span. */
const LIBRARY_TAG_KEYS = new Set([
  'telemetry.sdk.language',
  'telemetry.sdk.name',
  'telemetry.sdk.version',
  'telemetry.distro.name',
  'telemetry.distro.version',
]);

/** Moves `telemetry.sdk.*` / `telemetry.distro.*` span tags into the process tags, as Jaeger's `OTelTagAdjuster`. */
export const otelLibraryTagsToProcess: TraceAdjuster = (trace) =>
  mapSpans(trace, (span) => {
    if (!span.tags.some((tag) => LIBRARY_TAG_KEYS.has(tag.key))) return span;
    const moved = span.tags.filter((tag) => LIBRARY_TAG_KEYS.has(tag.key));
    return {
      ...span,
      tags: span.tags.filter((tag) => !LIBRARY_TAG_KEYS.has(tag.key)),
      process: { ...span.process, tags: sortedByKey([...span.process.tags, ...moved]) },
    };
  });
