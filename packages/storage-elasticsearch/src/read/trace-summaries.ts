import { traceIdFromHex, type TraceId } from '@skein/model';
import { sortServices, summarizeTrace, type TraceSummary } from '@skein/storage';
import type { SearchTransport } from '../client/transport.js';
import { SearchRequestError } from '../client/errors.js';
import { searchIndices } from './search.js';
import { fetchPlanFilters, type TraceFetcher } from './trace-fetcher.js';
import type { FetchPlan } from './trace-locator.js';

/**
 * Per span (map), the facts a summary needs, read from `_source` on the data node: the span id, the ids it
 * references within its trace, start, duration, service, operation, whether it failed (`error` = "true" in any case,
 * or `otel.status_code` = ERROR), and a key that makes a document stored in two indices count once.
 */
const MAP_SCRIPT = `
def s = params['_source'];
String tid = s['traceID'];
if (tid.length() == 32 && tid.startsWith('0000000000000000')) { tid = tid.substring(16); }
List refs = new ArrayList();
if (s['references'] != null) {
  for (def r : s['references']) { if (r['traceID'] == s['traceID']) { refs.add(r['spanID']); } }
}
boolean failed = false;
if (s['tags'] != null) {
  for (def t : s['tags']) {
    def v = t['value'];
    if (v == null) { continue; }
    String text = v.toString();
    if ((t['key'] == 'error' && text.equalsIgnoreCase('true')) || (t['key'] == 'otel.status_code' && text == 'ERROR')) { failed = true; break; }
  }
}
long start = ((Number) s['startTime']).longValue();
long duration = ((Number) s['duration']).longValue();
String key = s['spanID'] + '/' + s['contentHash'] + '/' + start + '/' + duration + '/' + s['operationName'];
state.spans.add([tid, s['spanID'], refs, start, duration, s['process']['serviceName'], s['operationName'], failed, key]);
`;

/** On the coordinating node: one summary per trace, by the rules of `summarizeSpans`. */
const REDUCE_SCRIPT = `
Map byTrace = new HashMap();
Set seen = new HashSet();
for (def state : states) {
  if (state == null) { continue; }
  for (def span : state) {
    if (!seen.add(span[0] + '/' + span[8])) { continue; }
    List list = byTrace.get(span[0]);
    if (list == null) { list = new ArrayList(); byTrace.put(span[0], list); }
    list.add(span);
  }
}
Map result = new HashMap();
for (def entry : byTrace.entrySet()) {
  List spans = entry.getValue();
  Set ids = new HashSet();
  for (def span : spans) { ids.add(span[1]); }
  long minStart = Long.MAX_VALUE; long maxEnd = Long.MIN_VALUE;
  int errors = 0; int orphans = 0;
  def root = null; boolean rootIsOrphan = true;
  Map services = new HashMap();
  for (def span : spans) {
    long start = ((Number) span[3]).longValue();
    long end = start + ((Number) span[4]).longValue();
    if (start < minStart) { minStart = start; }
    if (end > maxEnd) { maxEnd = end; }
    int[] counts = services.get(span[5]);
    if (counts == null) { counts = new int[2]; services.put(span[5], counts); }
    counts[0]++;
    if (span[7]) { errors++; counts[1]++; }
    boolean hasParent = false;
    for (def ref : span[2]) { if (ref != span[1] && ids.contains(ref)) { hasParent = true; break; } }
    if (hasParent) { continue; }
    boolean orphan = span[2].size() > 0;
    if (orphan) { orphans++; }
    if (root == null || (rootIsOrphan && !orphan) || (rootIsOrphan == orphan && start < ((Number) root[3]).longValue())) { root = span; rootIsOrphan = orphan; }
  }
  Map named = new HashMap();
  for (def service : services.entrySet()) { int[] c = service.getValue(); named.put(service.getKey(), [c[0], c[1]]); }
  result.put(entry.getKey(), ['minStart': minStart, 'maxEnd': maxEnd, 'spanCount': spans.size(), 'errors': errors,
    'orphans': orphans, 'rootService': root == null ? '' : root[5], 'rootOperation': root == null ? '' : root[6],
    'services': named]);
}
return result;
`;

