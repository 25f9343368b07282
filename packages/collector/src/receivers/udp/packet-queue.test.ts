import { describe, expect, it } from '@jest/globals';
import { BoundedPacketQueue } from './packet-queue.js';

describe('BoundedPacketQueue', () => {
  it('keeps FIFO order and refuses items past its capacity', () => {
    const queue = new BoundedPacketQueue<number>(3);
    expect([1, 2, 3, 4].map((n) => queue.offer(n))).toEqual([true, true, true, false]);
    expect(queue.length).toBe(3);
    expect([queue.poll(), queue.poll()]).toEqual([1, 2]);
    expect(queue.offer(5)).toBe(true);
    expect(queue.offer(6)).toBe(true);
    expect(queue.offer(7)).toBe(false);
    expect([queue.poll(), queue.poll(), queue.poll(), queue.poll()]).toEqual([3, 5, 6, undefined]);
  });

  it('hands an item straight to a waiting taker without using capacity', async () => {
    const queue = new BoundedPacketQueue<string>(1);
    const taken = queue.take();
    expect(queue.offer('a')).toBe(true);
    expect(queue.length).toBe(0);
    expect(await taken).toBe('a');
  });

  it('close wakes waiting takers with undefined; queued items can still be taken', async () => {
    const queue = new BoundedPacketQueue<string>(2);
    queue.offer('x');
    queue.close();
    expect(queue.offer('y')).toBe(false);
    expect(await queue.take()).toBe('x');
    expect(await queue.take()).toBeUndefined();
    const other = new BoundedPacketQueue<string>(2);
    const waiting = other.take();
    other.close();
    expect(await waiting).toBeUndefined();
  });

  it('clear discards and counts what was queued', () => {
    const queue = new BoundedPacketQueue<number>(4);
    queue.offer(1);
    queue.offer(2);
    expect(queue.clear()).toBe(2);
    expect(queue.length).toBe(0);
  });

  it('rejects a capacity that is not a whole number ≥ 1', () => {
    expect(() => new BoundedPacketQueue(0)).toThrow(RangeError);
    expect(() => new BoundedPacketQueue(1.5)).toThrow('queue capacity must be a whole number ≥ 1, got 1.5');
  });
});
