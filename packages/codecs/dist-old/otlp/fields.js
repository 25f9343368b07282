/**
 * Field numbers of opentelemetry-proto: collector/trace/v1/trace_service.proto, trace/v1/trace.proto,
 * common/v1/common.proto, resource/v1/resource.proto.
 */
export const ExportRequestField = { resourceSpans: 1 };
export const ExportResponseField = { partialSuccess: 1 };
export const PartialSuccessField = { rejectedSpans: 1, errorMessage: 2 };
/** `instrumentationLibrarySpans` (1000) is the pre-1.0 name of scope spans; old SDKs still send it. */
export const ResourceSpansField = { resource: 1, scopeSpans: 2, schemaUrl: 3, instrumentationLibrarySpans: 1000 };
export const ResourceField = { attributes: 1, droppedAttributesCount: 2 };
export const ScopeSpansField = { scope: 1, spans: 2, schemaUrl: 3 };
export const ScopeField = { name: 1, version: 2, attributes: 3, droppedAttributesCount: 4 };
export const SpanField = {
    traceId: 1,
    spanId: 2,
    traceState: 3,
    parentSpanId: 4,
    name: 5,
    kind: 6,
    startTimeUnixNano: 7,
    endTimeUnixNano: 8,
    attributes: 9,
    droppedAttributesCount: 10,
    events: 11,
    droppedEventsCount: 12,
    links: 13,
    droppedLinksCount: 14,
    status: 15,
    flags: 16,
};
export const EventField = { timeUnixNano: 1, name: 2, attributes: 3, droppedAttributesCount: 4 };
export const LinkField = { traceId: 1, spanId: 2, traceState: 3, attributes: 4, droppedAttributesCount: 5, flags: 6 };
export const StatusField = { message: 2, code: 3 };
export const KeyValueField = { key: 1, value: 2 };
export const AnyValueField = {
    stringValue: 1,
    boolValue: 2,
    intValue: 3,
    doubleValue: 4,
    arrayValue: 5,
    kvlistValue: 6,
    bytesValue: 7,
};
/** ArrayValue.values and KeyValueList.values. */
export const ValuesField = { values: 1 };
export const SpanKind = { UNSPECIFIED: 0, INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 };
export const SPAN_KIND_NAMES = [
    'SPAN_KIND_UNSPECIFIED',
    'SPAN_KIND_INTERNAL',
    'SPAN_KIND_SERVER',
    'SPAN_KIND_CLIENT',
    'SPAN_KIND_PRODUCER',
    'SPAN_KIND_CONSUMER',
];
export const StatusCode = { UNSET: 0, OK: 1, ERROR: 2 };
export const STATUS_CODE_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'];
/** W3C trace-flags "sampled" bit inside OTLP `Span.flags`. */
export const SPAN_FLAGS_SAMPLED = 0x01;
//# sourceMappingURL=fields.js.map