interface AggregatedSummary {
  minStart: number;
  maxEnd: number;
  spanCount: number;
  errors: number;
  orphans: number;
  rootService: string;
  rootOperation: string;
  services: Record<string, [spanCount: number, errorSpanCount: number]>;
}

/**
 * Summaries computed inside the cluster by one scripted-metric aggregation per fetch plan: the answer is a few
 * hundred bytes per trace however many spans it has. A cluster that refuses inline scripts
 * (`script.allowed_types: stored` or `none`) gets the summaries from whole traces instead.
 */
export class TraceSummaryReader {
  private scriptsRefused = false;

  get mode(): 'cluster' | 'whole-traces' {
    return this.scriptsRefused ? 'whole-traces' : 'cluster';
  }

  constructor(
    private readonly transport: SearchTransport,
    private readonly fetcher: TraceFetcher,
  ) {}

  /** Summaries keyed by trace id; traces with no stored span are absent. */
  async summarize(plans: readonly FetchPlan[]): Promise<Map<TraceId, TraceSummary>> {
    if (!this.scriptsRefused) {
      try {
        return await this.aggregate(plans);
      } catch (error) {
        if (!isScriptRefusal(error)) throw error;
        this.scriptsRefused = true;
        process.emitWarning(
          `trace summaries are read from whole traces: the cluster refuses the Painless aggregation (${(error as Error).message}); ` +
            'allow inline Painless scripts (script.allowed_types) for summaries computed in the cluster',
        );
      }
    }
    const summaries = new Map<TraceId, TraceSummary>();
    for (const [id, trace] of await this.fetcher.fetch(plans)) summaries.set(id, summarizeTrace(id, trace.spans));
    return summaries;
  }

  private async aggregate(plans: readonly FetchPlan[]): Promise<Map<TraceId, TraceSummary>> {
    const summaries = new Map<TraceId, TraceSummary>();
    for (const plan of plans) {
      const result = await searchIndices<never, { summaries?: { value: Record<string, AggregatedSummary> | null } }>(
        this.transport,
        plan.target,
        {
          size: 0,
          track_total_hits: false,
          query: { bool: { filter: fetchPlanFilters(plan) } },
          aggs: {
            summaries: {
              scripted_metric: {
                init_script: 'state.spans = new ArrayList()',
                map_script: MAP_SCRIPT,
                combine_script: 'return state.spans',
                reduce_script: REDUCE_SCRIPT,
              },
            },
          },
        },
      );
      for (const [storedId, value] of Object.entries(result.aggregations?.summaries?.value ?? {})) {
        const traceId = traceIdFromHex(storedId, 'traceID');
        if (!summaries.has(traceId)) summaries.set(traceId, fromAggregated(traceId, value));
      }
    }
    return summaries;
  }
}

function fromAggregated(traceId: TraceId, value: AggregatedSummary): TraceSummary {
  const services = Object.entries(value.services).map(([name, [spanCount, errorSpanCount]]) => ({
    name,
    spanCount,
    errorSpanCount,
  }));
  sortServices(services);
  return {
    traceId,
    rootServiceName: value.rootService,
    rootOperationName: value.rootOperation,
    minStartTime: value.minStart,
    maxEndTime: value.maxEnd,
    spanCount: value.spanCount,
    errorSpanCount: value.errors,
    orphanSpanCount: value.orphans,
    services,
  };
}

function isScriptRefusal(error: unknown): boolean {
  return (
    error instanceof SearchRequestError &&
    error.statusCode === 400 &&
    /cannot execute \[inline\] scripts|scripts of type \[inline\]|script_lang not supported|inline scripts are not allowed/i.test(error.reason)
  );
}
