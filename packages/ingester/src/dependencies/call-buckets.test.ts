import { describe, expect, it } from '@jest/globals';
import { CallBuckets, DOCUMENT_SPREAD_MICROS } from './call-buckets.js';

const MINUTE = 60_000_000;
const buckets = (overrides: Partial<ConstructorParameters<typeof CallBuckets>[0]> = {}): CallBuckets =>
  new CallBuckets({ bucketMicros: MINUTE, maxBuckets: 3, maxLinksPerBucket: 10, source: 'test', instanceOffsetMicros: 123, ...overrides });

describe('CallBuckets', () => {
  it('sums calls per bucket and pair, stamped just after the bucket start', () => {
    const b = buckets();
    b.add({ parent: 'a', child: 'b', timestampMicros: MINUTE + 5 });
    b.add({ parent: 'a', child: 'b', timestampMicros: MINUTE + 59_000_000 });
    b.add({ parent: 'a', child: 'c', timestampMicros: 2 * MINUTE });
    expect(b.takeChanged()).toEqual([
      { timestampMicros: MINUTE + 123, links: [{ parent: 'a', child: 'b', callCount: 2, source: 'test' }] },
      { timestampMicros: 2 * MINUTE + 124, links: [{ parent: 'a', child: 'c', callCount: 1, source: 'test' }] },
    ]);
  });

  it('reports only changed buckets, with running totals under the same timestamp', () => {
    const b = buckets();
    b.add({ parent: 'a', child: 'b', timestampMicros: 10 });
    const [first] = b.takeChanged();
    expect(b.takeChanged()).toEqual([]);
    b.add({ parent: 'a', child: 'b', timestampMicros: 20 });
    const [second] = b.takeChanged();
    expect(second!.timestampMicros).toBe(first!.timestampMicros);
    expect(second!.links[0]!.callCount).toBe(2);
    expect(first!.timestampMicros - 0).toBeLessThan(DOCUMENT_SPREAD_MICROS);
  });

  it('offers failed snapshots again on the next take', () => {
    const b = buckets();
    b.add({ parent: 'a', child: 'b', timestampMicros: 10 });
    const failed = b.takeChanged();
    b.restore(failed);
    expect(b.takeChanged()).toEqual(failed);
  });

  it('evicts the oldest bucket beyond maxBuckets, handing out its last totals once', () => {
    const b = buckets({ maxBuckets: 2 });
    for (let minute = 0; minute < 3; minute++) b.add({ parent: 'a', child: 'b', timestampMicros: minute * MINUTE });
    expect(b.bucketCount).toBe(2);
    expect(b.takeChanged().map((s) => Math.floor(s.timestampMicros / MINUTE))).toEqual([0, 1, 2]);
    // A late call for the evicted minute starts a new incarnation with its own timestamp (no overwrite of the old one).
    b.add({ parent: 'a', child: 'b', timestampMicros: 5 });
    const [late] = b.takeChanged().filter((s) => s.timestampMicros < MINUTE);
    expect(late!.timestampMicros).not.toBe(123);
    expect(late!.links[0]!.callCount).toBe(1);
  });

  it('drops calls of new pairs once a bucket holds maxLinksPerBucket pairs', () => {
    const b = buckets({ maxLinksPerBucket: 1 });
    b.add({ parent: 'a', child: 'b', timestampMicros: 1 });
    b.add({ parent: 'a', child: 'c', timestampMicros: 1 });
    b.add({ parent: 'a', child: 'b', timestampMicros: 1 });
    expect(b.droppedCalls).toBe(1);
    expect(b.takeChanged()[0]!.links).toEqual([{ parent: 'a', child: 'b', callCount: 2, source: 'test' }]);
  });
});
