/**
 * Field numbers of opentelemetry-proto: collector/trace/v1/trace_service.proto, trace/v1/trace.proto,
 * common/v1/common.proto, resource/v1/resource.proto.
 */
export declare const ExportRequestField: {
    readonly resourceSpans: 1;
};
export declare const ExportResponseField: {
    readonly partialSuccess: 1;
};
export declare const PartialSuccessField: {
    readonly rejectedSpans: 1;
    readonly errorMessage: 2;
};
/** `instrumentationLibrarySpans` (1000) is the pre-1.0 name of scope spans; old SDKs still send it. */
export declare const ResourceSpansField: {
    readonly resource: 1;
    readonly scopeSpans: 2;
    readonly schemaUrl: 3;
    readonly instrumentationLibrarySpans: 1000;
};
export declare const ResourceField: {
    readonly attributes: 1;
    readonly droppedAttributesCount: 2;
};
export declare const ScopeSpansField: {
    readonly scope: 1;
    readonly spans: 2;
    readonly schemaUrl: 3;
};
export declare const ScopeField: {
    readonly name: 1;
    readonly version: 2;
    readonly attributes: 3;
    readonly droppedAttributesCount: 4;
};
export declare const SpanField: {
    readonly traceId: 1;
    readonly spanId: 2;
    readonly traceState: 3;
    readonly parentSpanId: 4;
    readonly name: 5;
    readonly kind: 6;
    readonly startTimeUnixNano: 7;
    readonly endTimeUnixNano: 8;
    readonly attributes: 9;
    readonly droppedAttributesCount: 10;
    readonly events: 11;
    readonly droppedEventsCount: 12;
    readonly links: 13;
    readonly droppedLinksCount: 14;
    readonly status: 15;
    readonly flags: 16;
};
export declare const EventField: {
    readonly timeUnixNano: 1;
    readonly name: 2;
    readonly attributes: 3;
    readonly droppedAttributesCount: 4;
};
export declare const LinkField: {
    readonly traceId: 1;
    readonly spanId: 2;
    readonly traceState: 3;
    readonly attributes: 4;
    readonly droppedAttributesCount: 5;
    readonly flags: 6;
};
export declare const StatusField: {
    readonly message: 2;
    readonly code: 3;
};
export declare const KeyValueField: {
    readonly key: 1;
    readonly value: 2;
};
export declare const AnyValueField: {
    readonly stringValue: 1;
    readonly boolValue: 2;
    readonly intValue: 3;
    readonly doubleValue: 4;
    readonly arrayValue: 5;
    readonly kvlistValue: 6;
    readonly bytesValue: 7;
};
/** ArrayValue.values and KeyValueList.values. */
export declare const ValuesField: {
    readonly values: 1;
};
export declare const SpanKind: {
    readonly UNSPECIFIED: 0;
    readonly INTERNAL: 1;
    readonly SERVER: 2;
    readonly CLIENT: 3;
    readonly PRODUCER: 4;
    readonly CONSUMER: 5;
};
export declare const SPAN_KIND_NAMES: readonly ["SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"];
export declare const StatusCode: {
    readonly UNSET: 0;
    readonly OK: 1;
    readonly ERROR: 2;
};
export declare const STATUS_CODE_NAMES: readonly ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"];
/** W3C trace-flags "sampled" bit inside OTLP `Span.flags`. */
export declare const SPAN_FLAGS_SAMPLED = 1;
//# sourceMappingURL=fields.d.ts.map