import { estimateTagBytes, SPAN_SIZE_COSTS } from '@skein/model';
import { writeKeyValue, writeProcess, writeSecondsNanos } from '../jaeger-proto/encode.js';
import { KeyValueField, LogField, SpanField, SpanRefField } from '../jaeger-proto/fields.js';
import { microsToDuration, microsToTimestamp, protoReader, ProtoWriter, varintSize, WireType } from '../protobuf/index.js';
import { OTLP_PROTO_FORMAT, readResourceAttributes } from './decode-proto.js';
import { SPAN_FLAGS_SAMPLED, StatusCode } from './fields.js';
import { KIND_TAG_VALUES, resourceToProcess, TagKey } from './translate.js';
import { Attributes, Input, isPlainUtf8, isZero, NEEDS_FULL_PATH, writeRange } from './transcode-bytes.js';
/**
 * OTLP protobuf → Kafka `protobuf` records in one pass over the bytes: strings, ids and values are copied from the
 * request into each record, no span object is built. It follows decode-proto.ts and translate.ts field by field
 * (same tags, same "last one wins", same synthesized tags in the same order) and the collector's pipeline check by
 * check; whatever those would repair, refuse or cut makes it give up on the whole payload (`undefined`), and so do
 * array and kvlist values and malformed input, which the full path handles. A property test holds the two
 * paths to the same bytes.
 */
export function otlpProtoToKafkaProtobuf(payload, plan) {
    try {
        return new Transcoder(payload, plan).run();
    }
    catch {
        return undefined;
    }
}
const ascii = (text) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const EVENT_KEY = ascii(TagKey.event);
const HEX_DIGITS = ascii('0123456789abcdef');
/** One KeyValue field (tags) encoded once: the tags the translation adds with fixed values. */
function fixedTagField(tag) {
    const w = new ProtoWriter(64);
    writeKeyValue(w, SpanField.tags, tag);
    return w.finish();
}
const stringTag = (key, value) => ({ key, type: 'string', value });
const KIND_TAGS = new Map(Object.entries(KIND_TAG_VALUES).map(([kind, value]) => [Number(kind), { field: fixedTagField(stringTag(TagKey.spanKind, value)), bytes: SPAN_SIZE_COSTS.tag + TagKey.spanKind.length + value.length }]));
const STATUS_OK_TAG = fixedTagField(stringTag(TagKey.statusCode, 'OK'));
const STATUS_ERROR_TAGS = new Uint8Array([...fixedTagField(stringTag(TagKey.statusCode, 'ERROR')), ...fixedTagField({ key: TagKey.error, type: 'bool', value: true })]);
const STATUS_OK_BYTES = SPAN_SIZE_COSTS.tag + TagKey.statusCode.length + 2;
const STATUS_ERROR_BYTES = 2 * SPAN_SIZE_COSTS.tag + TagKey.statusCode.length + 5 + TagKey.error.length + SPAN_SIZE_COSTS.scalarValue;
const SCOPE_NAME_KEY = ascii(TagKey.scopeName);
const REF_TYPE_KEY = ascii(TagKey.refType);
const CHILD_OF_VALUE = ascii('child_of');
const SCOPE_VERSION_KEY = ascii(TagKey.scopeVersion);
const STATUS_DESCRIPTION_KEY = ascii(TagKey.statusDescription);
const TRACE_STATE_KEY = ascii(TagKey.traceState);
/** A Jaeger SpanRef to the ids at `traceStart` (16 bytes) and `spanStart` (8 bytes); CHILD_OF is the default. */
function writeReference(out, bytes, traceStart, spanStart, followsFrom) {
    out.messageField(SpanField.references);
    out.tag(SpanRefField.traceId, WireType.LENGTH_DELIMITED).uint32(16).rawRange(bytes, traceStart, traceStart + 16);
    out.tag(SpanRefField.spanId, WireType.LENGTH_DELIMITED).uint32(8).rawRange(bytes, spanStart, spanStart + 8);
    if (followsFrom)
        out.tag(SpanRefField.refType, WireType.VARINT).uint32(1);
    out.ldelim();
}
/** True when the `length` bytes at `a` and at `b` are the same. */
function sameRange(bytes, a, b, length) {
    for (let i = 0; i < length; i++)
        if (bytes[a + i] !== bytes[b + i])
            return false;
    return true;
}
/** A tag the translation adds with a value from the input: key constant, value copied. */
function writeStringTag(out, key, bytes, start, end) {
    out.messageField(SpanField.tags);
    out.tag(KeyValueField.key, WireType.LENGTH_DELIMITED).uint32(key.length).rawRange(key, 0, key.length);
    writeRange(out, KeyValueField.vStr, bytes, start, end);
    out.ldelim();
}
/**
 * One output buffer for every call: transcoding is synchronous, and `finish()` copies the records out, so the
 * buffer (grown to the largest payload seen, about twice its size) is not allocated and zeroed per request.
 */
