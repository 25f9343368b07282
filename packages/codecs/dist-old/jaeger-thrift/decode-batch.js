import { inField } from '../thrift/field-path.js';
import { partsToBigInt, partsToHex, partsToNumber, wordsToHex128 } from '../thrift/int64.js';
import { readStructList } from '../thrift/struct-list.js';
import { TType } from '../thrift/types.js';
import { BatchField, JaegerSpanRefType, JaegerTagType, LogField, ProcessField, SpanField, SpanRefField, TagField, } from './idl.js';
const EMPTY_BYTES = new Uint8Array(0);
/** Reads a `jaeger.thrift` Batch struct into model spans; every span gets the batch's process. */
export function readBatch(r) {
    let process;
    let decoded = [];
    r.readStructBegin();
    for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
        const id = r.fieldId;
        if (id === BatchField.process && t === TType.STRUCT) {
            try {
                process = readProcess(r);
            }
            catch (e) {
                throw inField(e, 'batch.process');
            }
        }
        else if (id === BatchField.spans && t === TType.LIST) {
            try {
                decoded = readStructList(r, readSpan);
            }
            catch (e) {
                throw inField(e, 'batch.spans');
            }
        }
        else
            r.skip(t);
    }
    r.readStructEnd();
    if (!process)
        throw r.fail('Batch.process: required field is missing');
    const spans = [];
    const rejected = [];
    for (const item of decoded) {
        if ('reason' in item)
            rejected.push(item);
        else {
            item.process = process;
            spans.push(item);
        }
    }
    return { spans, rejected };
}
const NO_PROCESS = { serviceName: '', tags: [] };
/**
 * Reads one Span struct into a span (its process still to be set by the batch), or a rejection when its ids are
 * unusable. Ids stay as 32-bit words until the end, so each becomes hex once.
 */
