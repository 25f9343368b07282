import { endpointFromJson } from './endpoint-json.js';
import { parseZipkinSpanId, parseZipkinTraceId } from './hex-ids.js';
import { convertJsonSpans, isObject, own, ownNumber, ownString, SpanProblem } from './json-input.js';
/** Zipkin v1 JSON spans (`POST /api/v1/spans`) to v1 shape; a malformed span is rejected, the rest kept. */
export function spansFromV1Json(items, rejected) {
    return convertJsonSpans(items, spanFromV1Json, rejected);
}
export function idsFromJson(obj) {
    const traceText = ownString(obj, 'traceId') ?? '';
    const trace = parseZipkinTraceId(traceText);
    if (!trace)
        throw new SpanProblem(`traceId: "${traceText.slice(0, 40)}" is not 1-32 hex digits`);
    const idText = ownString(obj, 'id') ?? '';
    const id = parseZipkinSpanId(idText);
    if (!id)
        throw new SpanProblem(`id: "${idText.slice(0, 40)}" is not 1-16 hex digits`);
    const parentText = ownString(obj, 'parentId');
    let parentId;
    if (parentText) {
        parentId = parseZipkinSpanId(parentText);
        if (!parentId)
            throw new SpanProblem(`parentId: "${parentText.slice(0, 40)}" is not 1-16 hex digits`);
    }
    return { traceIdHigh: trace.high === '0000000000000000' ? undefined : trace.high, traceId: trace.low, id, parentId };
}
function arrayOf(obj, key) {
    const v = own(obj, key);
    if (v === undefined || v === null)
        return [];
    if (!Array.isArray(v))
        throw new SpanProblem(`${key}: expected an array`);
    return v;
}
function spanFromV1Json(item) {
    if (!isObject(item))
        throw new SpanProblem('expected an object');
    const annotations = arrayOf(item, 'annotations').map((a, j) => {
        if (!isObject(a))
            throw new SpanProblem(`annotations[${j}]: expected an object`);
        return {
            timestamp: ownNumber(a, 'timestamp') ?? 0,
            value: ownString(a, 'value') ?? '',
            host: endpointFromJson(own(a, 'endpoint'), `annotations[${j}].endpoint`),
        };
    });
    const binaryAnnotations = arrayOf(item, 'binaryAnnotations').map((b, j) => {
        if (!isObject(b))
            throw new SpanProblem(`binaryAnnotations[${j}]: expected an object`);
        return {
            tag: binaryAnnotationFromJson(ownString(b, 'key') ?? '', ownString(b, 'type'), own(b, 'value')),
            host: endpointFromJson(own(b, 'endpoint'), `binaryAnnotations[${j}].endpoint`),
        };
    });
    const ids = idsFromJson(item);
    return {
        traceIdHigh: ids.traceIdHigh,
        traceId: ids.traceId,
        id: ids.id,
        parentId: ids.parentId,
        name: ownString(item, 'name') ?? '',
        annotations,
        binaryAnnotations,
        debug: own(item, 'debug') === true,
        timestamp: ownNumber(item, 'timestamp'),
        duration: ownNumber(item, 'duration'),
    };
}
/** v1 JSON binary annotation values are typed by `type` (absent means STRING). */
function binaryAnnotationFromJson(key, type, value) {
    switch (type) {
        case 'BOOL':
            return { key, type: 'bool', value: value === true || value === 'true' };
        case 'I16':
        case 'I32':
        case 'I64': {
            const n = integerOf(value);
            if (n !== undefined)
                return { key, type: 'int64', value: n };
            return { key, type: 'string', value: `Cannot parse Zipkin value ${JSON.stringify(value) ?? ''} as ${type}` };
        }
        case 'DOUBLE': {
            const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
            if (!Number.isNaN(n))
                return { key, type: 'float64', value: n };
            return { key, type: 'string', value: `Cannot parse Zipkin value ${JSON.stringify(value) ?? ''} as DOUBLE` };
        }
        case 'BYTES': {
            const bytes = typeof value === 'string' ? base64Decode(value) : undefined;
            if (bytes)
                return { key, type: 'binary', value: bytes };
            return { key, type: 'string', value: `Cannot parse Zipkin value ${JSON.stringify(value) ?? ''} as BYTES` };
        }
        default:
            return { key, type: 'string', value: typeof value === 'string' ? value : (JSON.stringify(value) ?? '') };
    }
}
function integerOf(value) {
    if (typeof value === 'number' && Number.isFinite(value))
        return BigInt(Math.trunc(value));
    if (typeof value === 'string' && /^-?\d{1,19}$/.test(value))
        return BigInt.asIntN(64, BigInt(value));
    return undefined;
}
function base64Decode(text) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
        return undefined;
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++)
        out[i] = bin.charCodeAt(i);
    return out;
}
//# sourceMappingURL=json-v1.js.map