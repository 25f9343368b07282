import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { kafkaProtobuf, otlpProto, ProtoWriter, WireType, type TranscodePlan } from '@skein/codecs';
import type { Tag } from '@skein/model';
import { createPipeline } from './pipeline.js';
import { DEFAULT_MIN_START_MICROS } from './validate.js';

/**
 * The OTLP fast path (`otlpProto.toKafkaProtobuf`) against the full path (decode → pipeline → `kafkaProtobuf`):
 * whenever the fast path answers, its records are the full path's byte for byte, and the full path had nothing to
 * refuse or repair. Payloads are built field by field here, so they can hold what real clients rarely send: fields
 * out of order or repeated, unknown fields, invalid UTF-8, a byte-order mark, zero and short ids.
 */

const NOW_MICROS = Date.UTC(2026, 5, 1) * 1000;
const HOUR_MICROS = 3_600_000_000;

type Field = (w: ProtoWriter) => void;

const bytesField = (field: number, value: Uint8Array): Field => (w) => void w.bytesField(field, value);
const message = (field: number, fields: Field[]): Field => (w) => {
  w.messageField(field);
  for (const write of fields) write(w);
  w.ldelim();
};
const encode = (fields: Field[]): Uint8Array => {
  const w = new ProtoWriter();
  for (const write of fields) write(w);
  return w.finish();
};
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Text as clients send it, and now and then bytes that are not clean UTF-8. */
const text = (): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    { weight: 60, arbitrary: fc.string({ maxLength: 12 }).map(utf8) },
    { weight: 12, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }).map(utf8) },
    { weight: 1, arbitrary: fc.string({ minLength: 20, maxLength: 40 }).map(utf8) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 4 }).map((s) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(s)])) },
  );
const nonEmptyText = (): fc.Arbitrary<Uint8Array> => fc.oneof({ weight: 30, arbitrary: fc.string({ minLength: 1, maxLength: 12 }).map(utf8) }, { weight: 1, arbitrary: text() });

const anyValueField = (depth: number): fc.Arbitrary<Field> =>
  fc.oneof(
    { weight: 30, arbitrary: text().map((v) => bytesField(1, v)) },
    { weight: 8, arbitrary: fc.boolean().map((v): Field => (w) => void w.tag(2, WireType.VARINT).bool(v)) },
    { weight: 8, arbitrary: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((v): Field => (w) => void w.tag(3, WireType.VARINT).int64(v)) },
    { weight: 8, arbitrary: fc.double().map((v): Field => (w) => void w.tag(4, WireType.FIXED64).double(v)) },
    { weight: 4, arbitrary: fc.uint8Array({ maxLength: 30 }).map((v) => bytesField(7, v)) },
    ...(depth > 0 ? [{ weight: 1, arbitrary: fc.array(anyValueField(depth - 1), { maxLength: 2 }).map((items) => message(5, items.map((item) => message(1, [item])))) }] : []),
  );
const anyValue = (): fc.Arbitrary<Field[]> => fc.array(anyValueField(1), { maxLength: 2 }); // none, one, or a repeated value

const keyValue = (key: fc.Arbitrary<Uint8Array> = nonEmptyText()): fc.Arbitrary<Field> =>
  fc.tuple(key, anyValue(), fc.boolean()).map(([k, value, keyLast]) => {
    const fields = [bytesField(1, k), message(2, value)];
    return (w: ProtoWriter) => {
      for (const write of keyLast ? fields.reverse() : fields) write(w);
    };
  });

const nanos = (micros: number, extra: number): bigint => BigInt(micros) * 1000n + BigInt(extra);
const fixed64 = (field: number, value: bigint): Field => (w) => void w.tag(field, WireType.FIXED64).fixed64(value);

const id = (width: number): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    { weight: 80, arbitrary: fc.uint8Array({ minLength: width, maxLength: width }).filter((b) => b.some((x) => x !== 0)) },
    { weight: 1, arbitrary: fc.constant(new Uint8Array(width)) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: width + 2 }) },
  );

