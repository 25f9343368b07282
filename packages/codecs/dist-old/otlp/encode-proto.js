import { ProtoWriter, WireType } from '../protobuf/index.js';
import { AnyValueField, EventField, ExportRequestField, ExportResponseField, KeyValueField, LinkField, PartialSuccessField, ResourceField, ResourceSpansField, ScopeField, ScopeSpansField, SpanField, StatusField, } from './fields.js';
import { spansToOtlp } from './from-model.js';
function writeNanos(w, field, micros) {
    w.tag(field, WireType.FIXED64).fixed64(BigInt(micros) * 1000n);
}
export function writeAttribute(w, field, tag) {
    w.messageField(field).stringField(KeyValueField.key, tag.key).messageField(KeyValueField.value);
    switch (tag.type) {
        case 'string':
            w.stringField(AnyValueField.stringValue, tag.value);
            break;
        case 'bool':
            w.tag(AnyValueField.boolValue, WireType.VARINT).bool(tag.value);
            break;
        case 'int64':
            w.tag(AnyValueField.intValue, WireType.VARINT).int64(tag.value);
            break;
        case 'float64':
            w.tag(AnyValueField.doubleValue, WireType.FIXED64).double(tag.value);
            break;
        case 'binary':
            w.bytesField(AnyValueField.bytesValue, tag.value);
            break;
    }
    w.ldelim().ldelim();
}
function writeSpan(w, span) {
    w.messageField(ScopeSpansField.spans)
        .idField(SpanField.traceId, span.traceId)
        .idField(SpanField.spanId, span.spanId);
    if (span.traceState)
        w.stringField(SpanField.traceState, span.traceState);
    if (span.parentSpanId)
        w.idField(SpanField.parentSpanId, span.parentSpanId);
    w.stringField(SpanField.name, span.name);
    if (span.kind)
        w.tag(SpanField.kind, WireType.VARINT).int32(span.kind);
    writeNanos(w, SpanField.startTimeUnixNano, span.startMicros);
    writeNanos(w, SpanField.endTimeUnixNano, span.endMicros);
    for (const tag of span.attributes)
        writeAttribute(w, SpanField.attributes, tag);
    for (const event of span.events) {
        w.messageField(SpanField.events);
        writeNanos(w, EventField.timeUnixNano, event.timeMicros);
        if (event.name)
            w.stringField(EventField.name, event.name);
        for (const tag of event.attributes)
            writeAttribute(w, EventField.attributes, tag);
        w.ldelim();
    }
    for (const link of span.links) {
        w.messageField(SpanField.links).idField(LinkField.traceId, link.traceId).idField(LinkField.spanId, link.spanId);
        for (const tag of link.attributes)
            writeAttribute(w, LinkField.attributes, tag);
        w.ldelim();
    }
    if (span.statusCode || span.statusMessage) {
        w.messageField(SpanField.status);
        if (span.statusMessage)
            w.stringField(StatusField.message, span.statusMessage);
        if (span.statusCode)
            w.tag(StatusField.code, WireType.VARINT).int32(span.statusCode);
        w.ldelim();
    }
    if (span.flags)
        w.tag(SpanField.flags, WireType.FIXED32).fixed32(span.flags);
    w.ldelim();
}
/** Encodes spans as an `ExportTraceServiceRequest` (byte-identical to `TracesData`). */
export function encodeOtlpProto(spans) {
    const w = new ProtoWriter();
    for (const resource of spansToOtlp(spans)) {
        w.messageField(ExportRequestField.resourceSpans).messageField(ResourceSpansField.resource);
        for (const tag of resource.attributes)
            writeAttribute(w, ResourceField.attributes, tag);
        w.ldelim();
        for (const scope of resource.scopes) {
            w.messageField(ResourceSpansField.scopeSpans);
            if (scope.name || scope.version) {
                w.messageField(ScopeSpansField.scope);
                if (scope.name)
                    w.stringField(ScopeField.name, scope.name);
                if (scope.version)
                    w.stringField(ScopeField.version, scope.version);
                w.ldelim();
            }
            for (const span of scope.spans)
                writeSpan(w, span);
            w.ldelim();
        }
        w.ldelim();
    }
    return w.finish();
}
/**
 * `ExportTraceServiceResponse`: empty on full success; with `partial_success` when spans were rejected, as the
 * OTLP spec asks (rejected count plus a human-readable message).
 */
export function encodeOtlpExportResponse(rejectedSpans, errorMessage = '') {
    const w = new ProtoWriter(64);
    if (rejectedSpans > 0 || errorMessage) {
        w.messageField(ExportResponseField.partialSuccess);
        if (rejectedSpans > 0)
            w.tag(PartialSuccessField.rejectedSpans, WireType.VARINT).int64Number(rejectedSpans);
        if (errorMessage)
            w.stringField(PartialSuccessField.errorMessage, errorMessage);
        w.ldelim();
    }
    return w.finish();
}
//# sourceMappingURL=encode-proto.js.map