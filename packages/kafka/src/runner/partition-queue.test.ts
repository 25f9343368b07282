import { describe, expect, it } from '@jest/globals';
import { record } from '../testing/fake-clients.js';
import { PartitionQueue } from './partition-queue.js';

describe('PartitionQueue', () => {
  const value = Buffer.alloc(100);

  it('is due by count, by bytes or by age', () => {
    const byCount = new PartitionQueue({ maxRecords: 2, maxBytes: 1e9, maxWaitMs: 1e9 });
    byCount.push(record(0, 0, value), 0);
    expect(byCount.isDue(0)).toBe(false);
    byCount.push(record(0, 1, value), 0);
    expect(byCount.isDue(0)).toBe(true);

    const byBytes = new PartitionQueue({ maxRecords: 100, maxBytes: 150, maxWaitMs: 1e9 });
    byBytes.push(record(0, 0, value), 0);
    expect(byBytes.isDue(0)).toBe(false);
    byBytes.push(record(0, 1, value), 0);
    expect(byBytes.isDue(0)).toBe(true);

    const byAge = new PartitionQueue({ maxRecords: 100, maxBytes: 1e9, maxWaitMs: 200 });
    byAge.push(record(0, 0, value), 1000);
    expect(byAge.isDue(1199)).toBe(false);
    expect(byAge.msUntilDue(1100)).toBe(100);
    expect(byAge.isDue(1200)).toBe(true);
    expect(byAge.isDue(1000, true)).toBe(true);
  });

  it('takes at most maxRecords, in offset order, and ignores offsets seen before', () => {
    const queue = new PartitionQueue({ maxRecords: 2, maxBytes: 1e9, maxWaitMs: 0 });
    for (const offset of [5, 6, 7]) expect(queue.push(record(0, offset, value), 0)).toBe(true);
    expect(queue.push(record(0, 6, value), 0)).toBe(false);
    expect(queue.take(0).map((r) => r.offset)).toEqual([5n, 6n]);
    expect(queue.take(0).map((r) => r.offset)).toEqual([7n]);
    expect(queue.push(record(0, 7, value), 0)).toBe(false);
    expect(queue.nextOffset).toBe(8n);
  });

  it('always takes at least one record even if it is larger than maxBytes', () => {
    const queue = new PartitionQueue({ maxRecords: 10, maxBytes: 10, maxWaitMs: 0 });
    queue.push(record(0, 0, value), 0);
    queue.push(record(0, 1, value), 0);
    expect(queue.take(0)).toHaveLength(1);
    expect(queue.clear()).toBe(1);
    expect(queue.length).toBe(0);
  });
});
