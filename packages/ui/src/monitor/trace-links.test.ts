import { describe, expect, it } from '@jest/globals';
import { readSearchState } from '../search/search-state';
import { operationTraceLinks } from './trace-links';

const stateOf = (link: string) => readSearchState(new URLSearchParams(link.split('?')[1]));

describe('operationTraceLinks', () => {
  it('opens the slowest traces: spans at or above the p95 less its 2 % error bound, longest first, over the same time frame', () => {
    const { slowest } = operationTraceLinks('frontend', 'GET /dispatch?x=1&y', '6h', 412.3456);
    expect(stateOf(slowest)).toMatchObject({ service: 'frontend', operation: 'GET /dispatch?x=1&y', lookback: '6h', minDuration: '404098us', sort: 'longest' });
  });

  it('opens the failing traces through the error tag, most errors first', () => {
    const { failing } = operationTraceLinks('frontend', 'GET /', '1h', 10);
    expect(stateOf(failing)).toMatchObject({ service: 'frontend', operation: 'GET /', tags: 'error=true', minDuration: '', sort: 'most-errors' });
  });

  it('finds the spans of an operation whose every call takes the same time, although the p95 reads high', () => {
    expect(stateOf(operationTraceLinks('s', 'SELECT', '1h', 3.043).slowest).minDuration).toBe('2982us');
  });

  it('leaves the duration open when the operation had no calls in the last window', () => {
    expect(stateOf(operationTraceLinks('s', 'o', '24h', undefined).slowest).minDuration).toBe('');
  });
});
