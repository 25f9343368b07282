import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Span, Tag, Trace } from '@skein/model';
import type { DependencyLink } from '../dependencies.js';
import { InvalidTraceQueryError } from '../errors.js';
import type { SpanReader } from '../span-reader.js';
import type { SpanWriter } from '../span-writer.js';
import type { StorageFactory } from '../storage-factory.js';
import { decodeLatencies, encodeLatencies } from '../span-metrics/latency-histogram.js';
import type { SpanMetricsRow } from '../span-metrics/span-metrics-store.js';
import type { TraceQuery } from '../trace-query.js';
import { summarizeTrace } from '../trace-summary.js';
import { loadFieldTypesFixture, loadSearchCorpus, type SearchCorpus } from './fixtures.js';
import { buildLargeTrace, buildSpan, hexId } from './span-builders.js';

/** A fresh, isolated backend for one test: its own file, keyspace or index prefix. */
export interface StorageUnderTest {
  storage: StorageFactory;
  /** Makes completed writes visible to readers (e.g. an Elasticsearch refresh). Called after every write. */
  afterWrite?: () => Promise<void>;
  /** Removes what the run left behind (temp directory, indices). Called after `storage.close()`. */
  dispose?: () => Promise<void>;
}

export interface ConformanceOptions {
  /** Per-test timeout in ms for the slower tests (large trace, concurrency). Default 60,000. */
  slowTestTimeoutMs?: number;
}

/**
 * Registers the storage conformance suite as Jest `describe`/`it` blocks. `createStorage` is called once per test
 * and must return storage nobody else sees. Every backend must pass all of it; tests that depend on a capability
 * (stored vs computed dependencies, sampling) pick the path the backend declares.
 */
