import { describe, expect, it } from '@jest/globals';
import { combineMatches, conditionProblem, readFilterState, rowsWithAncestors, slowestSpans, whereOf, writeFilterState, type FilterCondition } from './span-filter-state';

//   0
//   ├─ 1 (error)
//   │  └─ 3
//   └─ 2
//      └─ 4 (error)
const tree = {
  count: 5,
  order: Int32Array.from([0, 1, 3, 2, 4]),
  parents: Int32Array.from([-1, 0, 0, 1, 2]),
  flags: Uint8Array.from([0, 1, 0, 0, 1]),
  durations: Float64Array.from([100, 40, 30, 10, 90]),
};

describe('the span filter', () => {
  it('sends only complete conditions, trimmed where spaces cannot matter', () => {
    const conditions: FilterCondition[] = [
      { field: 'tag', key: ' http.status_code ', op: '=', value: '500' },
      { field: 'tag', key: '', op: '=', value: 'x' },
      { field: 'duration', op: '>', value: ' 10ms ' },
      { field: 'service', op: '=', value: '' },
      { field: 'log', key: 'event', op: 'exists', value: 'ignored' },
      { field: 'operation', op: '=', value: ' GET / ' },
    ];
    expect(JSON.parse(whereOf(conditions)!)).toEqual([
      { field: 'tag', key: 'http.status_code', op: '=', value: '500' },
      { field: 'duration', op: '>', value: '10ms' },
      { field: 'log', key: 'event', op: 'exists' },
      { field: 'operation', op: '=', value: ' GET / ' },
    ]);
    expect(whereOf([{ field: 'service', op: '=', value: '' }])).toBeUndefined();
  });

  it('round-trips through the URL and ignores what does not parse', () => {
    const params = new URLSearchParams('view=timeline');
    writeFilterState(params, { conditions: [{ field: 'status', op: '=', value: 'error' }], quick: ['slowest', 'errors'], matchesOnly: true });
    expect(readFilterState(params)).toEqual({ conditions: [{ field: 'status', op: '=', value: 'error' }], quick: ['slowest', 'errors'], matchesOnly: true });
    expect(params.get('view')).toBe('timeline');
    writeFilterState(params, { conditions: [], quick: [], matchesOnly: true });
    expect([...params.keys()]).toEqual(['view']);
    expect(readFilterState(new URLSearchParams('filter=%7Bbad&quick=errors,bogus'))).toEqual({ conditions: [], quick: ['errors'], matchesOnly: false });
    expect(readFilterState(new URLSearchParams('filter=[1,{"field":"__proto__","op":"="},{"field":"kind","op":"="}]')).conditions).toEqual([{ field: 'kind', op: '=' }]);
  });

  it('marks the slowest 5 % by nearest rank, ties included', () => {
    expect(Array.from(slowestSpans(tree))).toEqual([1, 0, 0, 0, 0]);
    expect(Array.from(slowestSpans(tree, 0.4))).toEqual([1, 1, 0, 0, 1]);
    expect(Array.from(slowestSpans({ count: 3, durations: Float64Array.from([5, 5, 5]) }))).toEqual([1, 1, 1]);
  });

  it('intersects the server matches with every quick filter, in row order', () => {
    const none = (): boolean => false;
    expect(combineMatches(tree, undefined, ['errors'], none)).toEqual([1, 4]);
    expect(combineMatches(tree, new Set([4, 3, 1]), [], none)).toEqual([1, 3, 4]);
    expect(combineMatches(tree, new Set([4, 3]), ['errors'], none)).toEqual([4]);
    expect(combineMatches(tree, undefined, ['critical', 'errors'], (span) => span === 4 || span === 0)).toEqual([4]);
    expect(combineMatches(tree, undefined, ['slowest'], none)).toEqual([0]);
  });

  it('shows the matches with their ancestors, in preorder', () => {
    expect(Array.from(rowsWithAncestors(tree, [4, 3]))).toEqual([0, 1, 3, 2, 4]);
    expect(Array.from(rowsWithAncestors(tree, [4]))).toEqual([0, 2, 4]);
    expect(Array.from(rowsWithAncestors(tree, []))).toEqual([]);
  });
});

describe('conditionProblem', () => {
  it('names a bad regex or duration before the server is asked, and leaves such a condition out of where', () => {
    const regex: FilterCondition = { field: 'operation', op: '=~', value: '(' };
    expect(conditionProblem(regex)).toMatch(/^"\(" is not a regular expression/);
    expect(conditionProblem({ field: 'duration', op: '>', value: 'fast' })).toBe('"fast" is not a duration: use a number with a unit, e.g. 100ms, 1.5s, 250us, 2m');
    expect(conditionProblem({ field: 'duration', op: '>', value: '1.5s' })).toBeUndefined();
    expect(conditionProblem({ field: 'tag', key: 'k', op: 'exists' })).toBeUndefined();
    expect(whereOf([regex])).toBeUndefined();
  });
});
