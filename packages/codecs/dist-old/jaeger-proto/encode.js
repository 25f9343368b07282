import { microsToDuration, microsToTimestamp, ProtoWriter, WireType } from '../protobuf/index.js';
import { BatchField, KeyValueField, LogField, PostSpansRequestField, ProcessField, SecondsNanosField, SpanField, SpanRefField, } from './fields.js';
const VALUE_TYPE_NUMBER = { string: 0, bool: 1, int64: 2, float64: 3, binary: 4 };
export function writeSecondsNanos(w, field, value) {
    w.messageField(field);
    if (value.seconds !== 0)
        w.tag(SecondsNanosField.seconds, WireType.VARINT).int64Number(value.seconds);
    if (value.nanos !== 0)
        w.tag(SecondsNanosField.nanos, WireType.VARINT).int32(value.nanos);
    w.ldelim();
}
/** Writes one KeyValue (proto3: default values are omitted, so a STRING type is implicit). */
export function writeKeyValue(w, field, tag) {
    w.messageField(field).stringField(KeyValueField.key, tag.key);
    const type = VALUE_TYPE_NUMBER[tag.type];
    if (type !== 0)
        w.tag(KeyValueField.vType, WireType.VARINT).uint32(type);
    switch (tag.type) {
        case 'string':
            if (tag.value)
                w.stringField(KeyValueField.vStr, tag.value);
            break;
        case 'bool':
            if (tag.value)
                w.tag(KeyValueField.vBool, WireType.VARINT).bool(true);
            break;
        case 'int64':
            if (tag.value !== 0n)
                w.tag(KeyValueField.vInt64, WireType.VARINT).int64(tag.value);
            break;
        case 'float64':
            if (!Object.is(tag.value, 0))
                w.tag(KeyValueField.vFloat64, WireType.FIXED64).double(tag.value);
            break;
        case 'binary':
            if (tag.value.length)
                w.bytesField(KeyValueField.vBinary, tag.value);
            break;
    }
    w.ldelim();
}
export function writeProcess(w, field, process) {
    w.messageField(field);
    if (process.serviceName)
        w.stringField(ProcessField.serviceName, process.serviceName);
    for (const tag of process.tags)
        writeKeyValue(w, ProcessField.tags, tag);
    w.ldelim();
}
function writeRef(w, ref) {
    w.messageField(SpanField.references)
        .idField(SpanRefField.traceId, ref.traceId)
        .idField(SpanRefField.spanId, ref.spanId);
    if (ref.refType === 'FOLLOWS_FROM')
        w.tag(SpanRefField.refType, WireType.VARINT).uint32(1);
    w.ldelim();
}
function writeLog(w, log) {
    w.messageField(SpanField.logs);
    writeSecondsNanos(w, LogField.timestamp, microsToTimestamp(log.timestamp));
    for (const field of log.fields)
        writeKeyValue(w, LogField.fields, field);
    w.ldelim();
}
/** Writes the fields of one `jaeger.api_v2.Span` (no outer tag); the process is embedded when asked. */
export function writeSpanBody(w, span, withProcess) {
    w.idField(SpanField.traceId, span.traceId).idField(SpanField.spanId, span.spanId);
    if (span.operationName)
        w.stringField(SpanField.operationName, span.operationName);
    for (const ref of span.references)
        writeRef(w, ref);
    if (span.flags)
        w.tag(SpanField.flags, WireType.VARINT).uint32(span.flags);
    // Jaeger marks start_time and duration non-nullable, so they are always present, even when zero.
    writeSecondsNanos(w, SpanField.startTime, microsToTimestamp(span.startTime));
    writeSecondsNanos(w, SpanField.duration, microsToDuration(span.duration));
    for (const tag of span.tags)
        writeKeyValue(w, SpanField.tags, tag);
    for (const log of span.logs)
        writeLog(w, log);
    if (withProcess)
        writeProcess(w, SpanField.process, span.process);
    for (const warning of span.warnings)
        w.stringField(SpanField.warnings, warning);
}
/** One Span message with its process (Jaeger's Kafka `protobuf` message value). */
export function encodeSingleSpan(span, writer = new ProtoWriter()) {
    writer.reset();
    writeSpanBody(writer, span, true);
    return writer.finish();
}
/**
 * A PostSpansRequest holding one Batch per distinct process (by identity): spans sharing a process object go in
 * one batch with the process written once.
 */
export function encodePostSpansRequest(spans) {
    const w = new ProtoWriter();
    writePostSpansRequest(w, spans);
    return w.finish();
}
/** Appends the PostSpansRequest of {@link encodePostSpansRequest} to `w`, so a caller can reuse one writer. */
export function writePostSpansRequest(w, spans) {
    const byProcess = new Map();
    for (const span of spans) {
        const group = byProcess.get(span.process);
        if (group)
            group.push(span);
        else
            byProcess.set(span.process, [span]);
    }
    for (const [process, group] of byProcess) {
        w.messageField(PostSpansRequestField.batch);
        for (const span of group) {
            w.messageField(BatchField.spans);
            writeSpanBody(w, span, false);
            w.ldelim();
        }
        writeProcess(w, BatchField.process, process);
        w.ldelim();
    }
}
/** `jaeger.api_v2.SpansResponseChunk` (query.proto): `repeated Span spans = 1`, each with its process embedded. */
export function encodeSpansResponseChunk(spans) {
    const w = new ProtoWriter();
    for (const span of spans) {
        w.messageField(1);
        writeSpanBody(w, span, true);
        w.ldelim();
    }
    return w.finish();
}
//# sourceMappingURL=encode.js.map