export function runConformanceSuite(
  name: string,
  createStorage: () => Promise<StorageUnderTest>,
  options: ConformanceOptions = {},
): void {
  const slow = options.slowTestTimeoutMs ?? 60_000;

  describe(`${name} storage conformance`, () => {
    let underTest: StorageUnderTest | undefined;
    let writer: SpanWriter;
    let reader: SpanReader;
    let corpus: SearchCorpus;

    const storage = (): StorageFactory => {
      if (!underTest) throw new Error('storage under test was not created');
      return underTest.storage;
    };
    const write = async (spans: readonly Span[], through: SpanWriter = writer): Promise<void> => {
      await through.writeSpans(spans);
      await underTest?.afterWrite?.();
    };
    const writeCorpus = async (): Promise<void> => {
      const half = Math.ceil(corpus.spans.length / 2);
      await write(corpus.spans.slice(0, half));
      await write(corpus.spans.slice(half));
    };
    const findIds = (query: TraceQuery): Promise<string[]> => reader.findTraceIds(query);
    const ids = (...letters: Array<keyof SearchCorpus['traceIds']>): string[] =>
      letters.map((letter) => corpus.traceIds[letter]);

    beforeEach(async () => {
      underTest = await createStorage();
      writer = underTest.storage.createSpanWriter();
      reader = underTest.storage.createSpanReader();
      corpus = loadSearchCorpus();
    });

    afterEach(async () => {
      const finished = underTest;
      underTest = undefined;
      if (!finished) return;
      try {
        await finished.storage.close();
      } finally {
        await finished.dispose?.();
      }
    });

    describe('field round-trip', () => {
      it('returns every field of every span exactly as written', async () => {
        const spans = loadFieldTypesFixture();
        await write(spans);
        const trace = await reader.getTrace(spans[0]!.traceId);
        expect(trace).not.toBeNull();
        expect(normalizeTrace(trace!)).toEqual(normalizeTrace({ traceId: spans[0]!.traceId, spans }));
      });

      it('keeps int64 tags exact at ±2^63 and beyond 2^53, as bigints', async () => {
        const spans = loadFieldTypesFixture();
        await write(spans);
        const stored = (await reader.getTrace(spans[0]!.traceId))!.spans.find((s) => s.spanId === spans[0]!.spanId)!;
        const int64 = (key: string, tags: Tag[] = stored.tags): unknown => tags.find((t) => t.key === key)?.value;
        expect(int64('int64.max')).toBe(9223372036854775807n);
        expect(int64('int64.min')).toBe(-9223372036854775808n);
        expect(int64('beyond.2^53')).toBe(9007199254740993n);
        expect(int64('pid', stored.process.tags)).toBe(9223372036854775807n);
        expect(int64('big', stored.logs[0]!.fields)).toBe(-9223372036854775808n);
      });

      it('keeps binary, float specials, unicode, NUL and empty strings', async () => {
        const spans = loadFieldTypesFixture();
        await write(spans);
        const stored = (await reader.getTrace(spans[0]!.traceId))!.spans.find((s) => s.spanId === spans[0]!.spanId)!;
        const value = (key: string): unknown => stored.tags.find((t) => t.key === key)?.value;
        expect(Array.from(value('blob') as Uint8Array)).toEqual([0x00, 0xff, 0x01, 0x80]);
        expect(value('blob')).toBeInstanceOf(Uint8Array);
        expect((value('empty.blob') as Uint8Array).byteLength).toBe(0);
        expect(value('nan')).toBeNaN();
        expect(value('inf')).toBe(Infinity);
        expect(value('neg.inf')).toBe(-Infinity);
        expect(Object.is(value('neg.zero'), -0)).toBe(true);
        expect(value('unicode')).toBe('héllo 世界 🧵 \u202e');
        expect(value('nul')).toBe('a\u0000b');
        expect(value('empty')).toBe('');
        expect(stored.tags.filter((t) => t.key === 'dup').map((t) => t.value)).toEqual(['first', 'second']);
        expect(stored.process.serviceName).toBe('サービス-ü');
      });

      it('finds spans by int64, bool, float and binary tags through their Jaeger string rendering', async () => {
        const spans = loadFieldTypesFixture();
        await write(spans);
        const service = spans[0]!.process.serviceName;
        const traceId = spans[0]!.traceId;
        const renderings: Record<string, string> = {
          'int64.max': '9223372036854775807',
          'int64.min': '-9223372036854775808',
          'beyond.2^53': '9007199254740993',
          yes: 'true',
          no: 'false',
          ratio: '0.1',
          huge: '1e+21',
          integral: '3',
          tiny: '-2.5e-300',
          blob: '00ff0180',
          unicode: 'héllo 世界 🧵 \u202e',
        };
        for (const [key, rendered] of Object.entries(renderings)) {
          expect([key, await findIds({ serviceName: service, tags: { [key]: rendered } })]).toEqual([key, [traceId]]);
        }
        expect(await findIds({ serviceName: service, tags: { 'int64.max': '9223372036854775806' } })).toEqual([]);
        expect(await findIds({ serviceName: service, tags: { yes: 'True' } })).toEqual([]);
      });
    });

    describe('services and operations', () => {
      it('lists nothing before the first write', async () => {
        expect(await reader.getServices()).toEqual([]);
        expect(await reader.getOperations({ service: 'frontend' })).toEqual([]);
      });

      it('lists every service that wrote a span, once each', async () => {
        await writeCorpus();
        expect(sorted(await reader.getServices())).toEqual([
          'auth',
          'checkout',
          'frontend',
          'payments',
          'ranker',
          'scheduler',
          'worker',
        ]);
      });

      it('lists the operations of a service with their span kinds', async () => {
        await writeCorpus();
        expect(sortOperations(await reader.getOperations({ service: 'frontend' }))).toEqual([
          { name: 'GET /checkout', spanKind: 'server' },
          { name: 'GET /home', spanKind: 'server' },
          { name: 'POST /login', spanKind: 'server' },
        ]);
        expect(sortOperations(await reader.getOperations({ service: 'ranker' }))).toEqual([
          { name: 'x', spanKind: 'consumer' },
          { name: 'x', spanKind: 'producer' },
          { name: 'y', spanKind: '' },
        ]);
      });

      it('filters operations by span kind and returns [] for an unknown service', async () => {
        await writeCorpus();
        expect(await reader.getOperations({ service: 'ranker', spanKind: 'producer' })).toEqual([
          { name: 'x', spanKind: 'producer' },
        ]);
        expect(await reader.getOperations({ service: 'checkout', spanKind: 'client' })).toEqual([
          { name: 'place-order-db', spanKind: 'client' },
        ]);
        expect(await reader.getOperations({ service: 'ranker', spanKind: '' })).toEqual([{ name: 'y', spanKind: '' }]);
        expect(await reader.getOperations({ service: 'no-such-service' })).toEqual([]);
      });
    });

    describe('findTraces by one criterion', () => {
      beforeEach(writeCorpus);

      it('by service, most recent first', async () => {
        expect(await findIds({ serviceName: 'frontend' })).toEqual(ids('E', 'D', 'C', 'B', 'A'));
        expect(await findIds({ serviceName: 'checkout' })).toEqual(ids('B', 'A'));
        expect(await findIds({ serviceName: 'nobody' })).toEqual([]);
      });

      it('by operation', async () => {
        expect(await findIds({ serviceName: 'frontend', operationName: 'GET /checkout' })).toEqual(ids('B', 'A'));
        expect(await findIds({ serviceName: 'frontend', operationName: 'GET /home' })).toEqual(ids('E', 'C'));
        expect(await findIds({ serviceName: 'frontend', operationName: 'charge' })).toEqual([]);
        expect(await findIds({ serviceName: 'frontend', operationName: '' })).toHaveLength(5);
      });

      it('by a span tag', async () => {
        expect(await findIds({ serviceName: 'frontend', tags: { 'http.status_code': '500' } })).toEqual(ids('B'));
        expect(await findIds({ serviceName: 'frontend', tags: { 'http.method': 'POST' } })).toEqual(ids('D'));
        expect(await findIds({ serviceName: 'payments', tags: { error: 'true' } })).toEqual(ids('A'));
        expect(await findIds({ serviceName: 'payments', tags: { amount: '12.5' } })).toEqual(ids('A'));
      });

      it('by a process tag', async () => {
        expect(await findIds({ serviceName: 'frontend', tags: { 'host.name': 'web-2' } })).toEqual(ids('E', 'C'));
        expect(await findIds({ serviceName: 'checkout', tags: { 'host.name': 'checkout-2' } })).toEqual(ids('B'));
        expect(await findIds({ serviceName: 'payments', tags: { region: 'eu' } })).toEqual(ids('A'));
      });

      it('by a log field', async () => {
        expect(await findIds({ serviceName: 'frontend', tags: { event: 'auth-failed' } })).toEqual(ids('D'));
        expect(await findIds({ serviceName: 'frontend', tags: { user: 'alice' } })).toEqual(ids('D'));
        expect(await findIds({ serviceName: 'frontend', tags: { event: 'checkout-started' } })).toEqual(ids('A'));
      });

      it('matches a tag only on spans of the queried service', async () => {
        // customer.tier lives on checkout spans of traces A and B, never on a frontend span.
        expect(await findIds({ serviceName: 'frontend', tags: { 'customer.tier': 'gold' } })).toEqual([]);
        expect(await findIds({ serviceName: 'checkout', tags: { 'customer.tier': 'gold' } })).toEqual(ids('A'));
      });

      it('by start time window, both bounds inclusive', async () => {
        const t0 = corpus.baseTime;
        expect(
          await findIds({ serviceName: 'frontend', startTimeMin: t0 + 10_000_000, startTimeMax: t0 + 30_000_000 }),
        ).toEqual(ids('D', 'C', 'B'));
        expect(
          await findIds({ serviceName: 'frontend', startTimeMin: t0 + 10_000_001, startTimeMax: t0 + 29_999_999 }),
        ).toEqual(ids('C'));
        expect(await findIds({ serviceName: 'frontend', startTimeMin: t0 + 40_000_000 })).toEqual(ids('E'));
        expect(await findIds({ serviceName: 'frontend', startTimeMax: t0 + 1000 })).toEqual(ids('A'));
        expect(await findIds({ serviceName: 'frontend', startTimeMax: t0 + 999 })).toEqual([]);
      });

      it('by duration, both bounds inclusive', async () => {
        expect(await findIds({ serviceName: 'frontend', durationMin: 120_000 })).toEqual(ids('D', 'B'));
        expect(await findIds({ serviceName: 'frontend', durationMin: 120_001 })).toEqual(ids('D'));
        expect(await findIds({ serviceName: 'frontend', durationMax: 5_000 })).toEqual(ids('E', 'C'));
        expect(await findIds({ serviceName: 'frontend', durationMin: 50_000, durationMax: 50_000 })).toEqual(ids('A'));
      });
    });

    describe('findTraces with combined criteria', () => {
      beforeEach(writeCorpus);

      it('requires all tags on one span, not spread over the trace', async () => {
        // Trace E has GET on one span and 200 on another; only A and C have both on the same span.
        expect(
          await findIds({ serviceName: 'frontend', tags: { 'http.method': 'GET', 'http.status_code': '200' } }),
        ).toEqual(ids('C', 'A'));
      });

      it('requires every criterion on one span', async () => {
        const t0 = corpus.baseTime;
        const query: TraceQuery = {
          serviceName: 'frontend',
          operationName: 'GET /checkout',
          tags: { 'http.method': 'GET', 'host.name': 'web-1' },
          startTimeMin: t0,
          startTimeMax: t0 + 60_000_000,
          durationMin: 100_000,
        };
        expect(await findIds(query)).toEqual(ids('B'));
        expect(await findIds({ ...query, durationMin: 50_000, durationMax: 50_000 })).toEqual(ids('A'));
        // A tag of the checkout span (same trace, other service) cannot complete a frontend match.
        expect(await findIds({ ...query, tags: { 'customer.tier': 'silver' } })).toEqual([]);
        expect(await findIds({ ...query, startTimeMax: t0 + 9_999_999 })).toEqual([]);
      });

      it('returns whole traces spanning several services, in rank order', async () => {
        const traces = await reader.findTraces({ serviceName: 'payments' });
        expect(traces.map((t) => t.traceId)).toEqual(ids('A'));
        expect(traces[0]!.spans.map((s) => s.process.serviceName).sort()).toEqual([
          'checkout',
          'checkout',
          'frontend',
          'payments',
        ]);
        const expectedA = corpus.spans.filter((s) => s.traceId === corpus.traceIds.A);
        expect(normalizeTrace(traces[0]!)).toEqual(normalizeTrace({ traceId: corpus.traceIds.A, spans: expectedA }));
        const frontend = await reader.findTraces({ serviceName: 'frontend', limit: 2 });
        expect(frontend.map((t) => [t.traceId, t.spans.length])).toEqual([
          [corpus.traceIds.E, 2],
          [corpus.traceIds.D, 2],
        ]);
      });

      it('ranks a trace by its latest matching span, not its latest span', async () => {
        // G has a span at +45 s matching operation x and a later one at +55 s that does not; F matches at +50 s.
        expect(await findIds({ serviceName: 'ranker', operationName: 'x' })).toEqual(ids('F', 'G'));
        expect(await findIds({ serviceName: 'ranker' })).toEqual(ids('G', 'F'));
      });

      it('findTraceIds and findTraces agree', async () => {
        for (const query of [
          { serviceName: 'frontend' },
          { serviceName: 'checkout', limit: 1 },
          { serviceName: 'frontend', tags: { 'http.method': 'GET' } },
        ]) {
          const traces = await reader.findTraces(query);
          expect(traces.map((t) => t.traceId)).toEqual(await findIds(query));
        }
      });
    });

    describe('limit', () => {
      const manyTraces = (count: number, startTime: number): Span[] =>
        Array.from({ length: count }, (_, i) =>
          buildSpan(hexId(0x1e, i + 1, 32), hexId(0x1e, i + 1, 16), startTime + i * 1_000, { serviceName: 'limited' }),
        );

      it('returns the most recent N traces by span start time, whatever the write order', async () => {
        const spans = manyTraces(30, 1_700_000_000_000_000);
        await write([...spans].reverse().slice(0, 15));
        await write([...spans].reverse().slice(15));
        const expected = spans.slice(-7).reverse().map((s) => s.traceId);
        expect(await findIds({ serviceName: 'limited', limit: 7 })).toEqual(expected);
        expect(await findIds({ serviceName: 'limited', limit: 1 })).toEqual([spans[29]!.traceId]);
        expect(await findIds({ serviceName: 'limited', limit: 1000 })).toHaveLength(30);
      });

      it('applies the limit after the time window', async () => {
        const spans = manyTraces(30, 1_700_000_000_000_000);
        await write(spans);
        const window = { startTimeMin: spans[5]!.startTime, startTimeMax: spans[14]!.startTime };
        const found = await findIds({ serviceName: 'limited', ...window, limit: 4 });
        expect(found).toEqual(spans.slice(11, 15).reverse().map((s) => s.traceId));
      });

      it(`defaults to Jaeger's 100 traces`, async () => {
        const spans = manyTraces(101, 1_700_000_000_000_000);
        await write(spans);
        const found = await findIds({ serviceName: 'limited' });
        expect(found).toHaveLength(100);
        expect(found).not.toContain(spans[0]!.traceId);
        expect(found[0]).toBe(spans[100]!.traceId);
      });
    });

    describe('query validation', () => {
      const invalid: Array<[string, TraceQuery]> = [
        ['no service', { serviceName: '' }],
        ['no service with tags', { serviceName: '', tags: { a: 'b' } }],
        ['start min after max', { serviceName: 's', startTimeMin: 2, startTimeMax: 1 }],
        ['duration min above max', { serviceName: 's', durationMin: 2, durationMax: 1 }],
        ['zero limit', { serviceName: 's', limit: 0 }],
        ['negative limit', { serviceName: 's', limit: -1 }],
        ['fractional limit', { serviceName: 's', limit: 1.5 }],
        ['non-integer time', { serviceName: 's', startTimeMin: Number.NaN }],
      ];
      it.each(invalid)('rejects a query with %s', async (_label, query) => {
        await expect(reader.findTraceIds(query)).rejects.toBeInstanceOf(InvalidTraceQueryError);
        await expect(reader.findTraces(query)).rejects.toBeInstanceOf(InvalidTraceQueryError);
      });
    });

    describe('writes', () => {
      it('stores a span written twice once, across calls and within one batch', async () => {
        const span = corpus.spans[0]!;
        await write([span]);
        await write([structuredClone(span)]);
        await write([span, structuredClone(span)]);
        const trace = await reader.getTrace(span.traceId);
        expect(trace?.spans).toHaveLength(1);
        expect(await findIds({ serviceName: 'frontend' })).toEqual([span.traceId]);
      });

      it('keeps two different spans that share trace and span id (Zipkin shared spans)', async () => {
        const client = corpus.spans[0]!;
        const server: Span = {
          ...structuredClone(client),
          tags: [{ key: 'span.kind', type: 'string', value: 'client' }],
          process: { serviceName: 'edge', tags: [] },
        };
        await write([client, server]);
        await write([server]);
        const trace = await reader.getTrace(client.traceId);
        expect(trace?.spans.map((s) => s.process.serviceName).sort()).toEqual(['edge', 'frontend']);
      });

      it('accepts an empty batch', async () => {
        await write([]);
        expect(await reader.getServices()).toEqual([]);
      });

      it('does not keep references to the written objects', async () => {
        const span = structuredClone(corpus.spans[0]!);
        await write([span]);
        span.operationName = 'mutated';
        span.tags.length = 0;
        const stored = await reader.getTrace(span.traceId);
        expect(stored?.spans[0]?.operationName).toBe('GET /checkout');
        expect(stored?.spans[0]?.tags.length).toBeGreaterThan(0);
      });

      it(
        'takes concurrent writers without losing or duplicating spans',
        async () => {
          const writers = Array.from({ length: 6 }, () => storage().createSpanWriter());
          const traces = Array.from({ length: 60 }, (_, t) => {
            const traceId = hexId(0xc0, t + 1, 32);
            return Array.from({ length: 5 }, (_, s) =>
              buildSpan(traceId, hexId(0xc0 + s, t + 1, 16), 1_700_000_000_000_000 + t * 10_000 + s, {
                serviceName: 'concurrent',
              }),
            );
          });
          // Each writer gets every span of some traces, split across several batches, all in flight at once.
          await Promise.all(
            writers.map((w, index) => {
              const mine = traces.filter((_, t) => t % writers.length === index).flat();
              const batches = [0, 1, 2, 3].map((k) => mine.filter((_, i) => i % 4 === k));
              return Promise.all(batches.map((batch) => w.writeSpans(batch)));
            }),
          );
          await underTest?.afterWrite?.();
          const found = await findIds({ serviceName: 'concurrent', limit: 1000 });
          expect(sorted(found)).toEqual(sorted(traces.map((spans) => spans[0]!.traceId)));
          for (const spans of [traces[0]!, traces[31]!, traces[59]!]) {
            const stored = await reader.getTrace(spans[0]!.traceId);
            expect(sorted(stored!.spans.map((s) => s.spanId))).toEqual(sorted(spans.map((s) => s.spanId)));
          }
        },
        slow,
      );

      it(
        'returns a 10,000-span trace whole',
        async () => {
          const traceId = hexId(0xbeef, 1, 32);
          const spans = buildLargeTrace(traceId, 10_000, 1_700_000_000_000_000, 'big-trace');
          for (let i = 0; i < spans.length; i += 2_500) await write(spans.slice(i, i + 2_500));
          const trace = await reader.getTrace(traceId);
          expect(trace?.spans).toHaveLength(10_000);
          expect(new Set(trace!.spans.map((s) => s.spanId)).size).toBe(10_000);
          const probe = trace!.spans.find((s) => s.spanId === spans[9_999]!.spanId);
          expect(probe).toEqual(spans[9_999]);
          const found = await reader.findTraces({ serviceName: 'big-trace', tags: { index: '9999' } });
          expect(found.map((t) => t.spans.length)).toEqual([10_000]);
        },
        slow,
      );
    });

    describe('getTrace', () => {
      it('returns null for an unknown trace', async () => {
        await writeCorpus();
        expect(await reader.getTrace('0123456789abcdef0123456789abcdee')).toBeNull();
      });

      it('returns the whole trace across services', async () => {
        await writeCorpus();
        const trace = await reader.getTrace(corpus.traceIds.D);
        const expected = corpus.spans.filter((s) => s.traceId === corpus.traceIds.D);
        expect(normalizeTrace(trace!)).toEqual(normalizeTrace({ traceId: corpus.traceIds.D, spans: expected }));
      });

      it('honours a time-range hint whose inclusive bounds are the first and last span starts', async () => {
        await writeCorpus();
        const spans = corpus.spans.filter((s) => s.traceId === corpus.traceIds.A);
        const starts = spans.map((s) => s.startTime);
        const hint = { startTime: Math.min(...starts), endTime: Math.max(...starts) };
        const trace = await reader.getTrace(corpus.traceIds.A, hint);
        expect(normalizeTrace(trace!)).toEqual(normalizeTrace({ traceId: corpus.traceIds.A, spans }));
        expect((await reader.getTrace(corpus.traceIds.A, { startTime: hint.startTime }))?.spans).toHaveLength(4);
        expect((await reader.getTrace(corpus.traceIds.A, { endTime: hint.endTime }))?.spans).toHaveLength(4);
      });
    });

    describe('findTraceSummaries', () => {
      const t0 = 1_700_100_000_000_000;
      const traceId = hexId(0x5a, 1, 32);
      const spanId = (n: number): string => hexId(0x5b, n, 16);
      const childOf = (n: number) => [{ refType: 'CHILD_OF' as const, traceId, spanId: spanId(n) }];
      // A root, two children (one failing by a bool tag, one by OTel status), a grandchild failing by the string
      // "TRUE", a FOLLOWS_FROM span, an orphan whose parent was never stored and a span only referencing itself.
      const summarized = (): Span[] => [
        buildSpan(traceId, spanId(1), t0, { serviceName: 'edge', operationName: 'GET /', duration: 900 }),
        buildSpan(traceId, spanId(2), t0 + 10, {
          serviceName: 'api',
          operationName: 'list',
          references: childOf(1),
          tags: [{ key: 'error', type: 'bool', value: true }],
        }),
        buildSpan(traceId, spanId(3), t0 + 20, {
          serviceName: 'api',
          operationName: 'get',
          references: childOf(1),
          tags: [{ key: 'otel.status_code', type: 'string', value: 'ERROR' }],
        }),
        buildSpan(traceId, spanId(4), t0 + 30, {
          serviceName: 'db',
          operationName: 'query',
          references: childOf(2),
          duration: 5_000,
          tags: [{ key: 'error', type: 'string', value: 'TRUE' }],
        }),
        buildSpan(traceId, spanId(5), t0 + 40, {
          serviceName: 'db',
          operationName: 'flush',
          references: [{ refType: 'FOLLOWS_FROM', traceId, spanId: spanId(4) }],
          tags: [{ key: 'error', type: 'bool', value: false }],
        }),
        buildSpan(traceId, spanId(6), t0 - 500, { serviceName: 'queue', operationName: 'consume', references: childOf(99) }),
        buildSpan(traceId, spanId(7), t0 + 50, { serviceName: 'api', operationName: 'loop', references: childOf(7) }),
      ];

      it('summarises root, times, errors, orphans and services from the stored spans', async () => {
        const spans = summarized();
        await write(spans.slice(0, 3));
        await write([...spans.slice(3), spans[0]!]);
        const summaries = await reader.findTraceSummaries({ serviceName: 'api' });
        expect(summaries).toEqual([
          {
            traceId,
            rootServiceName: 'edge',
            rootOperationName: 'GET /',
            minStartTime: t0 - 500,
            maxEndTime: t0 + 30 + 5_000,
            spanCount: 7,
            errorSpanCount: 3,
            orphanSpanCount: 2,
            services: [
              { name: 'api', spanCount: 3, errorSpanCount: 2 },
              { name: 'db', spanCount: 2, errorSpanCount: 1 },
              { name: 'edge', spanCount: 1, errorSpanCount: 0 },
              { name: 'queue', spanCount: 1, errorSpanCount: 0 },
            ],
          },
        ]);
      });

      it('takes the earliest orphan as the root when no span is a true root', async () => {
        await write(summarized().slice(1));
        const [summary] = await reader.findTraceSummaries({ serviceName: 'db' });
        expect(summary).toMatchObject({ rootServiceName: 'queue', rootOperationName: 'consume', spanCount: 6, orphanSpanCount: 4 });
      });

      it('agrees with findTraceIds and with summarizeTrace of each whole trace', async () => {
        await writeCorpus();
        for (const query of [{ serviceName: 'frontend' }, { serviceName: 'payments' }, { serviceName: 'ranker', limit: 1 }]) {
          const summaries = await reader.findTraceSummaries(query);
          expect(summaries.map((summary) => summary.traceId)).toEqual(await findIds(query));
          const traces = await reader.findTraces(query);
          expect(summaries).toEqual(traces.map((trace) => summarizeTrace(trace.traceId, trace.spans)));
        }
        expect(await reader.findTraceSummaries({ serviceName: 'nobody' })).toEqual([]);
      });

      it(
        'counts every span of a 10,000-span trace',
        async () => {
          const bigId = hexId(0x5c, 1, 32);
          const spans = buildLargeTrace(bigId, 10_000, t0, 'big-summary');
          for (let i = 0; i < spans.length; i += 2_500) await write(spans.slice(i, i + 2_500));
          const [summary] = await reader.findTraceSummaries({ serviceName: 'big-summary' });
          expect(summary).toMatchObject({
            traceId: bigId,
            spanCount: 10_000,
            orphanSpanCount: 0,
            rootOperationName: 'step-0',
            minStartTime: t0,
            maxEndTime: Math.max(...spans.map((span) => span.startTime + span.duration)),
            services: [{ name: 'big-summary', spanCount: 10_000, errorSpanCount: 0 }],
          });
        },
        slow,
      );
    });

    describe('archive', () => {
      it('keeps a copied trace apart from the spans, once however often it is copied', async () => {
        const factory = storage();
        if (!factory.capabilities.archive) {
          // Without the capability there is no archive to write to: no creator, or one that refuses.
          if (factory.createArchiveSpanWriter) expect(() => factory.createArchiveSpanWriter!()).toThrow();
          return;
        }
        await writeCorpus();
        const spans = corpus.spans.filter((s) => s.traceId === corpus.traceIds.A);
        const archiveWriter = factory.createArchiveSpanWriter!();
        const archiveReader = factory.createArchiveSpanReader!();
        expect(await archiveReader.getTrace(corpus.traceIds.A)).toBeNull();
        await write(spans, archiveWriter);
        await write(spans, archiveWriter);
        const archived = await archiveReader.getTrace(corpus.traceIds.A);
        expect(normalizeTrace(archived!)).toEqual(normalizeTrace({ traceId: corpus.traceIds.A, spans }));
        expect(await archiveReader.getTrace(corpus.traceIds.B)).toBeNull();
        // The archive is not searched with the spans: each trace is still found once, with its spans once.
        const found = await reader.findTraces({ serviceName: 'payments' });
        expect(found.map((t) => [t.traceId, t.spans.length])).toEqual([[corpus.traceIds.A, spans.length]]);
        expect((await reader.findTraceSummaries({ serviceName: 'payments' }))[0]?.spanCount).toBe(spans.length);
      });

      it('serves an archived trace whose spans were never written to the span store', async () => {
        const factory = storage();
        if (!factory.capabilities.archive) return;
        const traceId = hexId(0xa7, 1, 32);
        const spans = [buildSpan(traceId, hexId(0xa7, 2, 16), 1_700_000_000_000_000, { serviceName: 'archived-only' })];
        await write(spans, factory.createArchiveSpanWriter!());
        expect((await factory.createArchiveSpanReader!().getTrace(traceId))?.spans).toHaveLength(1);
        expect(await reader.getTrace(traceId)).toBeNull();
        expect(await reader.findTraceIds({ serviceName: 'archived-only' })).toEqual([]);
      });
    });

    describe('dependencies', () => {
      const t0 = (): number => corpus.baseTime;
      const sortLinks = (links: DependencyLink[]): Array<[string, string, number]> =>
        links.map((l): [string, string, number] => [l.parent, l.child, l.callCount]).sort();

      it('counts cross-service CHILD_OF calls of traces in the window', async () => {
        if (storage().capabilities.dependencies === 'stored') {
          const depWriter = storage().createDependencyWriter?.();
          expect(depWriter).toBeDefined();
          await depWriter!.writeDependencies(t0() + 1_000, [
            { parent: 'frontend', child: 'checkout', callCount: 2 },
            { parent: 'checkout', child: 'payments', callCount: 1 },
          ]);
          await depWriter!.writeDependencies(t0() + 30_000_000, [{ parent: 'frontend', child: 'auth', callCount: 1 }]);
          await underTest?.afterWrite?.();
        } else {
          await writeCorpus();
        }
        const depReader = storage().createDependencyReader();
        expect(sortLinks(await depReader.getDependencies(t0() + 60_000_000, 61_000_000))).toEqual([
          ['checkout', 'payments', 1],
          ['frontend', 'auth', 1],
          ['frontend', 'checkout', 2],
        ]);
        // From +15 s: only trace D (frontend → auth); H's FOLLOWS_FROM and same-service calls never count.
        expect(sortLinks(await depReader.getDependencies(t0() + 60_000_000, 45_000_000))).toEqual([
          ['frontend', 'auth', 1],
        ]);
        expect(await depReader.getDependencies(t0() - 1, 1_000_000)).toEqual([]);
      });
    });

    describe('sampling store', () => {
      it('round-trips throughput buckets and the latest probabilities when supported', async () => {
        const sampling = storage().createSamplingStore?.();
        expect(sampling !== undefined).toBe(storage().capabilities.sampling);
        if (!sampling) return;
        const throughput = [{ service: 'frontend', operation: 'GET /', count: 42, probabilities: ['0.5'] }];
        await sampling.insertThroughput(1_000, throughput);
        await sampling.insertThroughput(2_000, [{ ...throughput[0]!, count: 7 }]);
        await sampling.insertThroughput(3_000, [{ ...throughput[0]!, count: 9 }]);
        await underTest?.afterWrite?.();
        const buckets = await sampling.getThroughput(1_000, 2_000);
        expect(buckets.map((b) => [b.timestamp, b.throughput[0]?.count])).toEqual([
          [1_000, 42],
          [2_000, 7],
        ]);
        expect(await sampling.getLatestProbabilities()).toEqual({});
        await sampling.insertProbabilitiesAndQps(5_000, 'host-a', { frontend: { 'GET /': 0.25 } }, { frontend: { 'GET /': 3 } });
        await sampling.insertProbabilitiesAndQps(6_000, 'host-a', { frontend: { 'GET /': 0.5 } }, { frontend: { 'GET /': 4 } });
        await underTest?.afterWrite?.();
        expect(await sampling.getLatestProbabilities()).toEqual({ frontend: { 'GET /': 0.5 } });
      });
    });

    describe('span metrics', () => {
      const row = (over: Partial<SpanMetricsRow>): SpanMetricsRow => ({
        id: 'writer-a-1',
        bucketStartMs: 1_700_000_040_000,
        bucketMs: 60_000,
        service: 'frontend',
        operation: 'GET /dispatch',
        spanKind: 'server',
        calls: 10,
        errors: 1,
        durationSumMicros: 123_456,
        latencies: encodeLatencies(new Map([[100, 7], [150, 3]])),
        ...over,
      });

      it('replaces rows by id and reads them by service, span kind and bucket start', async () => {
        const metricsWriter = storage().createSpanMetricsWriter?.();
        const metricsReader = storage().createSpanMetricsReader?.();
        expect(metricsWriter !== undefined && metricsReader !== undefined).toBe(storage().capabilities.spanMetrics);
        if (!metricsWriter || !metricsReader) return;
        const t = 1_700_000_040_000;
        await metricsWriter.writeSpanMetrics([
          row({}),
          row({ id: 'writer-b-1', calls: 4, errors: 0 }),
          row({ id: 'writer-a-2', bucketStartMs: t + 60_000, operation: 'GET /route', spanKind: 'client', calls: 2 }),
          row({ id: 'writer-a-3', bucketStartMs: t + 120_000, service: 'route' }),
          // A day later: another daily index on Elasticsearch/OpenSearch.
          row({ id: 'writer-a-4', bucketStartMs: t + 86_400_000, calls: 5 }),
        ]);
        // The same writer flushes its bucket again with more calls: the row is replaced, not added.
        await metricsWriter.writeSpanMetrics([row({ calls: 12, errors: 2 })]);
        await underTest?.afterWrite?.();
        const byId = (rows: SpanMetricsRow[]): SpanMetricsRow[] => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));

        const frontend = byId(await metricsReader.readSpanMetrics({ services: ['frontend'], startMs: t, endMs: t + 86_400_001 }));
        expect(frontend.map((r) => [r.id, r.calls, r.errors])).toEqual([
          ['writer-a-1', 12, 2],
          ['writer-a-2', 2, 1],
          ['writer-a-4', 5, 1],
          ['writer-b-1', 4, 0],
        ]);
        expect(frontend[0]).toEqual(row({ calls: 12, errors: 2 }));
        expect(decodeLatencies(frontend[0]!.latencies)).toEqual(new Map([[100, 7], [150, 3]]));

        // The end is exclusive, the start inclusive; span kinds filter.
        const servers = await metricsReader.readSpanMetrics({ services: ['frontend', 'route'], spanKinds: ['server'], startMs: t, endMs: t + 180_000 });
        expect(byId(servers).map((r) => r.id)).toEqual(['writer-a-1', 'writer-a-3', 'writer-b-1']);
        expect(await metricsReader.readSpanMetrics({ services: ['frontend'], startMs: t + 1, endMs: t + 60_000 })).toEqual([]);
        expect(await metricsReader.readSpanMetrics({ services: ['nobody'], startMs: 0, endMs: t * 2 })).toEqual([]);
      });
    });
  });
}

/** A trace in a canonical order (by span id, then content) with byte arrays as plain Uint8Arrays, for toEqual. */
export function normalizeTrace(trace: Trace): Trace {
  const spans = trace.spans.map((span) => ({
    ...span,
    tags: span.tags.map(plainTag),
    logs: span.logs.map((log) => ({ ...log, fields: log.fields.map(plainTag) })),
    process: { ...span.process, tags: span.process.tags.map(plainTag) },
  }));
  const sortKey = (span: Span): string => `${span.spanId} ${span.process.serviceName} ${span.operationName} ${span.startTime}`;
  spans.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  return { traceId: trace.traceId, spans };
}

function plainTag(tag: Tag): Tag {
  return tag.type === 'binary' ? { ...tag, value: Uint8Array.from(tag.value) } : tag;
}

function sorted(values: string[]): string[] {
  return [...values].sort();
}

function sortOperations<T extends { name: string; spanKind: string }>(operations: T[]): T[] {
  return [...operations].sort((a, b) =>
    a.name === b.name ? (a.spanKind < b.spanKind ? -1 : 1) : a.name < b.name ? -1 : 1,
  );
}
