import type { TraceSummary as StoredSummary } from '@skein/storage';
import type { TraceSummary } from '@skein/query-api';

/** A store's summary in api_v3's JSON form: nanosecond times as decimal strings, as proto3 JSON writes int64. */
export function traceSummaryJson(summary: StoredSummary): TraceSummary {
  return {
    traceId: summary.traceId,
    rootServiceName: summary.rootServiceName,
    rootOperationName: summary.rootOperationName,
    minStartTimeUnixNano: nanos(summary.minStartTime),
    maxEndTimeUnixNano: nanos(summary.maxEndTime),
    spanCount: summary.spanCount,
    errorSpanCount: summary.errorSpanCount,
    orphanSpanCount: summary.orphanSpanCount,
    services: summary.services.map(({ name, spanCount, errorSpanCount }) => ({ name, spanCount, errorSpanCount })),
  };
}

function nanos(micros: number): string {
  return (BigInt(micros) * 1000n).toString();
}
