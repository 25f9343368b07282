/** Field ids and enums of jaeger-idl `thrift/jaeger.thrift` and `thrift/agent.thrift`. */
/** enum TagType { STRING, DOUBLE, BOOL, LONG, BINARY } */
export declare const JaegerTagType: {
    readonly STRING: 0;
    readonly DOUBLE: 1;
    readonly BOOL: 2;
    readonly LONG: 3;
    readonly BINARY: 4;
};
/** enum SpanRefType { CHILD_OF, FOLLOWS_FROM } */
export declare const JaegerSpanRefType: {
    readonly CHILD_OF: 0;
    readonly FOLLOWS_FROM: 1;
};
/** struct Tag: 1 key string, 2 vType TagType(i32), 3 vStr, 4 vDouble, 5 vBool, 6 vLong i64, 7 vBinary */
export declare const TagField: {
    readonly key: 1;
    readonly vType: 2;
    readonly vStr: 3;
    readonly vDouble: 4;
    readonly vBool: 5;
    readonly vLong: 6;
    readonly vBinary: 7;
};
/** struct Log: 1 timestamp i64, 2 fields list<Tag> */
export declare const LogField: {
    readonly timestamp: 1;
    readonly fields: 2;
};
/** struct SpanRef: 1 refType i32, 2 traceIdLow i64, 3 traceIdHigh i64, 4 spanId i64 */
export declare const SpanRefField: {
    readonly refType: 1;
    readonly traceIdLow: 2;
    readonly traceIdHigh: 3;
    readonly spanId: 4;
};
/**
 * struct Span: 1 traceIdLow, 2 traceIdHigh, 3 spanId, 4 parentSpanId (i64s), 5 operationName, 6 references
 * list<SpanRef>, 7 flags i32, 8 startTime i64, 9 duration i64, 10 tags list<Tag>, 11 logs list<Log>, 12 incomplete bool
 */
export declare const SpanField: {
    readonly traceIdLow: 1;
    readonly traceIdHigh: 2;
    readonly spanId: 3;
    readonly parentSpanId: 4;
    readonly operationName: 5;
    readonly references: 6;
    readonly flags: 7;
    readonly startTime: 8;
    readonly duration: 9;
    readonly tags: 10;
    readonly logs: 11;
    readonly incomplete: 12;
};
/** struct Process: 1 serviceName string, 2 tags list<Tag> */
export declare const ProcessField: {
    readonly serviceName: 1;
    readonly tags: 2;
};
/** struct Batch: 1 process Process, 2 spans list<Span> */
export declare const BatchField: {
    readonly process: 1;
    readonly spans: 2;
};
/** service Agent { oneway void emitZipkinBatch(1: list<zipkincore.Span> spans); oneway void emitBatch(1: Batch batch) } */
export declare const AgentMethod: {
    readonly emitBatch: "emitBatch";
    readonly emitZipkinBatch: "emitZipkinBatch";
};
export declare const AGENT_ARGS_FIELD = 1;
/** service Collector { list<BatchSubmitResponse> submitBatches(1: list<Batch> batches) } (jaeger.thrift) */
export declare const CollectorMethod: {
    readonly submitBatches: "submitBatches";
};
export declare const COLLECTOR_ARGS_FIELD = 1;
//# sourceMappingURL=idl.d.ts.map