function readSpan(r) {
    let traceLowHi = 0;
    let traceLowLo = 0;
    let traceHighHi = 0;
    let traceHighLo = 0;
    let spanIdHi = 0;
    let spanIdLo = 0;
    let parentHi = 0;
    let parentLo = 0;
    let operationName = '';
    let references = [];
    let flags = 0;
    let startTime = 0;
    let duration = 0;
    let tags = [];
    let logs = [];
    let seenTraceLow = false;
    let seenSpanId = false;
    let current = 0;
    r.readStructBegin();
    try {
        for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
            const id = r.fieldId;
            current = id;
            if (t === TType.I64) {
                r.readI64Parts();
                switch (id) {
                    case SpanField.traceIdLow:
                        traceLowHi = r.hi;
                        traceLowLo = r.lo;
                        seenTraceLow = true;
                        break;
                    case SpanField.traceIdHigh:
                        traceHighHi = r.hi;
                        traceHighLo = r.lo;
                        break;
                    case SpanField.spanId:
                        spanIdHi = r.hi;
                        spanIdLo = r.lo;
                        seenSpanId = true;
                        break;
                    case SpanField.parentSpanId:
                        parentHi = r.hi;
                        parentLo = r.lo;
                        break;
                    case SpanField.startTime:
                        startTime = partsToNumber(r.hi, r.lo);
                        break;
                    case SpanField.duration:
                        duration = partsToNumber(r.hi, r.lo);
                        break;
                }
                continue;
            }
            switch (id) {
                case SpanField.operationName:
                    if (t !== TType.STRING)
                        break;
                    operationName = r.readKey();
                    continue;
                case SpanField.flags:
                    if (t !== TType.I32)
                        break;
                    flags = r.readI32() >>> 0;
                    continue;
                case SpanField.references:
                    if (t !== TType.LIST)
                        break;
                    references = readStructList(r, readSpanRef);
                    continue;
                case SpanField.tags:
                    if (t !== TType.LIST)
                        break;
                    tags = readStructList(r, readTag);
                    continue;
                case SpanField.logs:
                    if (t !== TType.LIST)
                        break;
                    logs = readStructList(r, readLog);
                    continue;
            }
            r.skip(t);
        }
    }
    catch (e) {
        throw inField(e, spanFieldName(current));
    }
    r.readStructEnd();
    const traceId = wordsToHex128(traceHighHi, traceHighLo, traceLowHi, traceLowLo);
    const spanId = partsToHex(spanIdHi, spanIdLo);
    const traceIdIsZero = (traceHighHi | traceHighLo | traceLowHi | traceLowLo) === 0;
    const spanIdIsZero = (spanIdHi | spanIdLo) === 0;
    if (!seenTraceLow || !seenSpanId || traceIdIsZero || spanIdIsZero) {
        const reason = !seenTraceLow
            ? 'traceIdLow: required field is missing'
            : !seenSpanId
                ? 'spanId: required field is missing'
                : traceIdIsZero
                    ? 'traceId: all zeros'
                    : 'spanId: all zeros';
        return { reason, traceId, spanId };
    }
    if ((parentHi | parentLo) !== 0)
        references = withParent(references, traceId, partsToHex(parentHi, parentLo));
    return {
        traceId,
        spanId,
        operationName,
        references,
        flags,
        startTime,
        duration,
        tags,
        logs,
        process: NO_PROCESS,
        warnings: [],
    };
}
const spanFieldNames = new Map(Object.entries(SpanField).map(([name, id]) => [id, name]));
function spanFieldName(id) {
    return spanFieldNames.get(id) ?? `field ${id}`;
}
/** Jaeger's rule: a non-zero parentSpanId becomes a leading CHILD_OF reference unless it is already referenced. */
function withParent(refs, traceId, parentSpanId) {
    for (const ref of refs)
        if (ref.spanId === parentSpanId && ref.traceId === traceId)
            return refs;
    return [{ refType: 'CHILD_OF', traceId, spanId: parentSpanId }, ...refs];
}
export function readTag(r) {
    let key = '';
    let vType = -1;
    let vStr = '';
    let vDouble = 0;
    let vBool = false;
    let vLong = 0n;
    let vBinary = EMPTY_BYTES;
    r.readStructBegin();
    for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
        switch (r.fieldId) {
            case TagField.key:
                if (t !== TType.STRING)
                    break;
                key = r.readKey();
                continue;
            case TagField.vType:
                if (t !== TType.I32)
                    break;
                vType = r.readI32();
                continue;
            case TagField.vStr:
                if (t !== TType.STRING)
                    break;
                vStr = r.readString();
                continue;
            case TagField.vDouble:
                if (t !== TType.DOUBLE)
                    break;
                vDouble = r.readDouble();
                continue;
            case TagField.vBool:
                if (t !== TType.BOOL)
                    break;
                vBool = r.readBool();
                continue;
            case TagField.vLong:
                if (t !== TType.I64)
                    break;
                r.readI64Parts();
                vLong = partsToBigInt(r.hi, r.lo);
                continue;
            case TagField.vBinary:
                if (t !== TType.STRING)
                    break;
                vBinary = r.readBinary();
                continue;
        }
        r.skip(t);
    }
    r.readStructEnd();
    switch (vType) {
        case JaegerTagType.STRING:
            return { key, type: 'string', value: vStr };
        case JaegerTagType.DOUBLE:
            return { key, type: 'float64', value: vDouble };
        case JaegerTagType.BOOL:
            return { key, type: 'bool', value: vBool };
        case JaegerTagType.LONG:
            return { key, type: 'int64', value: vLong };
        case JaegerTagType.BINARY:
            return { key, type: 'binary', value: vBinary };
        default:
            return { key, type: 'string', value: `unknown Jaeger tag type ${vType}` };
    }
}
function readLog(r) {
    let timestamp = 0;
    let fields = [];
    r.readStructBegin();
    for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
        const id = r.fieldId;
        if (id === LogField.timestamp && t === TType.I64) {
            r.readI64Parts();
            timestamp = partsToNumber(r.hi, r.lo);
        }
        else if (id === LogField.fields && t === TType.LIST) {
            try {
                fields = readStructList(r, readTag);
            }
            catch (e) {
                throw inField(e, 'fields');
            }
        }
        else
            r.skip(t);
    }
    r.readStructEnd();
    return { timestamp, fields };
}
function readSpanRef(r) {
    let refType = 0;
    let lowHi = 0;
    let lowLo = 0;
    let highHi = 0;
    let highLo = 0;
    let spanIdHi = 0;
    let spanIdLo = 0;
    r.readStructBegin();
    for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
        const id = r.fieldId;
        if (id === SpanRefField.refType && t === TType.I32)
            refType = r.readI32();
        else if (t === TType.I64 && id >= SpanRefField.traceIdLow && id <= SpanRefField.spanId) {
            r.readI64Parts();
            if (id === SpanRefField.traceIdLow) {
                lowHi = r.hi;
                lowLo = r.lo;
            }
            else if (id === SpanRefField.traceIdHigh) {
                highHi = r.hi;
                highLo = r.lo;
            }
            else {
                spanIdHi = r.hi;
                spanIdLo = r.lo;
            }
        }
        else
            r.skip(t);
    }
    r.readStructEnd();
    return {
        refType: refType === JaegerSpanRefType.FOLLOWS_FROM ? 'FOLLOWS_FROM' : 'CHILD_OF',
        traceId: wordsToHex128(highHi, highLo, lowHi, lowLo),
        spanId: partsToHex(spanIdHi, spanIdLo),
    };
}
export function readProcess(r) {
    let serviceName = '';
    let tags = [];
    r.readStructBegin();
    for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
        const id = r.fieldId;
        if (id === ProcessField.serviceName && t === TType.STRING)
            serviceName = r.readKey();
        else if (id === ProcessField.tags && t === TType.LIST) {
            try {
                tags = readStructList(r, readTag);
            }
            catch (e) {
                throw inField(e, 'tags');
            }
        }
        else
            r.skip(t);
    }
    r.readStructEnd();
    return { serviceName, tags };
}
//# sourceMappingURL=decode-batch.js.map