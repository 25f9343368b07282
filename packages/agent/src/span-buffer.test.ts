import { describe, expect, it } from '@jest/globals';
import { benchmarkSpan, type Span } from '@skein/model';
import { SpanBuffer } from './span-buffer.js';

const spans = (count: number, from = 0): Span[] =>
  Array.from({ length: count }, (_, i) => benchmarkSpan('0af7651916cd43dd8448eb211c80319c', (from + i + 1).toString(16).padStart(16, '0'), from + i, 1_700_000_000_000_000, `r${i}`));
const ids = (batch: { spans: Span[] } | undefined) => batch?.spans.map((span) => Number.parseInt(span.spanId, 16)) ?? [];

describe('SpanBuffer', () => {
  it('hands spans out in arrival order, across offers, at most max at a time', async () => {
    const buffer = new SpanBuffer({ spans: 100, bytes: 1e9 });
    expect(buffer.offer(spans(3, 0), 300)).toBe(true);
    expect(buffer.offer(spans(4, 3), 400)).toBe(true);
    const first = await buffer.take(5);
    expect(ids(first)).toEqual([1, 2, 3, 4, 5]);
    expect(first!.bytes).toBe(500);
    expect(ids(await buffer.take(5))).toEqual([6, 7]);
    expect(buffer.waiting).toBe(0);
    expect(buffer.spans).toBe(7);
  });

  it('counts spans being sent against the bound until they are released, and refuses what does not fit whole', async () => {
    const buffer = new SpanBuffer({ spans: 5, bytes: 1e9 });
    expect(buffer.offer(spans(4), 40)).toBe(true);
    const taken = (await buffer.take(10))!;
    expect(buffer.offer(spans(2), 20)).toBe(false);
    expect(buffer.offer(spans(1), 10)).toBe(true);
    buffer.release(taken);
    expect(buffer.spans).toBe(1);
    expect(buffer.offer(spans(4), 40)).toBe(true);
    expect(buffer.offer(spans(1), 10)).toBe(false);
  });

  it('holds to the byte bound as well', () => {
    const buffer = new SpanBuffer({ spans: 1_000, bytes: 1_000 });
    expect(buffer.offer(spans(2), 900)).toBe(true);
    expect(buffer.offer(spans(1), 200)).toBe(false);
    expect(buffer.bytes).toBe(900);
  });

  it('wakes a waiting taker on offer, and after close drains what is left before answering undefined', async () => {
    const buffer = new SpanBuffer({ spans: 100, bytes: 1e9 });
    const waiting = buffer.take(10);
    buffer.offer(spans(2), 20);
    expect(ids(await waiting)).toEqual([1, 2]);
    buffer.offer(spans(3, 2), 30);
    buffer.close();
    expect(buffer.offer(spans(1), 10)).toBe(false);
    expect(ids(await buffer.take(10))).toEqual([3, 4, 5]);
    expect(await buffer.take(10)).toBeUndefined();
  });

  it('discards waiting spans at the deadline and frees their room, leaving spans in flight counted', async () => {
    const buffer = new SpanBuffer({ spans: 100, bytes: 1e9 });
    buffer.offer(spans(6), 60);
    const inFlight = (await buffer.take(2))!;
    expect(buffer.discardWaiting()).toBe(4);
    expect(buffer.spans).toBe(2);
    expect(buffer.bytes).toBe(20);
    buffer.release(inFlight);
    expect(buffer.spans).toBe(0);
  });
});
