import { base64ToBytes, bytesToBase64, field, formatDurationMicros, formatTimestampMicros, idFromBytes, idFromHex, idToBytes, isJsonObject, parseDurationMicros, parseJsonPayload, parseTimestampMicros, } from '../protobuf/index.js';
import { jsonFieldReaders } from '../protobuf/json-input.js';
import { REF_TYPES, VALUE_TYPES, VALUE_TYPE_NAMES } from './fields.js';
import { acceptOrReject } from './decode.js';
/**
 * Jaeger's Kafka `json` encoding: one `jaeger.api_v2.Span` (process embedded) in the proto3 JSON mapping as Go's
 * gogo `jsonpb.Marshaler{}` writes it — lowerCamelCase names, zero values omitted, enums by name, int64 as
 * strings, ids as base64 of their 16/8 big-endian bytes, RFC 3339 timestamps, "1.5s" durations.
 */
export const JAEGER_JSON_FORMAT = 'jaeger.json.span';
const encoder = new TextEncoder();
function tagToJson(tag) {
    const out = { key: tag.key };
    switch (tag.type) {
        case 'string':
            if (tag.value)
                out.vStr = tag.value;
            break;
        case 'bool':
            out.vType = 'BOOL';
            if (tag.value)
                out.vBool = true;
            break;
        case 'int64':
            out.vType = 'INT64';
            if (tag.value !== 0n)
                out.vInt64 = tag.value.toString();
            break;
        case 'float64':
            out.vType = 'FLOAT64';
            if (!Object.is(tag.value, 0))
                out.vFloat64 = Number.isFinite(tag.value) ? tag.value : String(tag.value);
            break;
        case 'binary':
            out.vType = 'BINARY';
            if (tag.value.length)
                out.vBinary = bytesToBase64(tag.value);
            break;
    }
    return out;
}
function refToJson(ref) {
    const out = { traceId: bytesToBase64(idToBytes(ref.traceId)), spanId: bytesToBase64(idToBytes(ref.spanId)) };
    if (ref.refType === 'FOLLOWS_FROM')
        out.refType = 'FOLLOWS_FROM';
    return out;
}
function processToJson(process) {
    const out = {};
    if (process.serviceName)
        out.serviceName = process.serviceName;
    if (process.tags.length)
        out.tags = process.tags.map(tagToJson);
    return out;
}
export function spanToJaegerJson(span) {
    const out = {
        traceId: bytesToBase64(idToBytes(span.traceId)),
        spanId: bytesToBase64(idToBytes(span.spanId)),
    };
    if (span.operationName)
        out.operationName = span.operationName;
    if (span.references.length)
        out.references = span.references.map(refToJson);
    if (span.flags)
        out.flags = span.flags;
    out.startTime = formatTimestampMicros(span.startTime);
    out.duration = formatDurationMicros(span.duration);
    if (span.tags.length)
        out.tags = span.tags.map(tagToJson);
    if (span.logs.length) {
        out.logs = span.logs.map((log) => {
            const entry = { timestamp: formatTimestampMicros(log.timestamp) };
            if (log.fields.length)
                entry.fields = log.fields.map(tagToJson);
            return entry;
        });
    }
    out.process = processToJson(span.process);
    if (span.warnings.length)
        out.warnings = [...span.warnings];
    return out;
}
export function encodeJaegerJsonSpan(span) {
    return encoder.encode(JSON.stringify(spanToJaegerJson(span)));
}
// ---- decoding ----
const jsonFields = jsonFieldReaders(JAEGER_JSON_FORMAT);
const fail = jsonFields.fail;
const asString = jsonFields.string;
const asArray = jsonFields.array;
function asObject(value, path) {
    if (!isJsonObject(value))
        fail(path, 'expected an object');
    return value;
}
/** proto3 JSON enum: the name or its number. */
function asEnum(value, names, path) {
    if (value === undefined || value === null)
        return 0;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < names.length)
        return value;
    if (typeof value === 'string') {
        const index = names.indexOf(value);
        if (index >= 0)
            return index;
    }
    return fail(path, `unknown enum value ${JSON.stringify(value)}`);
}
/** proto3 JSON int64: a decimal string or a number. */
export function asInt64(value, path) {
    if (value === undefined || value === null)
        return 0n;
    if (typeof value === 'number' && Number.isInteger(value))
        return BigInt(value);
    if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) {
        const parsed = BigInt(value);
        if (parsed >= -(2n ** 63n) && parsed < 2n ** 63n)
            return parsed;
    }
    return fail(path, `not an int64: ${JSON.stringify(value).slice(0, 40)}`);
}
/** proto3 JSON double: a number or "NaN" / "Infinity" / "-Infinity" (or a numeric string). */
export function asDouble(value, path) {
    if (value === undefined || value === null)
        return 0;
    if (typeof value === 'number')
        return value;
    if (typeof value === 'string') {
        if (value === 'NaN')
            return NaN;
        if (value === 'Infinity')
            return Infinity;
        if (value === '-Infinity')
            return -Infinity;
        const parsed = Number(value);
        if (value.trim() !== '' && !Number.isNaN(parsed))
            return parsed;
    }
    return fail(path, `not a double: ${JSON.stringify(value).slice(0, 40)}`);
}
function asBytes(value, path) {
    const text = asString(value, path);
    const bytes = base64ToBytes(text);
    if (!bytes)
        fail(path, 'not base64');
    return bytes;
}
/** Jaeger writes ids as base64; hex of the right length is accepted too (unambiguous by length). */
function jsonId(value, width, path) {
    const text = asString(value, path);
    if (text.length === width * 2)
        return idFromHex(text, width, path);
    const bytes = base64ToBytes(text);
    if (!bytes)
        return { ok: false, reason: `${path}: neither base64 nor hex` };
    return idFromBytes(bytes, width, path);
}
function tagFromJson(value, path) {
    const o = asObject(value, path);
    const key = asString(field(o, 'key'), `${path}.key`);
    const type = VALUE_TYPES[asEnum(field(o, 'vType', 'v_type'), VALUE_TYPE_NAMES, `${path}.vType`)];
    switch (type) {
        case 'string':
            return { key, type, value: asString(field(o, 'vStr', 'v_str'), `${path}.vStr`) };
        case 'bool': {
            const raw = field(o, 'vBool', 'v_bool');
            if (raw !== undefined && raw !== null && typeof raw !== 'boolean')
                fail(`${path}.vBool`, 'expected a boolean');
            return { key, type, value: raw === true };
        }
        case 'int64':
            return { key, type, value: asInt64(field(o, 'vInt64', 'v_int64'), `${path}.vInt64`) };
        case 'float64':
            return { key, type, value: asDouble(field(o, 'vFloat64', 'v_float64'), `${path}.vFloat64`) };
        case 'binary':
            return { key, type, value: asBytes(field(o, 'vBinary', 'v_binary'), `${path}.vBinary`) };
    }
}
function timestamp(value, path) {
    if (value === undefined || value === null)
        return 0;
    const micros = parseTimestampMicros(asString(value, path));
    if (micros === undefined)
        fail(path, `not an RFC 3339 timestamp: ${JSON.stringify(value).slice(0, 40)}`);
    return micros;
}
function duration(value, path) {
    if (value === undefined || value === null)
        return 0;
    const micros = parseDurationMicros(asString(value, path));
    if (micros === undefined)
        fail(path, `not a duration: ${JSON.stringify(value).slice(0, 40)}`);
    return micros;
}
export function spanFromJaegerJson(value, out) {
    const o = asObject(value, 'span');
    const warnings = asArray(field(o, 'warnings'), 'warnings').map((w, i) => asString(w, `warnings[${i}]`));
    const references = [];
    asArray(field(o, 'references'), 'references').forEach((item, i) => {
        const path = `references[${i}]`;
        const ref = asObject(item, path);
        const traceId = jsonId(field(ref, 'traceId', 'trace_id'), 16, `${path}.traceId`);
        const spanId = jsonId(field(ref, 'spanId', 'span_id'), 8, `${path}.spanId`);
        const refType = REF_TYPES[asEnum(field(ref, 'refType', 'ref_type'), REF_TYPES, `${path}.refType`)];
        if (!traceId.ok)
            warnings.push(`${traceId.reason}; reference dropped`);
        else if (!spanId.ok)
            warnings.push(`${spanId.reason}; reference dropped`);
        else
            references.push({ refType, traceId: traceId.id, spanId: spanId.id });
    });
    const flagsRaw = field(o, 'flags');
    if (flagsRaw !== undefined && flagsRaw !== null && !(typeof flagsRaw === 'number' && Number.isInteger(flagsRaw) && flagsRaw >= 0 && flagsRaw <= 0xffffffff)) {
        fail('flags', 'expected a uint32');
    }
    const processJson = field(o, 'process');
    const process = { serviceName: '', tags: [] };
    if (processJson !== undefined && processJson !== null) {
        const p = asObject(processJson, 'process');
        process.serviceName = asString(field(p, 'serviceName', 'service_name'), 'process.serviceName');
        process.tags = asArray(field(p, 'tags'), 'process.tags').map((t, i) => tagFromJson(t, `process.tags[${i}]`));
    }
    const logs = asArray(field(o, 'logs'), 'logs').map((item, i) => {
        const log = asObject(item, `logs[${i}]`);
        return {
            timestamp: timestamp(field(log, 'timestamp'), `logs[${i}].timestamp`),
            fields: asArray(field(log, 'fields'), `logs[${i}].fields`).map((t, j) => tagFromJson(t, `logs[${i}].fields[${j}]`)),
        };
    });
    const traceId = jsonId(field(o, 'traceId', 'trace_id'), 16, 'traceId');
    const spanId = jsonId(field(o, 'spanId', 'span_id'), 8, 'spanId');
    let durationMicros = duration(field(o, 'duration'), 'duration');
    if (durationMicros < 0) {
        warnings.push(`duration ${durationMicros}µs is negative; set to 0`);
        durationMicros = 0;
    }
    const span = {
        traceId: traceId.ok ? traceId.id : '',
        spanId: spanId.ok ? spanId.id : '',
        operationName: asString(field(o, 'operationName', 'operation_name'), 'operationName'),
        references,
        flags: typeof flagsRaw === 'number' ? flagsRaw : 0,
        startTime: timestamp(field(o, 'startTime', 'start_time'), 'startTime'),
        duration: durationMicros,
        tags: asArray(field(o, 'tags'), 'tags').map((t, i) => tagFromJson(t, `tags[${i}]`)),
        logs,
        process,
        warnings,
    };
    const problem = !traceId.ok ? traceId.reason : !spanId.ok ? spanId.reason : undefined;
    acceptOrReject(problem === undefined ? { span, hasProcess: true } : { span, hasProcess: true, problem }, out);
}
export function decodeJaegerJsonSpan(payload) {
    const out = { spans: [], rejected: [] };
    spanFromJaegerJson(parseJsonPayload(payload, JAEGER_JSON_FORMAT), out);
    return out;
}
//# sourceMappingURL=json.js.map