import { describe, expect, it } from '@jest/globals';
import type { TraceSummary } from '../api/types';
import { readSearchState, searchRange, summariesQuery, writeSearchState } from './search-state';
import { sortSummaries, summaryTimes } from './summary-order';

const NOW = 1_700_000_000_000_000;

describe('search state in the URL', () => {
  it("reads Jaeger's parameters, with tags as Jaeger's JSON or as logfmt", () => {
    const state = readSearchState(
      new URLSearchParams('service=web&operation=GET%20%2F&tags=%7B%22error%22%3A%22true%22%2C%22msg%22%3A%22a%20b%22%7D&lookback=2h&minDuration=10ms&limit=50'),
    );
    expect(state).toMatchObject({ service: 'web', operation: 'GET /', tags: 'error=true msg="a b"', lookback: '2h', minDuration: '10ms', limit: 50, sort: 'recent' });
    expect(readSearchState(new URLSearchParams('tags=error%3Dtrue')).tags).toBe('error=true');
  });

  it('falls back to defaults for unknown lookbacks, sorts and limits, and caps the limit', () => {
    const state = readSearchState(new URLSearchParams('lookback=forever&sort=random&limit=-3'));
    expect(state).toMatchObject({ lookback: '1h', sort: 'recent', limit: 20 });
    expect(readSearchState(new URLSearchParams('limit=99999')).limit).toBe(1500);
  });

  it('writes the state back so that reading it gives the same state', () => {
    const state = readSearchState(new URLSearchParams('service=web&tags=a%3D1&lookback=custom&start=100&end=200&maxDuration=1s&limit=7&sort=longest'));
    expect(readSearchState(writeSearchState(state))).toEqual(state);
    expect(writeSearchState(state).get('tags')).toBe('{"a":"1"}');
  });

  it('keeps looked-up trace ids (repeated or comma-separated) and nothing else', () => {
    const state = readSearchState(new URLSearchParams('traceID=abc,def&traceID=123'));
    expect(state.traceIDs).toEqual(['abc', 'def', '123']);
    expect(writeSearchState(state).toString()).toBe('traceID=abc&traceID=def&traceID=123');
  });
});

describe('summariesQuery', () => {
  const base = readSearchState(new URLSearchParams('service=web&lookback=1h'));

  it('asks api_v3 for the lookback window, the filters and the limit', () => {
    const query = new URLSearchParams(
      summariesQuery({ ...base, operation: 'op', tags: 'error=true', minDuration: '1.5ms', maxDuration: '2s', limit: 40 }, NOW).split('?')[1],
    );
    expect(query.get('query.serviceName')).toBe('web');
    expect(query.get('query.operationName')).toBe('op');
    expect(query.get('query.startTimeMin')).toBe(new Date((NOW - 3_600e6) / 1000).toISOString());
    expect(query.get('query.startTimeMax')).toBe(new Date(NOW / 1000).toISOString());
    expect(query.get('query.durationMin')).toBe('1500us');
    expect(query.get('query.durationMax')).toBe('2000000us');
    expect(query.get('query.attributes')).toBe('{"error":"true"}');
    expect(query.get('query.searchDepth')).toBe('40');
  });

  it('uses the custom range when chosen', () => {
    expect(searchRange({ ...base, lookback: 'custom', start: 5e15, end: 6e15 }, NOW)).toEqual({ start: 5e15, end: 6e15 });
  });

  it('names the field to fix', () => {
    expect(() => summariesQuery({ ...base, service: '' }, NOW)).toThrow('Choose a service to search');
    expect(() => summariesQuery({ ...base, minDuration: 'fast' }, NOW)).toThrow(/^Min duration: "fast" is not a duration/);
    expect(() => summariesQuery({ ...base, minDuration: '2s', maxDuration: '1s' }, NOW)).toThrow('Min duration is above max duration');
    expect(() => summariesQuery({ ...base, tags: 'error' }, NOW)).toThrow('Tags: tag "error" has no value');
    expect(() => summariesQuery({ ...base, lookback: 'custom', start: 10, end: 5 }, NOW)).toThrow('must be before its end');
  });
});

describe('sortSummaries', () => {
  const summary = (traceId: string, startMicros: number, durationMicros: number, spanCount: number, errorSpanCount: number): TraceSummary => ({
    traceId,
    rootServiceName: 's',
    rootOperationName: 'o',
    minStartTimeUnixNano: `${startMicros}000`,
    maxEndTimeUnixNano: `${startMicros + durationMicros}000`,
    spanCount,
    errorSpanCount,
    orphanSpanCount: 0,
    services: [],
  });
  const list = [summary('a', 100, 50, 3, 0), summary('b', 300, 10, 9, 2), summary('c', 200, 90, 1, 1)];
  it.each([
    ['recent', ['b', 'c', 'a']],
    ['longest', ['c', 'a', 'b']],
    ['shortest', ['b', 'a', 'c']],
    ['most-spans', ['b', 'a', 'c']],
    ['most-errors', ['b', 'c', 'a']],
  ] as const)('%s', (order, ids) => {
    expect(sortSummaries(list, order).map((s) => s.traceId)).toEqual(ids);
  });

  it('reads nanosecond strings beyond 2^53 exactly into µs', () => {
    expect(summaryTimes(summary('x', 1_700_000_000_123_456, 1_000, 1, 0))).toEqual({ start: 1_700_000_000_123_456, duration: 1_000 });
  });
});