const event = fc
  .tuple(fc.integer({ min: -HOUR_MICROS, max: HOUR_MICROS }), fc.integer({ min: 0, max: 999 }), text(), fc.array(keyValue(fc.oneof(nonEmptyText(), fc.constant(utf8('event')))), { maxLength: 3 }))
  .map(([offset, extra, name, attributes]) => message(11, [fixed64(1, nanos(NOW_MICROS + offset, extra)), bytesField(2, name), ...attributes.map((a) => (w: ProtoWriter) => void message(3, [a])(w))]));

const span = fc
  .record({
    traceId: id(16),
    spanId: id(8),
    parent: fc.oneof(fc.constant(undefined), id(8)),
    name: fc.oneof({ weight: 40, arbitrary: nonEmptyText() }, { weight: 1, arbitrary: fc.constant(new Uint8Array(0)) }),
    kind: fc.integer({ min: 0, max: 6 }),
    start: fc.oneof(
      { weight: 80, arbitrary: fc.integer({ min: -HOUR_MICROS, max: 60_000_000 }).map((o) => NOW_MICROS + o) },
      { weight: 1, arbitrary: fc.constantFrom(0, DEFAULT_MIN_START_MICROS - 1, NOW_MICROS + 48 * HOUR_MICROS) },
    ),
    startExtra: fc.integer({ min: 0, max: 999 }),
    duration: fc.oneof({ weight: 80, arbitrary: fc.integer({ min: 0, max: 5_000_000 }) }, { weight: 1, arbitrary: fc.constantFrom(-5, 30 * 24 * HOUR_MICROS) }),
    endExtra: fc.integer({ min: 0, max: 999 }),
    attributes: fc.array(keyValue(), { maxLength: 6 }),
    events: fc.array(event, { maxLength: 2 }),
    status: fc.option(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.option(text(), { nil: undefined })), { nil: undefined }),
    flags: fc.option(fc.integer({ min: 0, max: 0x303 }), { nil: undefined }),
    traceState: fc.option(text(), { nil: undefined }),
    links: fc.oneof(
      { weight: 8, arbitrary: fc.constant([]) },
      {
        weight: 2,
        arbitrary: fc.array(
          fc.record({
            target: fc.constantFrom('other', 'parent', 'self'),
            traceId: id(16),
            spanId: id(8),
            refType: fc.option(fc.constantFrom('child_of', 'follows_from', 'CHILD_OF'), { nil: undefined }),
            extra: fc.array(keyValue(), { maxLength: 1 }),
          }),
          { minLength: 1, maxLength: 2 },
        ),
      },
    ),
    unknown: fc.boolean(),
    order: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
  })
  .map((s): Field => {
    const fields: Field[] = [bytesField(1, s.traceId), bytesField(2, s.spanId), bytesField(5, s.name), (w) => void w.tag(6, WireType.VARINT).int32(s.kind)];
    if (s.parent) fields.push(bytesField(4, s.parent));
    fields.push(fixed64(7, nanos(s.start, s.startExtra)), fixed64(8, nanos(s.start + s.duration, s.endExtra)));
    for (const a of s.attributes) fields.push(message(9, [a]));
    fields.push(...s.events);
    if (s.status) {
      const [code, statusMessage] = s.status;
      fields.push(message(15, [(w) => void w.tag(3, WireType.VARINT).int32(code), ...(statusMessage ? [bytesField(2, statusMessage)] : [])]));
    }
    if (s.flags !== undefined) fields.push((w) => void w.tag(16, WireType.FIXED32).fixed32(s.flags!));
    if (s.traceState) fields.push(bytesField(3, s.traceState));
    for (const link of s.links) {
      const [traceId, spanId] = link.target === 'parent' && s.parent ? [s.traceId, s.parent] : link.target === 'self' ? [s.traceId, s.spanId] : [link.traceId, link.spanId];
      const refType = link.refType ? [message(4, [bytesField(1, utf8('opentracing.ref_type')), message(2, [bytesField(1, utf8(link.refType))])])] : [];
      fields.push(message(13, [bytesField(1, traceId), bytesField(2, spanId), ...link.extra.map((a) => message(4, [a])), ...refType]));
    }
    if (s.unknown) fields.push((w) => void w.tag(99, WireType.VARINT).uint32(7), (w) => void w.tag(10, WireType.VARINT).uint32(2));
    // Fields in any order, as protobuf allows: the attribute order among themselves stays (it is the tag order).
    const ranked = fields.map((write, i) => ({ write, rank: i < 4 ? (s.order[i] ?? 0) : i }));
    ranked.sort((a, b) => a.rank - b.rank);
    return message(2, ranked.map((r) => r.write));
  });

