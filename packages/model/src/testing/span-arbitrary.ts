/** fast-check arbitraries for the model's own property tests (not built, not exported). */
import fc from 'fast-check';
import type { Log, Process, Span, SpanReference, Tag } from '../span.js';

const hexDigits = (length: number): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom(...'0123456789abcdef'), { minLength: length, maxLength: length })
    .map((digits) => digits.join(''))
    .filter((hex) => /[1-9a-f]/.test(hex));

/** Canonical trace ids, a third of them 64-bit (zero high half) as older Jaeger clients send. */
export const traceIdArb: fc.Arbitrary<string> = fc.oneof(
  hexDigits(32),
  hexDigits(16).map((low) => `0000000000000000${low}`),
);
export const spanIdArb: fc.Arbitrary<string> = hexDigits(16);

const textArb = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }), fc.constant(''));

export const int64Arb: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.constantFrom(-(2n ** 63n), 2n ** 63n - 1n, 2n ** 53n, -(2n ** 53n), 2n ** 53n - 1n, 0n, -1n),
);

export const tagArb: fc.Arbitrary<Tag> = fc.oneof(
  fc.record({ key: textArb, type: fc.constant('string' as const), value: textArb }),
  fc.record({ key: textArb, type: fc.constant('bool' as const), value: fc.boolean() }),
  fc.record({ key: textArb, type: fc.constant('int64' as const), value: int64Arb }),
  // -0 is written as 0 in JSON (documented), so it is left out of exact round trips.
  fc.record({ key: textArb, type: fc.constant('float64' as const), value: fc.double().filter((v) => !Object.is(v, -0)) }),
  fc.record({ key: textArb, type: fc.constant('binary' as const), value: fc.uint8Array({ maxLength: 20 }) }),
);

const micros = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

const processArb: fc.Arbitrary<Process> = fc.record({
  serviceName: fc.constantFrom('frontend', 'orders', '', 'сервис'),
  tags: fc.array(tagArb, { maxLength: 2 }),
});

const logArb: fc.Arbitrary<Log> = fc.record({ timestamp: micros, fields: fc.array(tagArb, { maxLength: 3 }) });

const referenceArb: fc.Arbitrary<SpanReference> = fc.record({
  refType: fc.constantFrom('CHILD_OF' as const, 'FOLLOWS_FROM' as const),
  traceId: traceIdArb,
  spanId: spanIdArb,
});

export const spanArb: fc.Arbitrary<Span> = fc.record({
  traceId: traceIdArb,
  spanId: spanIdArb,
  operationName: textArb,
  references: fc.array(referenceArb, { maxLength: 2 }),
  flags: fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 0, max: 0xffff_ffff })),
  startTime: micros,
  duration: micros,
  tags: fc.array(tagArb, { maxLength: 5 }),
  logs: fc.array(logArb, { maxLength: 2 }),
  process: processArb,
  warnings: fc.array(textArb, { maxLength: 2 }),
});

/** A small valid span to start tests from. */
export function sampleSpan(overrides: Partial<Span> = {}): Span {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    operationName: 'GET /orders',
    references: [{ refType: 'CHILD_OF', traceId: '0af7651916cd43dd8448eb211c80319c', spanId: '00f067aa0ba902b7' }],
    flags: 1,
    startTime: 1_729_181_197_748_657,
    duration: 1503,
    tags: [
      { key: 'http.status_code', type: 'int64', value: 200n },
      { key: 'error', type: 'bool', value: false },
    ],
    logs: [{ timestamp: 1_729_181_197_749_000, fields: [{ key: 'event', type: 'string', value: 'cache miss' }] }],
    process: { serviceName: 'orders', tags: [{ key: 'host.name', type: 'string', value: 'orders-1' }] },
    warnings: [],
    ...overrides,
  };
}
