/** fast-check generators of model spans for the protobuf-family codec tests (test-only module). */
import fc from 'fast-check';
const hexId = (chars) => fc
    .string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: chars, maxLength: chars })
    .filter((id) => /[1-9a-f]/.test(id));
export const traceIdArb = hexId(32);
export const spanIdArb = hexId(16);
/** Keys that no translation treats specially (prefixed so `span.kind`, `error`, … never come up at random). */
const keyArb = fc.string({ unit: 'grapheme', maxLength: 12 }).map((k) => `k.${k}`);
export const tagArb = fc.oneof(fc.record({ key: keyArb, type: fc.constant('string'), value: fc.string({ unit: 'grapheme', maxLength: 20 }) }), fc.record({ key: keyArb, type: fc.constant('bool'), value: fc.boolean() }), fc.record({
    key: keyArb,
    type: fc.constant('int64'),
    value: fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.constantFrom(-(2n ** 63n), 2n ** 63n - 1n, 0n)),
}), fc.record({ key: keyArb, type: fc.constant('float64'), value: fc.double({ noNaN: true }).map((v) => (v === 0 ? 0 : v)) }), fc.record({ key: keyArb, type: fc.constant('binary'), value: fc.uint8Array({ maxLength: 16 }) }));
const micros = fc.integer({ min: 0, max: 4_102_444_800_000_000 }); // up to 2100-01-01
export const processArb = fc.record({
    serviceName: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
    tags: fc.array(tagArb, { maxLength: 3 }),
});
const logArb = fc.record({ timestamp: micros, fields: fc.array(tagArb, { maxLength: 3 }) });
/** Spans with unique span ids (index-suffixed) so tests can match them up after regrouping. */
export function spansArb(options = {}) {
    const one = fc.record({
        traceId: traceIdArb,
        spanId: spanIdArb,
        operationName: fc.string({ unit: 'grapheme', maxLength: 16 }),
        parent: fc.option(spanIdArb, { nil: undefined }),
        extraRefs: fc.array(fc.record({ refType: fc.constant('FOLLOWS_FROM'), traceId: traceIdArb, spanId: spanIdArb }), { maxLength: 2 }),
        flags: options.flags ?? fc.integer({ min: 0, max: 0xffff }),
        startTime: micros,
        duration: fc.integer({ min: 0, max: 10_000_000_000 }),
        tags: fc.array(tagArb, { maxLength: 5 }),
        logs: fc.array(logArb, { maxLength: 2 }),
        process: processArb,
    });
    return fc.array(one, { minLength: 1, maxLength: 6 }).map((items) => items.map((item, index) => {
        const spanId = `${item.spanId.slice(0, 13)}${index.toString(16).padStart(3, '0')}`;
        const references = [];
        if (item.parent && item.parent !== spanId)
            references.push({ refType: 'CHILD_OF', traceId: item.traceId, spanId: item.parent });
        references.push(...item.extraRefs);
        return {
            traceId: item.traceId,
            spanId: /[1-9a-f]/.test(spanId) ? spanId : `${spanId.slice(0, 15)}1`,
            operationName: item.operationName,
            references,
            flags: item.flags,
            startTime: item.startTime,
            duration: item.duration,
            tags: item.tags,
            logs: item.logs,
            process: item.process,
            warnings: [],
        };
    }));
}
export const bySpanId = (spans) => [...spans].sort((a, b) => (a.spanId < b.spanId ? -1 : 1));
//# sourceMappingURL=arbitrary-spans.js.map