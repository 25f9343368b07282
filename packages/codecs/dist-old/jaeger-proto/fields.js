/** Field numbers of jaeger-idl `proto/api_v2/model.proto` and `collector.proto` (package `jaeger.api_v2`). */
export const KeyValueField = { key: 1, vType: 2, vStr: 3, vBool: 4, vInt64: 5, vFloat64: 6, vBinary: 7 };
export const LogField = { timestamp: 1, fields: 2 };
export const SpanRefField = { traceId: 1, spanId: 2, refType: 3 };
export const ProcessField = { serviceName: 1, tags: 2 };
export const SpanField = {
    traceId: 1,
    spanId: 2,
    operationName: 3,
    references: 4,
    flags: 5,
    startTime: 6,
    duration: 7,
    tags: 8,
    logs: 9,
    process: 10,
    processId: 11,
    warnings: 12,
};
export const BatchField = { spans: 1, process: 2 };
export const PostSpansRequestField = { batch: 1 };
/** google.protobuf.Timestamp and google.protobuf.Duration share the layout. */
export const SecondsNanosField = { seconds: 1, nanos: 2 };
/** `jaeger.api_v2.ValueType` in wire order. */
export const VALUE_TYPES = ['string', 'bool', 'int64', 'float64', 'binary'];
export const VALUE_TYPE_NAMES = ['STRING', 'BOOL', 'INT64', 'FLOAT64', 'BINARY'];
/** `jaeger.api_v2.SpanRefType` in wire order. */
export const REF_TYPES = ['CHILD_OF', 'FOLLOWS_FROM'];
//# sourceMappingURL=fields.js.map