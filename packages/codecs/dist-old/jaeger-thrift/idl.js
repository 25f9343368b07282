/** Field ids and enums of jaeger-idl `thrift/jaeger.thrift` and `thrift/agent.thrift`. */
/** enum TagType { STRING, DOUBLE, BOOL, LONG, BINARY } */
export const JaegerTagType = { STRING: 0, DOUBLE: 1, BOOL: 2, LONG: 3, BINARY: 4 };
/** enum SpanRefType { CHILD_OF, FOLLOWS_FROM } */
export const JaegerSpanRefType = { CHILD_OF: 0, FOLLOWS_FROM: 1 };
/** struct Tag: 1 key string, 2 vType TagType(i32), 3 vStr, 4 vDouble, 5 vBool, 6 vLong i64, 7 vBinary */
export const TagField = { key: 1, vType: 2, vStr: 3, vDouble: 4, vBool: 5, vLong: 6, vBinary: 7 };
/** struct Log: 1 timestamp i64, 2 fields list<Tag> */
export const LogField = { timestamp: 1, fields: 2 };
/** struct SpanRef: 1 refType i32, 2 traceIdLow i64, 3 traceIdHigh i64, 4 spanId i64 */
export const SpanRefField = { refType: 1, traceIdLow: 2, traceIdHigh: 3, spanId: 4 };
/**
 * struct Span: 1 traceIdLow, 2 traceIdHigh, 3 spanId, 4 parentSpanId (i64s), 5 operationName, 6 references
 * list<SpanRef>, 7 flags i32, 8 startTime i64, 9 duration i64, 10 tags list<Tag>, 11 logs list<Log>, 12 incomplete bool
 */
export const SpanField = {
    traceIdLow: 1,
    traceIdHigh: 2,
    spanId: 3,
    parentSpanId: 4,
    operationName: 5,
    references: 6,
    flags: 7,
    startTime: 8,
    duration: 9,
    tags: 10,
    logs: 11,
    incomplete: 12,
};
/** struct Process: 1 serviceName string, 2 tags list<Tag> */
export const ProcessField = { serviceName: 1, tags: 2 };
/** struct Batch: 1 process Process, 2 spans list<Span> */
export const BatchField = { process: 1, spans: 2 };
/** service Agent { oneway void emitZipkinBatch(1: list<zipkincore.Span> spans); oneway void emitBatch(1: Batch batch) } */
export const AgentMethod = { emitBatch: 'emitBatch', emitZipkinBatch: 'emitZipkinBatch' };
export const AGENT_ARGS_FIELD = 1;
/** service Collector { list<BatchSubmitResponse> submitBatches(1: list<Batch> batches) } (jaeger.thrift) */
export const CollectorMethod = { submitBatches: 'submitBatches' };
export const COLLECTOR_ARGS_FIELD = 1;
//# sourceMappingURL=idl.js.map