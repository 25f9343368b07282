import { protoReader, WireType } from '../protobuf/index.js';
import { anyValueToTag } from './any-value.js';
import { isNoParent, otlpIdFromBytes } from './ids.js';
import { emptySpanInput } from './input.js';
import { collect, resourceToProcess, translateSpan } from './translate.js';
export const OTLP_PROTO_FORMAT = 'otlp.proto';
function readAnyValue(r) {
    let value = null;
    while (r.more()) {
        const tag = r.tag();
        switch (tag) {
            case 10 /* AnyValueField.stringValue */:
                value = r.string();
                break;
            case 16 /* AnyValueField.boolValue */:
                value = r.bool();
                break;
            case 24 /* AnyValueField.intValue */:
                value = r.int64();
                break;
            case 33 /* AnyValueField.doubleValue */:
                value = r.double();
                break;
            case 58 /* AnyValueField.bytesValue */:
                value = r.bytesCopy();
                break;
            case 42 /* AnyValueField.arrayValue */: {
                const items = [];
                const inner = r.message();
                while (inner.more()) {
                    const itemTag = inner.tag();
                    if (itemTag === 10 /* ValuesField.values */)
                        items.push(readAnyValue(inner.message()));
                    else
                        inner.skip(itemTag & 7);
                }
                value = items;
                break;
            }
            case 50 /* AnyValueField.kvlistValue */: {
                const pairs = [];
                const inner = r.message();
                while (inner.more()) {
                    const itemTag = inner.tag();
                    if (itemTag === 10 /* ValuesField.values */)
                        pairs.push(readKeyValuePair(inner.message()));
                    else
                        inner.skip(itemTag & 7);
                }
                value = { kvlist: pairs };
                break;
            }
            default:
                r.skip(tag & 7);
        }
    }
    return value;
}
function readKeyValuePair(r) {
    let name = '';
    let value = null;
    while (r.more()) {
        const tag = r.tag();
        if (tag === 10 /* KeyValueField.key */)
            name = r.key();
        else if (tag === 18 /* KeyValueField.value */)
            value = readAnyValue(r.message());
        else
            r.skip(tag & 7);
    }
    return [name, value];
}
function readAttribute(r) {
    const [name, value] = readKeyValuePair(r);
    return anyValueToTag(name, value);
}
function readEvent(r) {
    const event = { timeMicros: 0, name: '', attributes: [], droppedAttributesCount: 0 };
    while (r.more()) {
        const tag = r.tag();
        switch (tag) {
            case 9 /* EventField.timeUnixNano */:
                event.timeMicros = r.fixed64NanosToMicros();
                break;
            case 18 /* EventField.name */:
                event.name = r.string();
                break;
            case 26 /* EventField.attributes */:
                event.attributes.push(readAttribute(r.message()));
                break;
            case 32 /* EventField.droppedAttributesCount */:
                event.droppedAttributesCount = r.uint32();
                break;
            default:
                r.skip(tag & 7);
        }
    }
    return event;
}
const EMPTY = new Uint8Array(0);
function readLink(r) {
    let traceId = EMPTY;
    let spanId = EMPTY;
    let traceState = '';
    const attributes = [];
    let droppedAttributesCount = 0;
    let flags = 0;
    while (r.more()) {
        const tag = r.tag();
        switch (tag) {
            case 10 /* LinkField.traceId */:
                traceId = r.bytesView();
                break;
            case 18 /* LinkField.spanId */:
                spanId = r.bytesView();
                break;
            case 26 /* LinkField.traceState */:
                traceState = r.string();
                break;
            case 34 /* LinkField.attributes */:
                attributes.push(readAttribute(r.message()));
                break;
            case 40 /* LinkField.droppedAttributesCount */:
                droppedAttributesCount = r.uint32();
                break;
            case 53 /* LinkField.flags */:
                flags = r.fixed32();
                break;
            default:
                r.skip(tag & 7);
        }
    }
    return {
        traceId: otlpIdFromBytes(traceId, 16, 'link traceId'),
        spanId: otlpIdFromBytes(spanId, 8, 'link spanId'),
        traceState,
        attributes,
        droppedAttributesCount,
        flags,
    };
}
function readStatus(r, span) {
    while (r.more()) {
        const tag = r.tag();
        if (tag === 18 /* StatusField.message */)
            span.statusMessage = r.string();
        else if (tag === 24 /* StatusField.code */)
            span.statusCode = r.int32();
        else
            r.skip(tag & 7);
    }
}
function readSpan(r) {
    const span = emptySpanInput();
    let traceId = EMPTY;
    let spanId = EMPTY;
    let parentSpanId = EMPTY;
    while (r.more()) {
        const tag = r.tag();
        switch (tag) {
            case 10 /* SpanField.traceId */:
                traceId = r.bytesView();
                break;
            case 18 /* SpanField.spanId */:
                spanId = r.bytesView();
                break;
            case 26 /* SpanField.traceState */:
                span.traceState = r.string();
                break;
            case 34 /* SpanField.parentSpanId */:
                parentSpanId = r.bytesView();
                break;
            case 42 /* SpanField.name */:
                span.name = r.key();
                break;
            case 48 /* SpanField.kind */:
                span.kind = r.int32();
                break;
            case 57 /* SpanField.startTimeUnixNano */:
                span.startMicros = r.fixed64NanosToMicros();
                span.startNanosRemainder = r.nanosRemainder;
                break;
            case 65 /* SpanField.endTimeUnixNano */:
                span.endMicros = r.fixed64NanosToMicros();
                span.endNanosRemainder = r.nanosRemainder;
                break;
            case 74 /* SpanField.attributes */:
                span.attributes.push(readAttribute(r.message()));
                break;
            case 80 /* SpanField.droppedAttributesCount */:
                span.droppedAttributesCount = r.uint32();
                break;
            case 90 /* SpanField.events */:
                span.events.push(readEvent(r.message()));
                break;
            case 96 /* SpanField.droppedEventsCount */:
                span.droppedEventsCount = r.uint32();
                break;
            case 106 /* SpanField.links */:
                span.links.push(readLink(r.message()));
                break;
            case 112 /* SpanField.droppedLinksCount */:
                span.droppedLinksCount = r.uint32();
                break;
            case 122 /* SpanField.status */:
                readStatus(r.message(), span);
                break;
            case 133 /* SpanField.flags */:
                span.flags = r.fixed32();
                break;
            default:
                r.skip(tag & 7);
        }
    }
    span.traceId = otlpIdFromBytes(traceId, 16, 'traceId');
    span.spanId = otlpIdFromBytes(spanId, 8, 'spanId');
    const parent = otlpIdFromBytes(parentSpanId, 8, 'parentSpanId');
    span.parentSpanId = isNoParent(parent) ? undefined : parent;
    return span;
}
function readScope(r) {
    const scope = { name: '', version: '' };
    while (r.more()) {
        const tag = r.tag();
        if (tag === 10 /* ScopeField.name */)
            scope.name = r.key();
        else if (tag === 18 /* ScopeField.version */)
            scope.version = r.key();
        else
            r.skip(tag & 7);
    }
    return scope;
}
function readScopeSpans(r, process, out, options) {
    let scope = { name: '', version: '' };
    const spans = [];
    while (r.more()) {
        const tag = r.tag();
        if (tag === 10 /* ScopeSpansField.scope */)
            scope = readScope(r.message());
        else if (tag === 18 /* ScopeSpansField.spans */)
            spans.push(readSpan(r.message()));
        else
            r.skip(tag & 7);
    }
    for (const span of spans)
        collect(translateSpan(span, scope, process(), options), out);
}
/** The attributes of one `Resource` message. */
export function readResourceAttributes(resource) {
    const attributes = [];
    while (resource.more()) {
        const tag = resource.tag();
        if (tag === 10 /* ResourceField.attributes */)
            attributes.push(readAttribute(resource.message()));
        else
            resource.skip(tag & 7);
    }
    return attributes;
}
function readResourceSpans(r, out, options) {
    let attributes = [];
    const scopeReaders = [];
    while (r.more()) {
        const tag = r.tag();
        if (tag === 10 /* ResourceSpansField.resource */) {
            attributes = readResourceAttributes(r.message());
        }
        else if (tag === 18 /* ResourceSpansField.scopeSpans */ || tag === 8002 /* ResourceSpansField.instrumentationLibrarySpans */) {
            // The resource may come after its spans on the wire; read spans once the whole message is known.
            scopeReaders.push(r.message());
        }
        else
            r.skip(tag & 7);
    }
    let process;
    const sharedProcess = () => (process ??= resourceToProcess(attributes));
    for (const scopeReader of scopeReaders)
        readScopeSpans(scopeReader, sharedProcess, out, options);
}
/** Decodes an `ExportTraceServiceRequest` (also `TracesData`, which has the same layout). */
export function decodeOtlpProto(payload, options = {}) {
    const out = { spans: [], rejected: [] };
    const r = protoReader(payload, OTLP_PROTO_FORMAT);
    while (r.more()) {
        const tag = r.tag();
        if (tag === 10 /* ExportRequestField.resourceSpans */)
            readResourceSpans(r.message(), out, options);
        else
            r.skip(tag & 7);
    }
    return out;
}
//# sourceMappingURL=decode-proto.js.map