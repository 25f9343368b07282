import { describe, expect, it } from '@jest/globals';
import { selfTimes, sortStatistics, traceStatistics } from './trace-statistics';

/** Spans as [parent, start, duration, service, operation]. */
function tree(spans: Array<[number, number, number, string, string]>) {
  const services = [...new Set(spans.map((s) => s[3]))];
  const operations = [...new Set(spans.map((s) => s[4]))];
  return {
    count: spans.length,
    parents: Int32Array.from(spans.map((s) => s[0])),
    starts: Float64Array.from(spans.map((s) => s[1])),
    durations: Float64Array.from(spans.map((s) => s[2])),
    services,
    operations,
    serviceIndexes: Int32Array.from(spans.map((s) => services.indexOf(s[3]))),
    operationIndexes: Int32Array.from(spans.map((s) => operations.indexOf(s[4]))),
    duration: Math.max(...spans.map((s) => s[1] + s[2])) - Math.min(...spans.map((s) => s[1])),
  };
}

// api GET 0–100: db query 10–40 and 30–50 (overlapping), cache get 60–70; db query 10–40 has a child 20–90 that
// outlives it (cut at 40).
const example = tree([
  [-1, 0, 100, 'api', 'GET'],
  [0, 10, 30, 'db', 'query'],
  [0, 30, 20, 'db', 'query'],
  [0, 60, 10, 'cache', 'get'],
  [1, 20, 70, 'db', 'fetch'],
]);

describe('selfTimes', () => {
  it('subtracts the union of the children, cut to the span', () => {
    // api: children cover 10–50 and 60–70 → 50 of 100. query 10–40: child covers 20–40 → 10. fetch has none.
    expect(Array.from(selfTimes(example))).toEqual([50, 10, 20, 10, 70]);
  });
});

describe('traceStatistics', () => {
  it('counts per service and per operation with durations, self times and their share of the trace', () => {
    const rows = traceStatistics(example);
    const find = (service: string, operation?: string) => rows.find((row) => row.service === service && row.operation === operation)!;
    expect(find('db')).toEqual({ service: 'db', operation: undefined, count: 3, total: 120, min: 20, max: 70, selfTotal: 100, selfMin: 10, selfMax: 70, selfPercentOfTrace: 100 });
    expect(find('db', 'query')).toMatchObject({ count: 2, total: 50, min: 20, max: 30, selfTotal: 30, selfMin: 10, selfMax: 20, selfPercentOfTrace: 30 });
    expect(find('api', 'GET')).toMatchObject({ count: 1, total: 100, selfTotal: 50, selfPercentOfTrace: 50 });
    expect(rows).toHaveLength(3 + 4);
  });

  it('sorts services, each followed by its operations, by any column either way', () => {
    const rows = traceStatistics(example);
    const names = (column: Parameters<typeof sortStatistics>[1], ascending: boolean): string[] => sortStatistics(rows, column, ascending).map((row) => row.operation ?? row.service.toUpperCase());
    expect(names('total', false)).toEqual(['DB', 'fetch', 'query', 'API', 'GET', 'CACHE', 'get']);
    expect(names('name', true)).toEqual(['API', 'GET', 'CACHE', 'get', 'DB', 'fetch', 'query']);
    expect(names('avg', true)).toEqual(['CACHE', 'get', 'DB', 'query', 'fetch', 'API', 'GET']);
  });
});
