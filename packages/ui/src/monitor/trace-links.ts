/**
 * Searches that open the traces behind a bad figure on the Monitor page: the slowest (spans of the operation at or
 * above its p95, longest first) and the failing (spans tagged `error=true`, which OTel status error becomes, most
 * errors first), over the Monitor's own time frame.
 */
export interface OperationTraceLinks {
  slowest: string;
  failing: string;
}

/** The span metrics' stated bound on a quantile's relative error. */
const QUANTILE_ERROR = 0.02;

export function operationTraceLinks(service: string, operation: string, lookback: string, p95Ms: number | undefined): OperationTraceLinks {
  const base = (): URLSearchParams => new URLSearchParams({ service, operation, lookback });
  const slowest = base();
  // The p95 comes from a histogram that may read up to 2 % high: start that much below it, so the spans that set it
  // are found too (3 ms calls read as a p95 of 3.04 ms would otherwise find nothing).
  if (p95Ms !== undefined && p95Ms > 0) slowest.set('minDuration', `${Math.floor(p95Ms * (1 - QUANTILE_ERROR) * 1000)}us`);
  slowest.set('sort', 'longest');
  const failing = base();
  failing.set('tags', JSON.stringify({ error: 'true' }));
  failing.set('sort', 'most-errors');
  return { slowest: `/search?${slowest.toString()}`, failing: `/search?${failing.toString()}` };
}
