import { describe, expect, it } from '@jest/globals';
import type { Span } from '@skein/model';
import { buildSpan, hexId } from '../testing/index.js';
import { MemorySpanStore } from './memory-span-store.js';
import { mergeOperations, mergeRankedTraces, mergeServices, mergeTraceShares } from './shard-merge.js';

/** A seeded generator, so that a failure replays. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE = 1_700_000_000_000_000;

/** 60 traces of 1–6 spans over 3 services, 4 operations and a tag with 3 values, start times colliding often. */
function corpus(random: () => number): Span[] {
  const spans: Span[] = [];
  for (let trace = 0; trace < 60; trace++) {
    const size = 1 + Math.floor(random() * 6);
    for (let index = 0; index < size; index++) {
      spans.push(
        buildSpan(hexId(0xa, trace, 32), hexId(0xb, trace * 10 + index, 16), BASE + Math.floor(random() * 40) * 1000, {
          serviceName: `svc-${Math.floor(random() * 3)}`,
          operationName: `op-${Math.floor(random() * 4)}`,
          duration: 1 + Math.floor(random() * 5_000),
          tags: [{ key: 'color', type: 'string', value: ['red', 'green', 'blue'][Math.floor(random() * 3)]! }],
        }),
      );
    }
  }
  return spans;
}

describe('searching a memory store split into shards', () => {
  it('finds exactly what one store holding every span finds, for any split of the spans (200 random splits and queries)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = generator(seed);
      const spans = corpus(random);
      const whole = new MemorySpanStore(1_000);
      whole.write(spans);
      const shards = [new MemorySpanStore(1_000), new MemorySpanStore(1_000), new MemorySpanStore(1_000)];
      for (const span of spans) shards[Math.floor(random() * shards.length)]!.write([span]);

      const query = {
        serviceName: `svc-${Math.floor(random() * 3)}`,
        ...(random() < 0.5 ? { operationName: `op-${Math.floor(random() * 4)}` } : {}),
        ...(random() < 0.5 ? { tags: { color: 'red' } } : {}),
        ...(random() < 0.3 ? { durationMin: 2_000 } : {}),
        limit: 1 + Math.floor(random() * 12),
      };
      const merged = mergeRankedTraces(
        shards.map((shard) => shard.rankTraces(query)),
        query.limit,
      ).map((ranked) => ranked.traceId);
      expect({ seed, ids: merged }).toEqual({ seed, ids: whole.findTraceIds(query) });
    }
  });

  it('merges a trace from its shares: each span once, a retried copy dropped, same-id spans that differ kept', () => {
    const traceId = hexId(0xc, 1, 32);
    const a = buildSpan(traceId, hexId(0xd, 1, 16), BASE);
    const b = buildSpan(traceId, hexId(0xd, 2, 16), BASE + 1);
    const zipkinServer = buildSpan(traceId, hexId(0xd, 1, 16), BASE, { serviceName: 'server-side' });
    const merged = mergeTraceShares(traceId, [[a, b], [structuredClone(a)], [zipkinServer], []]);
    expect(merged?.spans.map((span) => `${span.spanId}/${span.process.serviceName}`).sort()).toEqual([
      `${hexId(0xd, 1, 16)}/generated`,
      `${hexId(0xd, 1, 16)}/server-side`,
      `${hexId(0xd, 2, 16)}/generated`,
    ]);
    expect(mergeTraceShares(traceId, [[], []])).toBeNull();
  });

  it('merges services and operations: each once, sorted', () => {
    expect(mergeServices([['b', 'a'], ['c', 'a'], []])).toEqual(['a', 'b', 'c']);
    expect(
      mergeOperations([
        [
          { name: 'GET', spanKind: 'server' },
          { name: 'db', spanKind: 'client' },
        ],
        [
          { name: 'GET', spanKind: 'server' },
          { name: 'GET', spanKind: '' },
        ],
      ]),
    ).toEqual([
      { name: 'GET', spanKind: '' },
      { name: 'GET', spanKind: 'server' },
      { name: 'db', spanKind: 'client' },
    ]);
  });

  it('lists the traces with a span starting in a window, as the dependency graph counts them', () => {
    const store = new MemorySpanStore(10);
    store.write([buildSpan(hexId(0xe, 1, 32), hexId(0xe, 1, 16), BASE), buildSpan(hexId(0xe, 2, 32), hexId(0xe, 2, 16), BASE + 5_000)]);
    expect(store.traceIdsStartingIn(BASE + 1, BASE + 5_000)).toEqual([hexId(0xe, 2, 32)]);
    expect(store.traceIdsStartingIn(BASE, BASE + 5_000).sort()).toEqual([hexId(0xe, 1, 32), hexId(0xe, 2, 32)]);
  });
});
