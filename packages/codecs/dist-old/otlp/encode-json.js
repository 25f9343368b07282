import { bytesToBase64 } from '../protobuf/index.js';
import { spansToOtlp } from './from-model.js';
/**
 * OTLP/JSON as the spec (and Jaeger's /api/v3) writes it: hex ids, enums as integers, 64-bit integers as decimal
 * strings, bytes as base64, zero values omitted.
 */
const encoder = new TextEncoder();
const nanosText = (micros) => (micros === 0 ? '0' : `${BigInt(micros) * 1000n}`);
export function attributeToJson(tag) {
    let value;
    switch (tag.type) {
        case 'string':
            value = { stringValue: tag.value };
            break;
        case 'bool':
            value = { boolValue: tag.value };
            break;
        case 'int64':
            value = { intValue: tag.value.toString() };
            break;
        case 'float64':
            value = { doubleValue: Number.isFinite(tag.value) ? tag.value : String(tag.value) };
            break;
        case 'binary':
            value = { bytesValue: bytesToBase64(tag.value) };
            break;
    }
    return { key: tag.key, value };
}
function spanToJson(span) {
    const out = { traceId: span.traceId, spanId: span.spanId };
    if (span.traceState)
        out.traceState = span.traceState;
    if (span.parentSpanId)
        out.parentSpanId = span.parentSpanId;
    if (span.flags)
        out.flags = span.flags;
    out.name = span.name;
    out.kind = span.kind;
    out.startTimeUnixNano = nanosText(span.startMicros);
    out.endTimeUnixNano = nanosText(span.endMicros);
    if (span.attributes.length)
        out.attributes = span.attributes.map(attributeToJson);
    if (span.events.length) {
        out.events = span.events.map((event) => {
            const e = { timeUnixNano: nanosText(event.timeMicros) };
            if (event.name)
                e.name = event.name;
            if (event.attributes.length)
                e.attributes = event.attributes.map(attributeToJson);
            return e;
        });
    }
    if (span.links.length) {
        out.links = span.links.map((link) => ({
            traceId: link.traceId,
            spanId: link.spanId,
            attributes: link.attributes.map(attributeToJson),
        }));
    }
    const status = {};
    if (span.statusMessage)
        status.message = span.statusMessage;
    if (span.statusCode)
        status.code = span.statusCode;
    out.status = status;
    return out;
}
/** The OTLP JSON object `{resourceSpans: [...]}` (`TracesData` / `ExportTraceServiceRequest`). */
export function spansToOtlpJsonValue(spans) {
    return {
        resourceSpans: spansToOtlp(spans).map((resource) => ({
            resource: { attributes: resource.attributes.map(attributeToJson) },
            scopeSpans: resource.scopes.map((scope) => {
                const sc = {};
                if (scope.name)
                    sc.name = scope.name;
                if (scope.version)
                    sc.version = scope.version;
                return { scope: sc, spans: scope.spans.map(spanToJson) };
            }),
        })),
    };
}
export function encodeOtlpJson(spans) {
    return encoder.encode(JSON.stringify(spansToOtlpJsonValue(spans)));
}
//# sourceMappingURL=encode-json.js.map