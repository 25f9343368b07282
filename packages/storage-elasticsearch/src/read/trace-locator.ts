import type { GetTraceParams } from '@skein/storage';
import type { SearchTransport } from '../client/transport.js';
import { MAX_LISTED_INDICES, type IndexNames } from '../index-names.js';
import { bucketLengthMs } from '../trace-locations.js';
import { searchIndices } from './search.js';

/** Where to read some traces: a target and, when it is a wildcard or alias, the startTime window (µs) to filter. */
export interface FetchPlan {
  /** Stored (Jaeger-form) trace ids. */
  traceIds: string[];
  target: string;
  minStartMicros?: number;
  maxStartMicros?: number;
}

/** Most location documents one lookup reads; a trace spread over more buckets falls back to the wildcard. */
const MAX_LOCATIONS = 10_000;

/**
 * Decides which indices hold a trace, in this order: the caller's time hint (both bounds), the trace-location
 * documents, and finally a bounded lookback (`max-span-age`, or the one bound a partial hint gives), so a trace-id
 * lookup never fans out over every daily index.
 */
export class TraceLocator {
  constructor(
    private readonly transport: SearchTransport,
    private readonly names: IndexNames,
    private readonly useAliases: boolean,
    private readonly maxSpanAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async plan(traceIds: readonly string[], hint: GetTraceParams = {}): Promise<FetchPlan[]> {
    const ids = [...traceIds];
    if (hint.startTime !== undefined && hint.endTime !== undefined) {
      const read = this.names.readTarget('span', Math.floor(hint.startTime / 1000), Math.floor(hint.endTime / 1000));
      return [
        read.needsTimeFilter
          ? { traceIds: ids, target: read.target, minStartMicros: hint.startTime, maxStartMicros: hint.endTime }
          : { traceIds: ids, target: read.target },
      ];
    }
    const buckets = await this.lookupBuckets(ids);
    const plans: FetchPlan[] = [];
    const located = ids.filter((id) => buckets.has(id));
    if (located.length > 0) {
      const all = new Set<number>();
      for (const id of located) for (const bucket of buckets.get(id)!) all.add(bucket);
      plans.push(this.planForBuckets(located, [...all]));
    }
    const unlocated = ids.filter((id) => !buckets.has(id));
    if (unlocated.length > 0) plans.push(this.lookbackPlan(unlocated, hint));
    return plans;
  }

  private async lookupBuckets(ids: readonly string[]): Promise<Map<string, number[]>> {
    const result = await searchIndices<{ traceID: string; bucket: number }>(this.transport, this.names.traceLocationIndex(), {
      size: MAX_LOCATIONS,
      _source: ['traceID', 'bucket'],
      query: { terms: { traceID: ids } },
    });
    const buckets = new Map<string, Set<number>>();
    for (const hit of result.hits.hits) {
      const { traceID, bucket } = hit._source;
      if (typeof traceID !== 'string' || typeof bucket !== 'number') continue;
      const set = buckets.get(traceID) ?? new Set<number>();
      set.add(bucket); // a location may be stored more than once
      buckets.set(traceID, set);
    }
    return new Map([...buckets].map(([traceID, set]) => [traceID, [...set]]));
  }

  private planForBuckets(traceIds: string[], buckets: number[]): FetchPlan {
    buckets.sort((a, b) => a - b);
    const length = bucketLengthMs(this.names.frequency('span'));
    if (!this.useAliases && buckets.length <= MAX_LISTED_INDICES) {
      return { traceIds, target: buckets.map((bucket) => this.names.timeIndex('span', bucket)).join(',') };
    }
    const target = this.useAliases ? this.names.readAlias('span') : this.names.readPattern('span');
    return {
      traceIds,
      target,
      minStartMicros: buckets[0]! * 1000,
      maxStartMicros: (buckets[buckets.length - 1]! + length) * 1000 - 1,
    };
  }

  private lookbackPlan(traceIds: string[], hint: GetTraceParams): FetchPlan {
    const target = this.useAliases ? this.names.readAlias('span') : this.names.readPattern('span');
    if (hint.startTime !== undefined) return { traceIds, target, minStartMicros: hint.startTime };
    const minStartMicros = (this.now() - this.maxSpanAgeMs) * 1000;
    if (hint.endTime !== undefined) return { traceIds, target, maxStartMicros: hint.endTime };
    return { traceIds, target, minStartMicros };
  }
}
