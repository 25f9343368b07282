import { describe, expect, it } from '@jest/globals';
import { SPAN_FLAG } from '../api/types';
import { spanTableRows } from './span-table';

const tree = {
  count: 4,
  services: ['api', 'db'],
  operations: ['GET /cart', 'SELECT cart', 'GET /user'],
  serviceIndexes: Int32Array.from([0, 1, 0, 1]),
  operationIndexes: Int32Array.from([0, 1, 2, 1]),
  starts: Float64Array.from([0, 10, 20, 30]),
  durations: Float64Array.from([100, 40, 20, 40]),
  flags: Uint8Array.from([0, SPAN_FLAG.error, 0, 0]),
};
const self = Float64Array.from([40, 40, 20, 40]);
const rows = (...args: Parameters<typeof spanTableRows> extends [unknown, unknown, ...infer Rest] ? Rest : never): number[] => Array.from(spanTableRows(tree, self, ...args));

describe('spanTableRows', () => {
  it('filters by service or operation, any case', () => {
    expect(rows('', 'start', true)).toEqual([0, 1, 2, 3]);
    expect(rows('CART', 'start', true)).toEqual([0, 1, 3]);
    expect(rows('db', 'start', true)).toEqual([1, 3]);
    expect(rows('nothing', 'start', true)).toEqual([]);
  });

  it('sorts by any column either way, ties by start', () => {
    expect(rows('', 'duration', false)).toEqual([0, 1, 3, 2]);
    expect(rows('', 'self', true)).toEqual([2, 0, 1, 3]);
    expect(rows('', 'operation', true)).toEqual([0, 2, 1, 3]);
    expect(rows('', 'error', false)).toEqual([1, 0, 2, 3]);
    expect(rows('', 'service', false)).toEqual([1, 3, 0, 2]);
  });
});
