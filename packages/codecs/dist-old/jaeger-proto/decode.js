import { bytesToHex, idFromBytes, protoReader, secondsNanosToMicros, WireType } from '../protobuf/index.js';
import { REF_TYPES, VALUE_TYPES } from './fields.js';
const EMPTY = new Uint8Array(0);
/** Reads google.protobuf.Timestamp / Duration as microseconds. */
export function readSecondsNanos(r) {
    let seconds = 0;
    let nanos = 0;
    while (r.more()) {
        const tag = r.tag();
        if (tag === 8 /* SecondsNanosField.seconds */)
            seconds = r.int64Number();
        else if (tag === 16 /* SecondsNanosField.nanos */)
            nanos = r.int32();
        else
            r.skip(tag & 7);
    }
    if (nanos <= -1_000_000_000 || nanos >= 1_000_000_000)
        r.fail(`nanos ${nanos} outside ±999999999`);
    return secondsNanosToMicros(seconds, nanos);
}
/** Reads a KeyValue; `warnings` collects per-tag oddities that do not justify refusing the span. */
export function readKeyValue(r, warnings) {
    let key = '';
    let vType = 0;
    let vStr = '';
    let vBool = false;
    let vInt64 = 0n;
    let vFloat64 = 0;
    let vBinary = EMPTY;
    while (r.more()) {
        const tag = r.tag();
        switch (tag) {
            case 10 /* KeyValueField.key */:
                key = r.key();
                break;
            case 16 /* KeyValueField.vType */:
                vType = r.int32();
                break;
            case 26 /* KeyValueField.vStr */:
                vStr = r.string();
                break;
            case 32 /* KeyValueField.vBool */:
                vBool = r.bool();
                break;
            case 40 /* KeyValueField.vInt64 */:
                vInt64 = r.int64();
                break;
            case 49 /* KeyValueField.vFloat64 */:
                vFloat64 = r.double();
                break;
            case 58 /* KeyValueField.vBinary */:
                vBinary = r.bytesCopy();
                break;
            default:
                r.skip(tag & 7);
        }
    }
    switch (VALUE_TYPES[vType]) {
        case 'string':
            return { key, type: 'string', value: vStr };
        case 'bool':
            return { key, type: 'bool', value: vBool };
        case 'int64':
            return { key, type: 'int64', value: vInt64 };
        case 'float64':
            return { key, type: 'float64', value: vFloat64 };
        case 'binary':
            return { key, type: 'binary', value: vBinary };
        default:
            warnings.push(`tag ${JSON.stringify(key)}: unknown value type ${vType}, kept as string`);
            return { key, type: 'string', value: vStr };
    }
}
export function readProcess(r, warnings) {
    const process = { serviceName: '', tags: [] };
    while (r.more()) {
        const tag = r.tag();
        if (tag === 10 /* ProcessField.serviceName */)
            process.serviceName = r.key();
        else if (tag === 18 /* ProcessField.tags */)
            process.tags.push(readKeyValue(r.message(), warnings));
        else
            r.skip(tag & 7);
    }
    return process;
}
function readLog(r, warnings) {
    const log = { timestamp: 0, fields: [] };
    while (r.more()) {
        const tag = r.tag();
        if (tag === 10 /* LogField.timestamp */)
            log.timestamp = readSecondsNanos(r.message());
        else if (tag === 18 /* LogField.fields */)
            log.fields.push(readKeyValue(r.message(), warnings));
        else
            r.skip(tag & 7);
    }
    return log;
}
/** A reference, or a reason why it was dropped (bad ids in a reference cost the reference, not the span). */
function readRef(r) {
    let traceId = EMPTY;
    let spanId = EMPTY;
    let refType = 0;
    while (r.more()) {
        const tag = r.tag();
        if (tag === 10 /* SpanRefField.traceId */)
            traceId = r.bytesView();
        else if (tag === 18 /* SpanRefField.spanId */)
            spanId = r.bytesView();
        else if (tag === 24 /* SpanRefField.refType */)
            refType = r.int32();
        else
            r.skip(tag & 7);
    }
    const trace = idFromBytes(traceId, 16, 'reference traceId');
    if (!trace.ok)
        return trace.reason;
    const span = idFromBytes(spanId, 8, 'reference spanId');
    if (!span.ok)
        return span.reason;
    const type = REF_TYPES[refType];
    if (!type)
        return `reference refType: unknown value ${refType}`;
    return { refType: type, traceId: trace.id, spanId: span.id };
}
const NO_PROCESS = Object.freeze({ serviceName: '', tags: [] });
export function readSpan(r) {
    let traceIdBytes = EMPTY;
    let spanIdBytes = EMPTY;
    let process;
    const span = {
        traceId: '',
        spanId: '',
        operationName: '',
        references: [],
        flags: 0,
        startTime: 0,
        duration: 0,
        tags: [],
        logs: [],
        process: NO_PROCESS,
        warnings: [],
    };
    const warnings = span.warnings;
    while (r.more()) {
        const tag = r.tag();
        switch (tag) {
            case 10 /* SpanField.traceId */:
                traceIdBytes = r.bytesView();
                break;
            case 18 /* SpanField.spanId */:
                spanIdBytes = r.bytesView();
                break;
            case 26 /* SpanField.operationName */:
                span.operationName = r.key();
                break;
            case 34 /* SpanField.references */: {
                const ref = readRef(r.message());
                if (typeof ref === 'string')
                    warnings.push(`${ref}; reference dropped`);
                else
                    span.references.push(ref);
                break;
            }
            case 40 /* SpanField.flags */:
                span.flags = r.uint32();
                break;
            case 50 /* SpanField.startTime */:
                span.startTime = readSecondsNanos(r.message());
                break;
            case 58 /* SpanField.duration */:
                span.duration = readSecondsNanos(r.message());
                break;
            case 66 /* SpanField.tags */:
                span.tags.push(readKeyValue(r.message(), warnings));
                break;
            case 74 /* SpanField.logs */:
                span.logs.push(readLog(r.message(), warnings));
                break;
            case 82 /* SpanField.process */:
                process = readProcess(r.message(), warnings);
                break;
            case 98 /* SpanField.warnings */:
                warnings.push(r.string());
                break;
            default:
                // process_id (11) only matters inside a Trace message, which Skein does not read.
                r.skip(tag & 7);
        }
    }
    const traceId = idFromBytes(traceIdBytes, 16, 'traceId');
    const spanId = idFromBytes(spanIdBytes, 8, 'spanId');
    if (traceId.ok)
        span.traceId = traceId.id;
    else
        span.traceId = traceIdBytes.length <= 16 ? bytesToHex(traceIdBytes).padStart(32, '0') : '';
    if (spanId.ok)
        span.spanId = spanId.id;
    else
        span.spanId = spanIdBytes.length <= 8 ? bytesToHex(spanIdBytes).padStart(16, '0') : '';
    if (process)
        span.process = process;
    const decoded = { span, hasProcess: process !== undefined };
    if (!traceId.ok)
        decoded.problem = traceId.reason;
    else if (!spanId.ok)
        decoded.problem = spanId.reason;
    if (span.duration < 0) {
        warnings.push(`duration ${span.duration}µs is negative; set to 0`);
        span.duration = 0;
    }
    return decoded;
}
/** Adds a decoded span to the batch outcome, refusing it with its reason when its ids are invalid. */
export function acceptOrReject(decoded, out) {
    if (decoded.problem === undefined) {
        out.spans.push(decoded.span);
        return;
    }
    const rejected = { reason: decoded.problem };
    if (decoded.span.traceId)
        rejected.traceId = decoded.span.traceId;
    if (decoded.span.spanId)
        rejected.spanId = decoded.span.spanId;
    out.rejected.push(rejected);
}
/** Reads a `jaeger.api_v2.Batch`: spans without their own process take the batch's. */
export function readBatch(r, out) {
    const spans = [];
    let batchProcess;
    const batchWarnings = [];
    while (r.more()) {
        const tag = r.tag();
        if (tag === 10 /* BatchField.spans */)
            spans.push(readSpan(r.message()));
        else if (tag === 18 /* BatchField.process */)
            batchProcess = readProcess(r.message(), batchWarnings);
        else
            r.skip(tag & 7);
    }
    const shared = batchProcess ?? { serviceName: '', tags: [] };
    for (const decoded of spans) {
        if (!decoded.hasProcess)
            decoded.span.process = shared;
        if (batchWarnings.length)
            decoded.span.warnings.push(...batchWarnings);
        acceptOrReject(decoded, out);
    }
}
export function decodePostSpansRequest(payload, format) {
    const out = { spans: [], rejected: [] };
    const r = protoReader(payload, format);
    while (r.more()) {
        const tag = r.tag();
        if (tag === 10 /* PostSpansRequestField.batch */)
            readBatch(r.message(), out);
        else
            r.skip(tag & 7);
    }
    return out;
}
/** One `jaeger.api_v2.Span` message with its process embedded (Jaeger's Kafka `protobuf` encoding). */
export function decodeSingleSpan(payload, format) {
    const out = { spans: [], rejected: [] };
    const decoded = readSpan(protoReader(payload, format));
    if (!decoded.hasProcess)
        decoded.span.process = { serviceName: '', tags: [] };
    acceptOrReject(decoded, out);
    return out;
}
//# sourceMappingURL=decode.js.map