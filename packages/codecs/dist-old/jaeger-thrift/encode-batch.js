import { bigintToParts, hexToParts, numberToParts } from '../thrift/int64.js';
import { TType } from '../thrift/types.js';
import { BatchField, JaegerTagType, LogField, ProcessField, SpanField, SpanRefField, TagField } from './idl.js';
const parts = { hi: 0, lo: 0 };
function writeI64Hex(w, id, hex) {
    hexToParts(hex, parts);
    w.writeFieldBegin(TType.I64, id);
    w.writeI64Parts(parts.hi, parts.lo);
}
function writeI64Number(w, id, value) {
    numberToParts(value, parts);
    w.writeFieldBegin(TType.I64, id);
    w.writeI64Parts(parts.hi, parts.lo);
}
/** Writes a `jaeger.thrift` Batch: one process, the given spans (their own `process` fields are not consulted). */
export function writeBatch(w, process, spans) {
    w.writeStructBegin();
    w.writeFieldBegin(TType.STRUCT, BatchField.process);
    writeProcess(w, process);
    w.writeFieldBegin(TType.LIST, BatchField.spans);
    w.writeListBegin(TType.STRUCT, spans.length);
    for (const span of spans)
        writeSpan(w, span);
    w.writeFieldStop();
    w.writeStructEnd();
}
function writeProcess(w, process) {
    w.writeStructBegin();
    w.writeFieldBegin(TType.STRING, ProcessField.serviceName);
    w.writeString(process.serviceName);
    if (process.tags.length > 0) {
        w.writeFieldBegin(TType.LIST, ProcessField.tags);
        writeTags(w, process.tags);
    }
    w.writeFieldStop();
    w.writeStructEnd();
}
/** Jaeger's parentSpanId is the first CHILD_OF reference within the same trace. */
function parentOf(span) {
    for (const ref of span.references) {
        if (ref.refType === 'CHILD_OF' && ref.traceId === span.traceId)
            return ref.spanId;
    }
    return '0';
}
function writeSpan(w, span) {
    const traceId = span.traceId.padStart(32, '0');
    w.writeStructBegin();
    writeI64Hex(w, SpanField.traceIdLow, traceId.slice(16));
    writeI64Hex(w, SpanField.traceIdHigh, traceId.slice(0, 16));
    writeI64Hex(w, SpanField.spanId, span.spanId);
    writeI64Hex(w, SpanField.parentSpanId, parentOf(span));
    w.writeFieldBegin(TType.STRING, SpanField.operationName);
    w.writeString(span.operationName);
    // A leading parent reference travels as parentSpanId only (as Jaeger clients send it); decoding puts it back first.
    const first = span.references[0];
    const refs = first && first.refType === 'CHILD_OF' && first.traceId === span.traceId ? span.references.slice(1) : span.references;
    if (refs.length > 0) {
        w.writeFieldBegin(TType.LIST, SpanField.references);
        w.writeListBegin(TType.STRUCT, refs.length);
        for (const ref of refs)
            writeSpanRef(w, ref);
    }
    w.writeFieldBegin(TType.I32, SpanField.flags);
    w.writeI32(span.flags | 0);
    writeI64Number(w, SpanField.startTime, span.startTime);
    writeI64Number(w, SpanField.duration, span.duration);
    if (span.tags.length > 0) {
        w.writeFieldBegin(TType.LIST, SpanField.tags);
        writeTags(w, span.tags);
    }
    if (span.logs.length > 0) {
        w.writeFieldBegin(TType.LIST, SpanField.logs);
        w.writeListBegin(TType.STRUCT, span.logs.length);
        for (const log of span.logs)
            writeLog(w, log);
    }
    w.writeFieldStop();
    w.writeStructEnd();
}
function writeSpanRef(w, ref) {
    const traceId = ref.traceId.padStart(32, '0');
    w.writeStructBegin();
    w.writeFieldBegin(TType.I32, SpanRefField.refType);
    w.writeI32(ref.refType === 'FOLLOWS_FROM' ? 1 : 0);
    writeI64Hex(w, SpanRefField.traceIdLow, traceId.slice(16));
    writeI64Hex(w, SpanRefField.traceIdHigh, traceId.slice(0, 16));
    writeI64Hex(w, SpanRefField.spanId, ref.spanId);
    w.writeFieldStop();
    w.writeStructEnd();
}
function writeLog(w, log) {
    w.writeStructBegin();
    writeI64Number(w, LogField.timestamp, log.timestamp);
    w.writeFieldBegin(TType.LIST, LogField.fields);
    writeTags(w, log.fields);
    w.writeFieldStop();
    w.writeStructEnd();
}
function writeTags(w, tags) {
    w.writeListBegin(TType.STRUCT, tags.length);
    for (const tag of tags)
        writeTag(w, tag);
}
function writeTag(w, tag) {
    w.writeStructBegin();
    w.writeFieldBegin(TType.STRING, TagField.key);
    w.writeString(tag.key);
    w.writeFieldBegin(TType.I32, TagField.vType);
    switch (tag.type) {
        case 'string':
            w.writeI32(JaegerTagType.STRING);
            w.writeFieldBegin(TType.STRING, TagField.vStr);
            w.writeString(tag.value);
            break;
        case 'float64':
            w.writeI32(JaegerTagType.DOUBLE);
            w.writeFieldBegin(TType.DOUBLE, TagField.vDouble);
            w.writeDouble(tag.value);
            break;
        case 'bool':
            w.writeI32(JaegerTagType.BOOL);
            w.writeFieldBegin(TType.BOOL, TagField.vBool);
            w.writeBool(tag.value);
            break;
        case 'int64':
            w.writeI32(JaegerTagType.LONG);
            bigintToParts(tag.value, parts);
            w.writeFieldBegin(TType.I64, TagField.vLong);
            w.writeI64Parts(parts.hi, parts.lo);
            break;
        case 'binary':
            w.writeI32(JaegerTagType.BINARY);
            w.writeFieldBegin(TType.STRING, TagField.vBinary);
            w.writeBinary(tag.value);
            break;
    }
    w.writeFieldStop();
    w.writeStructEnd();
}
//# sourceMappingURL=encode-batch.js.map