/** Field numbers of jaeger-idl `proto/api_v2/model.proto` and `collector.proto` (package `jaeger.api_v2`). */
export declare const KeyValueField: {
    readonly key: 1;
    readonly vType: 2;
    readonly vStr: 3;
    readonly vBool: 4;
    readonly vInt64: 5;
    readonly vFloat64: 6;
    readonly vBinary: 7;
};
export declare const LogField: {
    readonly timestamp: 1;
    readonly fields: 2;
};
export declare const SpanRefField: {
    readonly traceId: 1;
    readonly spanId: 2;
    readonly refType: 3;
};
export declare const ProcessField: {
    readonly serviceName: 1;
    readonly tags: 2;
};
export declare const SpanField: {
    readonly traceId: 1;
    readonly spanId: 2;
    readonly operationName: 3;
    readonly references: 4;
    readonly flags: 5;
    readonly startTime: 6;
    readonly duration: 7;
    readonly tags: 8;
    readonly logs: 9;
    readonly process: 10;
    readonly processId: 11;
    readonly warnings: 12;
};
export declare const BatchField: {
    readonly spans: 1;
    readonly process: 2;
};
export declare const PostSpansRequestField: {
    readonly batch: 1;
};
/** google.protobuf.Timestamp and google.protobuf.Duration share the layout. */
export declare const SecondsNanosField: {
    readonly seconds: 1;
    readonly nanos: 2;
};
/** `jaeger.api_v2.ValueType` in wire order. */
export declare const VALUE_TYPES: readonly ["string", "bool", "int64", "float64", "binary"];
export declare const VALUE_TYPE_NAMES: readonly ["STRING", "BOOL", "INT64", "FLOAT64", "BINARY"];
/** `jaeger.api_v2.SpanRefType` in wire order. */
export declare const REF_TYPES: readonly ["CHILD_OF", "FOLLOWS_FROM"];
//# sourceMappingURL=fields.d.ts.map