import { describe, expect, it } from '@jest/globals';
import { groupByPartition, type Statement } from './partition-batches.js';

const row = (partition: string | undefined, bytes?: number): Statement => ({ query: 'INSERT', params: [partition], partition, ...(bytes !== undefined ? { bytes } : {}) });
const partitionsOf = (groups: Statement[][]): Array<Array<string | undefined>> => groups.map((group) => group.map((s) => s.partition));

describe('groupByPartition', () => {
  it('batches rows of one partition together and leaves rows without a partition alone, in first-seen order', () => {
    expect(partitionsOf(groupByPartition([row('a'), row(undefined), row('b'), row('a'), row(undefined), row('b')]))).toEqual([['a', 'a'], [undefined], ['b', 'b'], [undefined]]);
  });

  it('starts a new batch after 100 rows of one partition', () => {
    const groups = groupByPartition(Array.from({ length: 250 }, () => row('a')));
    expect(groups.map((group) => group.length)).toEqual([100, 100, 50]);
  });

  it('starts a new batch before the rows of one partition pass 256 KiB, and a row larger than that goes alone', () => {
    const groups = groupByPartition([row('t', 100_000), row('t', 100_000), row('t', 100_000), row('t', 1_000_000), row('t', 10)]);
    expect(groups.map((group) => group.map((s) => s.bytes))).toEqual([[100_000, 100_000], [100_000], [1_000_000], [10]]);
  });
});