const scopeSpans = fc
  .tuple(fc.option(fc.tuple(text(), text()), { nil: undefined }), fc.array(span, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([scope, spans, legacy]): Field => message(legacy ? 1000 : 2, [...(scope ? [message(1, [bytesField(1, scope[0]), bytesField(2, scope[1])])] : []), ...spans]));

const serviceName = fc.oneof(
  { weight: 10, arbitrary: fc.string({ minLength: 1, maxLength: 10 }).map((s) => message(1, [bytesField(1, utf8('service.name')), message(2, [bytesField(1, utf8(s))])])) },
  { weight: 1, arbitrary: fc.constant(message(1, [bytesField(1, utf8('service.name')), message(2, [(w) => void w.tag(3, WireType.VARINT).uint32(5)])])) },
  { weight: 1, arbitrary: fc.constant<Field | undefined>(undefined) },
);
const resourceSpans = fc
  .tuple(fc.option(fc.tuple(serviceName, fc.array(keyValue(), { maxLength: 4 })), { nil: undefined }), fc.array(scopeSpans, { minLength: 1, maxLength: 2 }), fc.boolean())
  .map(([resource, scopes, resourceLast]): Field => {
    const fields: Field[] = [...scopes];
    if (resource) {
      const [name, attributes] = resource;
      const resourceField = message(1, [...(name ? [name] : []), ...attributes.map((a) => message(1, [a]))]);
      if (resourceLast) fields.push(resourceField);
      else fields.unshift(resourceField);
    }
    return message(1, fields);
  });
const payload = fc.array(resourceSpans, { minLength: 1, maxLength: 2 }).map(encode);

const collectorTags = fc.constantFrom<Tag[]>([], [{ key: 'cluster', type: 'string', value: 'eu-1' }], [{ key: 'service.version', type: 'string', value: 'x'.repeat(30) }]);

function plan(processTags: readonly Tag[]): TranscodePlan {
  return {
    nowMicros: NOW_MICROS,
    minStartMicros: DEFAULT_MIN_START_MICROS,
    maxFutureMicros: 24 * HOUR_MICROS,
    maxDurationMicros: 7 * 24 * HOUR_MICROS,
    maxTags: 12,
    maxTagValueLength: 24,
    maxSpanBytes: 1500,
    processTags,
  };
}

/** The full path's records, and whether it refused or repaired anything. */
function fullPath(bytes: Uint8Array, fastPlan: TranscodePlan): { records: Array<{ key: Buffer; value: Buffer }>; untouched: boolean; bytes: number } | undefined {
  let batch;
  try {
    batch = otlpProto.decode(bytes);
  } catch {
    return undefined;
  }
  let fixes = 0;
  const pipeline = createPipeline(
    {
      window: { minStartMicros: fastPlan.minStartMicros, maxFutureMicros: fastPlan.maxFutureMicros, maxDurationMicros: fastPlan.maxDurationMicros },
      limits: { maxTags: fastPlan.maxTags, maxTagValueLength: fastPlan.maxTagValueLength, maxSpanBytes: fastPlan.maxSpanBytes },
      collectorTags: fastPlan.processTags,
    },
    { onFix: () => fixes++, nowMicros: () => fastPlan.nowMicros },
  );
  const output = pipeline(batch.spans);
  const untouched = batch.rejected.length === 0 && output.rejected.length === 0 && fixes === 0 && output.spans.every((s) => s.warnings.length === 0);
  const records = kafkaProtobuf.encode(output.spans).map((m) => ({ key: Buffer.from(m.key), value: Buffer.from(m.value) }));
  return { records, untouched, bytes: output.bytes };
}

function expectSameAsFullPath(bytes: Uint8Array, fastPlan: TranscodePlan): 'fast' | 'full' {
  const fast = otlpProto.toKafkaProtobuf!(bytes, fastPlan);
  const full = fullPath(bytes, fastPlan);
  if (!fast) return 'full';
  expect(full).toBeDefined();
  expect(full!.untouched).toBe(true);
  expect(fast.records.map((r) => ({ key: Buffer.from(r.key), value: Buffer.from(r.value) }))).toEqual(full!.records);
  expect(fast.bytes).toBeGreaterThanOrEqual(full!.bytes);
  return 'fast';
}

describe('OTLP fast path into Kafka protobuf records', () => {
  it('gives the full path’s bytes whenever it answers (arbitrary payloads)', () => {
    const taken = { fast: 0, full: 0 };
    fc.assert(
      fc.property(payload, collectorTags, (bytes, tags) => {
        taken[expectSameAsFullPath(bytes, plan(tags))]++;
      }),
      { numRuns: Number(process.env.FAST_PATH_RUNS ?? 3000) },
    );
    // Both sides of the property were exercised, not one.
    expect(taken.fast).toBeGreaterThan(300);
    expect(taken.full).toBeGreaterThan(300);
  });

  it('gives the full path’s bytes, or leaves the payload to it, for corrupted payloads', () => {
    const corrupted = fc.tuple(payload, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'cut')), { minLength: 1, maxLength: 3 })).map(([bytes, edits]) => {
      let out = Array.from(bytes);
      for (const [at, value, edit] of edits) {
        const i = at % (out.length + 1);
        if (edit === 'set') out[Math.min(i, out.length - 1)] = value;
        else if (edit === 'insert') out.splice(i, 0, value);
        else out = out.slice(0, i);
      }
      return Uint8Array.from(out);
    });
    let fast = 0;
    fc.assert(
      fc.property(corrupted, (bytes) => {
        if (expectSameAsFullPath(bytes, plan([])) === 'fast') fast++;
      }),
      { numRuns: Number(process.env.FAST_PATH_RUNS ?? 3000) },
    );
    expect(fast).toBeGreaterThan(25);
  });

  it('answers for the common case: clean spans with every kind of scalar attribute, events, status, parents, links', () => {
    const tags: Tag[] = [{ key: 'cluster', type: 'string', value: 'eu-1' }];
    const attribute = (key: string, value: Field): Field => message(9, [bytesField(1, utf8(key)), message(2, [value])]);
    const oneSpan = (i: number): Field =>
      message(2, [
        bytesField(1, Uint8Array.from({ length: 16 }, (_, j) => j + 1)),
        bytesField(2, Uint8Array.from({ length: 8 }, (_, j) => j + 1 + i)),
        bytesField(4, Uint8Array.from({ length: 8 }, (_, j) => j + 100)),
        bytesField(5, utf8('GET /items/{id} — ✓')),
        (w) => void w.tag(6, WireType.VARINT).int32(2),
        fixed64(7, nanos(NOW_MICROS - 1000, 123)),
        fixed64(8, nanos(NOW_MICROS + 2_500_000, 7)),
        attribute('http.method', bytesField(1, utf8('GET'))),
        attribute('http.status_code', (w) => void w.tag(3, WireType.VARINT).int64(-200n)),
        attribute('ratio', (w) => void w.tag(4, WireType.FIXED64).double(-0)),
        attribute('retry', (w) => void w.tag(2, WireType.VARINT).bool(false)),
        attribute('blob', bytesField(7, new Uint8Array([0, 1, 2]))),
        message(11, [fixed64(1, nanos(NOW_MICROS, 5)), bytesField(2, utf8('exception')), message(3, [bytesField(1, utf8('exception.message')), message(2, [bytesField(1, utf8('boom'))])])]),
        message(15, [(w) => void w.tag(3, WireType.VARINT).int32(2), bytesField(2, utf8('failed'))]),
        // A link to another trace (FOLLOWS_FROM), and one to the parent that makes its reference FOLLOWS_FROM too.
        message(13, [bytesField(1, new Uint8Array(16).fill(7)), bytesField(2, new Uint8Array(8).fill(8))]),
        message(13, [
          bytesField(1, Uint8Array.from({ length: 16 }, (_, j) => j + 1)),
          bytesField(2, Uint8Array.from({ length: 8 }, (_, j) => j + 100)),
          message(4, [bytesField(1, utf8('opentracing.ref_type')), message(2, [bytesField(1, utf8('follows_from'))])]),
        ]),
        (w) => void w.tag(16, WireType.FIXED32).fixed32(0x301),
      ]);
    const bytes = encode([
      message(1, [
        message(1, [message(1, [bytesField(1, utf8('service.name')), message(2, [bytesField(1, utf8('shop'))])]), message(1, [bytesField(1, utf8('host.name')), message(2, [bytesField(1, utf8('pod-1'))])])]),
        message(2, [message(1, [bytesField(1, utf8('io.opentelemetry.http')), bytesField(2, utf8('1.2'))]), oneSpan(0), oneSpan(1)]),
      ]),
    ]);
    expect(expectSameAsFullPath(bytes, { ...plan(tags), maxTags: 20 })).toBe('fast');
    const fast = otlpProto.toKafkaProtobuf!(bytes, { ...plan(tags), maxTags: 20 })!;
    expect(fast.records).toHaveLength(2);
    expect(Buffer.from(fast.records[0]!.key).toString()).toBe('0102030405060708090a0b0c0d0e0f10');
  });

  it('leaves to the full path what it would refuse, repair or render', () => {
    const base = (spanFields: Field[], resource: Field[] = [message(1, [bytesField(1, utf8('service.name')), message(2, [bytesField(1, utf8('svc'))])])]): Uint8Array =>
      encode([message(1, [message(1, resource), message(2, [message(2, spanFields)])])]);
    const good: Field[] = [
      bytesField(1, new Uint8Array(16).fill(1)),
      bytesField(2, new Uint8Array(8).fill(2)),
      bytesField(5, utf8('op')),
      fixed64(7, nanos(NOW_MICROS, 0)),
      fixed64(8, nanos(NOW_MICROS + 10, 0)),
    ];
    const p = plan([]);
    expect(otlpProto.toKafkaProtobuf!(base(good), p)).toBeDefined();
    const cases: Record<string, Uint8Array> = {
      'zero trace id': base([bytesField(1, new Uint8Array(16)), ...good.slice(1)]),
      'short span id': base([good[0]!, bytesField(2, new Uint8Array(4).fill(1)), ...good.slice(2)]),
      'empty name': base([...good.slice(0, 2), ...good.slice(3)]),
      'invalid UTF-8 name': base([...good, bytesField(5, new Uint8Array([0x6f, 0xff]))]),
      'byte-order mark': base([...good, bytesField(5, new Uint8Array([0xef, 0xbb, 0xbf, 0x6f]))]),
      'end before start': base([...good, fixed64(8, nanos(NOW_MICROS - 10, 0))]),
      'start before 2000': base([...good, fixed64(7, 1n), fixed64(8, 2n)]),
      'array attribute': base([...good, message(9, [bytesField(1, utf8('list')), message(2, [message(5, [])])])]),
      'link without a span id': base([...good, message(13, [bytesField(1, new Uint8Array(16).fill(3))])]),
      'value over the length limit': base([...good, message(9, [bytesField(1, utf8('k')), message(2, [bytesField(1, utf8('v'.repeat(25)))])])]),
      'too many tags': base([...good, ...Array.from({ length: 13 }, (_, i) => message(9, [bytesField(1, utf8(`k${i}`))]))]),
      'empty service name': base(good, [message(1, [bytesField(1, utf8('service.name')), message(2, [bytesField(1, utf8(' '))])])]),
      'truncated payload': base(good).subarray(0, 30),
      'attribute key length over 31 bits': base([...good, message(9, [(w) => void w.raw(new Uint8Array([0x0a, 0x80, 0x80, 0x80, 0x80, 0x10]))])]),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      expect([name, otlpProto.toKafkaProtobuf!(bytes, p)]).toEqual([name, undefined]);
    }
  });
});