let sharedOutput = new ProtoWriter(64 * 1024);
/** A buffer grown past this by an unusually large request is dropped after it, not kept for the process's life. */
const MAX_RETAINED_OUTPUT_BYTES = 4 * 1024 * 1024;
class Transcoder {
    plan;
    bytes;
    out;
    ends = [];
    keys = [];
    input;
    spanAttributes;
    eventAttributes;
    linkAttributes;
    /** References from links: trace id start, span id start, 1 for FOLLOWS_FROM (reused). */
    linkRefs = [];
    maxStartMicros;
    size = 0;
    lastKey;
    lastKeyAt = -1;
    constructor(payload, plan) {
        this.plan = plan;
        // A plain Uint8Array view whatever the caller passed (a Buffer is another class to the JIT).
        this.bytes = payload.constructor === Uint8Array ? payload : new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
        this.input = new Input(this.bytes);
        this.spanAttributes = new Attributes(this.input);
        this.eventAttributes = new Attributes(this.input);
        this.linkAttributes = new Attributes(this.input);
        this.out = sharedOutput.reset();
        this.maxStartMicros = plan.nowMicros + plan.maxFutureMicros;
    }
    run() {
        const r = protoReader(this.bytes, OTLP_PROTO_FORMAT);
        while (r.more()) {
            const tag = r.tag();
            if (tag === 10 /* ExportTraceServiceRequest.resource_spans */)
                this.resourceSpans(r.message());
            else
                r.skip(tag & 7);
        }
        const all = this.out.finish();
        if (this.out.capacity > MAX_RETAINED_OUTPUT_BYTES)
            sharedOutput = new ProtoWriter(64 * 1024);
        const records = new Array(this.ends.length);
        let start = 0;
        for (let i = 0; i < this.ends.length; i++) {
            const end = this.ends[i];
            records[i] = { key: this.keys[i], value: all.subarray(start, end) };
            start = end;
        }
        return { records, bytes: this.size };
    }
    resourceSpans(r) {
        let attributes = [];
        const scopes = [];
        while (r.more()) {
            const tag = r.tag();
            // Read at once, as the full path does, so a malformed resource fails here too even when no span follows.
            if (tag === 10 /* ResourceSpans.resource */)
                attributes = readResourceAttributes(r.message());
            else if (tag === 18 /* scope_spans */ || tag === 8002 /* instrumentation_library_spans */)
                scopes.push(r.message());
            else
                r.skip(tag & 7);
        }
        let process;
        for (const scope of scopes)
            this.scopeSpans(scope, () => (process ??= this.process(attributes)));
    }
    process(attributes) {
        const { serviceName, tags } = resourceToProcess(attributes);
        if (serviceName.trim() === '')
            throw NEEDS_FULL_PATH;
        // The pipeline adds `--collector.tags` to the process all the resource's spans share, so from the second span
        // on its limits and size estimate see them: check and count them for every span.
        const withCollectorTags = [...tags];
        for (const tag of this.plan.processTags)
            if (!tags.some((own) => own.key === tag.key))
                withCollectorTags.push(tag);
        const { maxTags, maxTagValueLength } = this.plan;
        if (withCollectorTags.length > maxTags)
            throw NEEDS_FULL_PATH;
        for (const tag of withCollectorTags) {
            if (tag.type === 'string' ? tag.value.length > maxTagValueLength : tag.type === 'binary' && tag.value.byteLength > maxTagValueLength)
                throw NEEDS_FULL_PATH;
        }
        const w = new ProtoWriter(256);
        writeProcess(w, SpanField.process, { serviceName, tags: withCollectorTags });
        return { field: w.finish(), bytes: serviceName.length + estimateTagBytes(withCollectorTags) };
    }
    scopeSpans(r, process) {
        const bytes = this.bytes;
        let nameStart = 0;
        let nameEnd = 0;
        let versionStart = 0;
        let versionEnd = 0;
        const spans = [];
        while (r.more()) {
            const tag = r.tag();
            if (tag === 10 /* ScopeSpans.scope */) {
                const scope = r.message();
                nameStart = nameEnd = versionStart = versionEnd = 0;
                while (scope.more()) {
                    const scopeTag = scope.tag();
                    if (scopeTag === 10 /* name */) {
                        nameStart = scope.delimitedStart();
                        nameEnd = scope.pos;
                    }
                    else if (scopeTag === 18 /* version */) {
                        versionStart = scope.delimitedStart();
                        versionEnd = scope.pos;
                    }
                    else
                        scope.skip(scopeTag & 7);
                }
            }
            else if (tag === 18 /* ScopeSpans.spans */)
                spans.push(r.message());
            else
                r.skip(tag & 7);
        }
        if (spans.length === 0)
            return;
        const { maxTagValueLength } = this.plan;
        if (nameEnd - nameStart > maxTagValueLength || versionEnd - versionStart > maxTagValueLength)
            throw NEEDS_FULL_PATH;
        if (!isPlainUtf8(bytes, nameStart, nameEnd) || !isPlainUtf8(bytes, versionStart, versionEnd))
            throw NEEDS_FULL_PATH;
        const scope = { nameStart, nameEnd, versionStart, versionEnd };
        for (const span of spans)
            this.span(span, scope, process());
    }
    span(r, scope, process) {
        const { bytes, plan, out } = this;
        const attributes = this.spanAttributes;
        attributes.reset();
        const events = [];
        let links;
        let traceStart = 0;
        let traceEnd = 0;
        let spanStart = 0;
        let spanEnd = 0;
        let parentStart = 0;
        let parentEnd = 0;
        let nameStart = 0;
        let nameEnd = 0;
        let stateStart = 0;
        let stateEnd = 0;
        let messageStart = 0;
        let messageEnd = 0;
        let kind = 0;
        let statusCode = 0;
        let flags = 0;
        let startMicros = 0;
        let startRemainder = 0;
        let endMicros = 0;
        let endRemainder = 0;
        while (r.more()) {
            const tag = r.tag();
            switch (tag) {
                case 10 /* Span.trace_id */:
                    traceStart = r.delimitedStart();
                    traceEnd = r.pos;
                    break;
                case 18 /* span_id */:
                    spanStart = r.delimitedStart();
                    spanEnd = r.pos;
                    break;
                case 26 /* trace_state */:
                    stateStart = r.delimitedStart();
                    stateEnd = r.pos;
                    break;
                case 34 /* parent_span_id */:
                    parentStart = r.delimitedStart();
                    parentEnd = r.pos;
                    break;
                case 42 /* name */:
                    nameStart = r.delimitedStart();
                    nameEnd = r.pos;
                    break;
                case 48 /* kind */:
                    kind = r.int32();
                    break;
                case 57 /* start_time_unix_nano */:
                    startMicros = r.fixed64NanosToMicros();
                    startRemainder = r.nanosRemainder;
                    break;
                case 65 /* end_time_unix_nano */:
                    endMicros = r.fixed64NanosToMicros();
                    endRemainder = r.nanosRemainder;
                    break;
                case 74 /* attributes */: {
                    const start = r.delimitedStart();
                    attributes.add(start, r.pos);
                    break;
                }
                case 90 /* events */:
                    events.push(r.message());
                    break;
                case 106 /* links */:
                    (links ??= []).push(r.message());
                    break;
                case 122 /* status */: {
                    const status = r.message();
                    while (status.more()) {
                        const statusTag = status.tag();
                        if (statusTag === 18 /* message */) {
                            messageStart = status.delimitedStart();
                            messageEnd = status.pos;
                        }
                        else if (statusTag === 24 /* code */)
                            statusCode = status.int32();
                        else
                            status.skip(statusTag & 7);
                    }
                    break;
                }
                case 133 /* flags */:
                    flags = r.fixed32();
                    break;
                default:
                    // dropped_*_count (10, 12, 14) are read and ignored by the full path too.
                    r.skip(tag & 7);
            }
        }
        // The checks of translateSpan and the pipeline, in bytes.
        if (traceEnd - traceStart !== 16 || isZero(bytes, traceStart, traceEnd))
            throw NEEDS_FULL_PATH;
        if (spanEnd - spanStart !== 8 || isZero(bytes, spanStart, spanEnd))
            throw NEEDS_FULL_PATH;
        const parentLength = parentEnd - parentStart;
        if (parentLength !== 0 && parentLength !== 8)
            throw NEEDS_FULL_PATH;
        const hasParent = parentLength === 8 && !isZero(bytes, parentStart, parentEnd);
        if (nameEnd === nameStart || !isPlainUtf8(bytes, nameStart, nameEnd))
            throw NEEDS_FULL_PATH;
        const duration = Math.trunc(((endMicros - startMicros) * 1000 + (endRemainder - startRemainder)) / 1000);
        if (!(duration >= 0) || !Number.isSafeInteger(duration) || !Number.isSafeInteger(startMicros))
            throw NEEDS_FULL_PATH;
        if (startMicros < plan.minStartMicros || startMicros > this.maxStartMicros || duration > plan.maxDurationMicros)
            throw NEEDS_FULL_PATH;
        for (const [start, end] of [[stateStart, stateEnd], [messageStart, messageEnd]]) {
            if (end - start > plan.maxTagValueLength || !isPlainUtf8(bytes, start, end))
                throw NEEDS_FULL_PATH;
        }
        const kindTag = KIND_TAGS.get(kind);
        const tagCount = (scope.nameEnd > scope.nameStart ? 1 : 0) +
            (scope.versionEnd > scope.versionStart ? 1 : 0) +
            attributes.count +
            (kindTag ? 1 : 0) +
            (statusCode === StatusCode.OK ? 1 : statusCode === StatusCode.ERROR ? 2 : 0) +
            (messageEnd > messageStart ? 1 : 0) +
            (stateEnd > stateStart ? 1 : 0);
        if (tagCount > plan.maxTags)
            throw NEEDS_FULL_PATH;
        // References as translate.ts builds them: the parent, retyped by a link to it, then the other links.
        const linkRefs = this.linkRefs;
        linkRefs.length = 0;
        let parentFollowsFrom = 0;
        if (links) {
            for (const link of links) {
                const [linkTrace, linkSpan, followsFrom] = this.link(link);
                if (hasParent && sameRange(bytes, linkTrace, traceStart, 16) && sameRange(bytes, linkSpan, parentStart, 8))
                    parentFollowsFrom = followsFrom;
                else
                    linkRefs.push(linkTrace, linkSpan, followsFrom);
            }
        }
        const references = (hasParent ? 1 : 0) + linkRefs.length / 3;
        let size = SPAN_SIZE_COSTS.span + (nameEnd - nameStart) + process.bytes + references * SPAN_SIZE_COSTS.reference;
        out.tag(SpanField.traceId, WireType.LENGTH_DELIMITED).uint32(16).rawRange(bytes, traceStart, traceEnd);
        out.tag(SpanField.spanId, WireType.LENGTH_DELIMITED).uint32(8).rawRange(bytes, spanStart, spanEnd);
        writeRange(out, SpanField.operationName, bytes, nameStart, nameEnd);
        if (hasParent)
            writeReference(out, bytes, traceStart, parentStart, parentFollowsFrom);
        for (let i = 0; i < linkRefs.length; i += 3)
            writeReference(out, bytes, linkRefs[i], linkRefs[i + 1], linkRefs[i + 2]);
        if (flags & SPAN_FLAGS_SAMPLED)
            out.tag(SpanField.flags, WireType.VARINT).uint32(1);
        writeSecondsNanos(out, SpanField.startTime, microsToTimestamp(startMicros));
        writeSecondsNanos(out, SpanField.duration, microsToDuration(duration));
        if (scope.nameEnd > scope.nameStart) {
            writeStringTag(out, SCOPE_NAME_KEY, bytes, scope.nameStart, scope.nameEnd);
            size += SPAN_SIZE_COSTS.tag + SCOPE_NAME_KEY.length + (scope.nameEnd - scope.nameStart);
        }
        if (scope.versionEnd > scope.versionStart) {
            writeStringTag(out, SCOPE_VERSION_KEY, bytes, scope.versionStart, scope.versionEnd);
            size += SPAN_SIZE_COSTS.tag + SCOPE_VERSION_KEY.length + (scope.versionEnd - scope.versionStart);
        }
        size += attributes.write(out, SpanField.tags, plan);
        if (kindTag) {
            out.rawRange(kindTag.field, 0, kindTag.field.length);
            size += kindTag.bytes;
        }
        if (statusCode === StatusCode.OK) {
            out.rawRange(STATUS_OK_TAG, 0, STATUS_OK_TAG.length);
            size += STATUS_OK_BYTES;
        }
        else if (statusCode === StatusCode.ERROR) {
            out.rawRange(STATUS_ERROR_TAGS, 0, STATUS_ERROR_TAGS.length);
            size += STATUS_ERROR_BYTES;
        }
        if (messageEnd > messageStart) {
            writeStringTag(out, STATUS_DESCRIPTION_KEY, bytes, messageStart, messageEnd);
            size += SPAN_SIZE_COSTS.tag + STATUS_DESCRIPTION_KEY.length + (messageEnd - messageStart);
        }
        if (stateEnd > stateStart) {
            writeStringTag(out, TRACE_STATE_KEY, bytes, stateStart, stateEnd);
            size += SPAN_SIZE_COSTS.tag + TRACE_STATE_KEY.length + (stateEnd - stateStart);
        }
        for (const event of events)
            size += this.event(event);
        out.rawRange(process.field, 0, process.field.length);
        if (size > plan.maxSpanBytes)
            throw NEEDS_FULL_PATH;
        this.size += size;
        this.ends.push(out.pos);
        this.keys.push(this.keyOf(traceStart));
    }
    /**
     * Reads a link as decode-proto's readLink does: where its trace id and span id start, and 1 when its reference is
     * FOLLOWS_FROM (anything but an `opentracing.ref_type` of `child_of`). A link with a bad id (dropped with a
     * warning by the full path) is left to the full path.
     */
    link(r) {
        const attributes = this.linkAttributes;
        attributes.reset();
        let traceStart = 0;
        let traceEnd = 0;
        let spanStart = 0;
        let spanEnd = 0;
        while (r.more()) {
            const tag = r.tag();
            if (tag === 10 /* Link.trace_id */) {
                traceStart = r.delimitedStart();
                traceEnd = r.pos;
            }
            else if (tag === 18 /* span_id */) {
                spanStart = r.delimitedStart();
                spanEnd = r.pos;
            }
            else if (tag === 34 /* attributes */) {
                const start = r.delimitedStart();
                attributes.add(start, r.pos);
            }
            else if (tag === 40 /* dropped_attributes_count */)
                r.uint32();
            else if (tag === 53 /* flags */)
                r.fixed32();
            else
                r.skip(tag & 7); // trace_state (26) is read as a string by the full path and not used: any bytes do
        }
        const bytes = this.bytes;
        if (traceEnd - traceStart !== 16 || isZero(bytes, traceStart, traceEnd))
            throw NEEDS_FULL_PATH;
        if (spanEnd - spanStart !== 8 || isZero(bytes, spanStart, spanEnd))
            throw NEEDS_FULL_PATH;
        return [traceStart, spanStart, attributes.firstStringIs(REF_TYPE_KEY, CHILD_OF_VALUE) ? 0 : 1];
    }
    /** One event as a Jaeger log; returns its share of the size estimate. */
    event(r) {
        const { bytes, plan, out } = this;
        const attributes = this.eventAttributes;
        attributes.reset();
        let timeMicros = 0;
        let nameStart = 0;
        let nameEnd = 0;
        while (r.more()) {
            const tag = r.tag();
            if (tag === 9 /* Event.time_unix_nano */)
                timeMicros = r.fixed64NanosToMicros();
            else if (tag === 18 /* name */) {
                nameStart = r.delimitedStart();
                nameEnd = r.pos;
            }
            else if (tag === 26 /* attributes */) {
                const start = r.delimitedStart();
                attributes.add(start, r.pos);
            }
            else
                r.skip(tag & 7);
        }
        if (!Number.isSafeInteger(timeMicros))
            throw NEEDS_FULL_PATH;
        const named = nameEnd > nameStart && !attributes.hasKey(EVENT_KEY);
        if (named && (nameEnd - nameStart > plan.maxTagValueLength || !isPlainUtf8(bytes, nameStart, nameEnd)))
            throw NEEDS_FULL_PATH;
        if (attributes.count + (named ? 1 : 0) > plan.maxTags)
            throw NEEDS_FULL_PATH;
        out.messageField(SpanField.logs);
        writeSecondsNanos(out, LogField.timestamp, microsToTimestamp(timeMicros));
        let size = SPAN_SIZE_COSTS.log;
        if (named) {
            out.messageField(LogField.fields);
            out.tag(KeyValueField.key, WireType.LENGTH_DELIMITED).uint32(EVENT_KEY.length).rawRange(EVENT_KEY, 0, EVENT_KEY.length);
            writeRange(out, KeyValueField.vStr, bytes, nameStart, nameEnd);
            out.ldelim();
            size += SPAN_SIZE_COSTS.tag + EVENT_KEY.length + (nameEnd - nameStart);
        }
        size += attributes.write(out, LogField.fields, plan);
        out.ldelim();
        return size;
    }
    /** The record key: the trace id in lowercase hex, shared by consecutive spans of one trace. */
    keyOf(traceStart) {
        const bytes = this.bytes;
        const last = this.lastKeyAt;
        if (this.lastKey && last >= 0) {
            let same = true;
            for (let i = 0; i < 16; i++) {
                if (bytes[last + i] !== bytes[traceStart + i]) {
                    same = false;
                    break;
                }
            }
            if (same)
                return this.lastKey;
        }
        const key = new Uint8Array(32);
        for (let i = 0; i < 16; i++) {
            const byte = bytes[traceStart + i];
            key[2 * i] = HEX_DIGITS[byte >>> 4];
            key[2 * i + 1] = HEX_DIGITS[byte & 15];
        }
        this.lastKey = key;
        this.lastKeyAt = traceStart;
        return key;
    }
}
//# sourceMappingURL=to-kafka-protobuf.js.map