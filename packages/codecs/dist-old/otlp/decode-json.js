import { base64ToBytes, field, isJsonObject, parseJsonPayload } from '../protobuf/index.js';
import { jsonFieldReaders } from '../protobuf/json-input.js';
import { anyValueToTag } from './any-value.js';
import { SPAN_KIND_NAMES, STATUS_CODE_NAMES } from './fields.js';
import { isNoParent, otlpIdFromHex } from './ids.js';
import { emptySpanInput } from './input.js';
import { collect, resourceToProcess, translateSpan } from './translate.js';
/**
 * OTLP/JSON (the OTLP spec's JSON encoding): proto3 JSON mapping with hex trace/span ids. Field names in
 * lowerCamelCase or their proto names, enums as numbers or names, 64-bit integers as strings or numbers.
 */
export const OTLP_JSON_FORMAT = 'otlp.json';
/** Same nesting limit as the protobuf reader, for arrayValue/kvlistValue. */
const MAX_VALUE_DEPTH = 64;
const jsonFields = jsonFieldReaders(OTLP_JSON_FORMAT);
const fail = jsonFields.fail;
const text = jsonFields.string;
const list = jsonFields.array;
function obj(value, path) {
    if (value === undefined || value === null)
        return {};
    if (!isJsonObject(value))
        fail(path, 'expected an object');
    return value;
}
function uint32(value, path) {
    if (value === undefined || value === null)
        return 0;
    const n = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 0xffffffff)
        fail(path, 'expected a uint32');
    return n;
}
function enumValue(value, names, path) {
    if (value === undefined || value === null)
        return 0;
    if (typeof value === 'number' && Number.isInteger(value) && value >= -0x80000000 && value <= 0x7fffffff)
        return value;
    if (typeof value === 'string') {
        const index = names.indexOf(value);
        if (index >= 0)
            return index;
    }
    return fail(path, `unknown enum value ${JSON.stringify(value).slice(0, 40)}`);
}
function int64(value, path) {
    if (typeof value === 'number' && Number.isInteger(value))
        return BigInt(value);
    if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) {
        const n = BigInt(value);
        if (n >= -(2n ** 63n) && n < 2n ** 63n)
            return n;
    }
    return fail(path, `not an int64: ${JSON.stringify(value).slice(0, 40)}`);
}
/** fixed64 nanoseconds → [whole micros, dropped nanos], exact for decimal strings of any size. */
function nanos(value, path) {
    if (value === undefined || value === null)
        return [0, 0];
    let digits;
    if (typeof value === 'string' && /^\d{1,20}$/.test(value))
        digits = value;
    else if (typeof value === 'number' && Number.isInteger(value) && value >= 0)
        digits = BigInt(value).toString();
    else
        return fail(path, `not a uint64 nanosecond time: ${JSON.stringify(value).slice(0, 40)}`);
    if (digits.length <= 3)
        return [0, Number(digits)];
    return [Number(digits.slice(0, -3)), Number(digits.slice(-3))];
}
function double(value, path) {
    if (typeof value === 'number')
        return value;
    if (value === 'NaN')
        return NaN;
    if (value === 'Infinity')
        return Infinity;
    if (value === '-Infinity')
        return -Infinity;
    if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
        return Number(value);
    return fail(path, `not a double: ${JSON.stringify(value).slice(0, 40)}`);
}
function anyValue(value, path, depth) {
    if (depth > MAX_VALUE_DEPTH)
        fail(path, `nesting deeper than ${MAX_VALUE_DEPTH}`);
    const o = obj(value, path);
    let v;
    if ((v = field(o, 'stringValue', 'string_value')) !== undefined)
        return text(v, `${path}.stringValue`);
    if ((v = field(o, 'boolValue', 'bool_value')) !== undefined) {
        if (typeof v !== 'boolean')
            fail(`${path}.boolValue`, 'expected a boolean');
        return v;
    }
    if ((v = field(o, 'intValue', 'int_value')) !== undefined)
        return int64(v, `${path}.intValue`);
    if ((v = field(o, 'doubleValue', 'double_value')) !== undefined)
        return double(v, `${path}.doubleValue`);
    if ((v = field(o, 'bytesValue', 'bytes_value')) !== undefined) {
        const bytes = base64ToBytes(text(v, `${path}.bytesValue`));
        if (!bytes)
            fail(`${path}.bytesValue`, 'not base64');
        return bytes;
    }
    if ((v = field(o, 'arrayValue', 'array_value')) !== undefined) {
        return list(field(obj(v, `${path}.arrayValue`), 'values'), `${path}.arrayValue.values`).map((item, i) => anyValue(item, `${path}.arrayValue.values[${i}]`, depth + 1));
    }
    if ((v = field(o, 'kvlistValue', 'kvlist_value')) !== undefined) {
        const pairs = list(field(obj(v, `${path}.kvlistValue`), 'values'), `${path}.kvlistValue.values`).map((item, i) => keyValue(item, `${path}.kvlistValue.values[${i}]`, depth + 1));
        return { kvlist: pairs };
    }
    return null;
}
function keyValue(value, path, depth) {
    const o = obj(value, path);
    return [text(field(o, 'key'), `${path}.key`), anyValue(field(o, 'value'), `${path}.value`, depth)];
}
function attributes(value, path) {
    return list(value, path).map((item, i) => {
        const [key, v] = keyValue(item, `${path}[${i}]`, 0);
        return anyValueToTag(key, v);
    });
}
function event(value, path) {
    const o = obj(value, path);
    return {
        timeMicros: nanos(field(o, 'timeUnixNano', 'time_unix_nano'), `${path}.timeUnixNano`)[0],
        name: text(field(o, 'name'), `${path}.name`),
        attributes: attributes(field(o, 'attributes'), `${path}.attributes`),
        droppedAttributesCount: uint32(field(o, 'droppedAttributesCount', 'dropped_attributes_count'), `${path}.droppedAttributesCount`),
    };
}
function link(value, path) {
    const o = obj(value, path);
    return {
        traceId: otlpIdFromHex(text(field(o, 'traceId', 'trace_id'), `${path}.traceId`), 16, 'link traceId'),
        spanId: otlpIdFromHex(text(field(o, 'spanId', 'span_id'), `${path}.spanId`), 8, 'link spanId'),
        traceState: text(field(o, 'traceState', 'trace_state'), `${path}.traceState`),
        attributes: attributes(field(o, 'attributes'), `${path}.attributes`),
        droppedAttributesCount: uint32(field(o, 'droppedAttributesCount', 'dropped_attributes_count'), `${path}.droppedAttributesCount`),
        flags: uint32(field(o, 'flags'), `${path}.flags`),
    };
}
function span(value, path) {
    const o = obj(value, path);
    const s = emptySpanInput();
    s.traceId = otlpIdFromHex(text(field(o, 'traceId', 'trace_id'), `${path}.traceId`), 16, 'traceId');
    s.spanId = otlpIdFromHex(text(field(o, 'spanId', 'span_id'), `${path}.spanId`), 8, 'spanId');
    const parent = otlpIdFromHex(text(field(o, 'parentSpanId', 'parent_span_id'), `${path}.parentSpanId`), 8, 'parentSpanId');
    s.parentSpanId = isNoParent(parent) ? undefined : parent;
    s.traceState = text(field(o, 'traceState', 'trace_state'), `${path}.traceState`);
    s.flags = uint32(field(o, 'flags'), `${path}.flags`);
    s.name = text(field(o, 'name'), `${path}.name`);
    s.kind = enumValue(field(o, 'kind'), SPAN_KIND_NAMES, `${path}.kind`);
    [s.startMicros, s.startNanosRemainder] = nanos(field(o, 'startTimeUnixNano', 'start_time_unix_nano'), `${path}.startTimeUnixNano`);
    [s.endMicros, s.endNanosRemainder] = nanos(field(o, 'endTimeUnixNano', 'end_time_unix_nano'), `${path}.endTimeUnixNano`);
    s.attributes = attributes(field(o, 'attributes'), `${path}.attributes`);
    s.droppedAttributesCount = uint32(field(o, 'droppedAttributesCount', 'dropped_attributes_count'), `${path}.droppedAttributesCount`);
    s.events = list(field(o, 'events'), `${path}.events`).map((e, i) => event(e, `${path}.events[${i}]`));
    s.droppedEventsCount = uint32(field(o, 'droppedEventsCount', 'dropped_events_count'), `${path}.droppedEventsCount`);
    s.links = list(field(o, 'links'), `${path}.links`).map((l, i) => link(l, `${path}.links[${i}]`));
    s.droppedLinksCount = uint32(field(o, 'droppedLinksCount', 'dropped_links_count'), `${path}.droppedLinksCount`);
    const status = obj(field(o, 'status'), `${path}.status`);
    s.statusMessage = text(field(status, 'message'), `${path}.status.message`);
    s.statusCode = enumValue(field(status, 'code'), STATUS_CODE_NAMES, `${path}.status.code`);
    return s;
}
function scope(value, path) {
    const o = obj(value, path);
    return { name: text(field(o, 'name'), `${path}.name`), version: text(field(o, 'version'), `${path}.version`) };
}
export function decodeOtlpJsonValue(root, options = {}) {
    const out = { spans: [], rejected: [] };
    if (!isJsonObject(root))
        fail('', 'expected a JSON object (ExportTraceServiceRequest)');
    list(field(root, 'resourceSpans', 'resource_spans'), 'resourceSpans').forEach((rsValue, i) => {
        const rsPath = `resourceSpans[${i}]`;
        const rs = obj(rsValue, rsPath);
        const resource = obj(field(rs, 'resource'), `${rsPath}.resource`);
        let process;
        const attrs = attributes(field(resource, 'attributes'), `${rsPath}.resource.attributes`);
        const scopeSpansLists = [
            ['scopeSpans', 'scope', field(rs, 'scopeSpans', 'scope_spans')],
            ['instrumentationLibrarySpans', 'instrumentationLibrary', field(rs, 'instrumentationLibrarySpans', 'instrumentation_library_spans')],
        ];
        for (const [listName, scopeName, scopeSpansValue] of scopeSpansLists) {
            list(scopeSpansValue, `${rsPath}.${listName}`).forEach((ssValue, j) => {
                const ssPath = `${rsPath}.${listName}[${j}]`;
                const ss = obj(ssValue, ssPath);
                const scopeValue = scopeName === 'scope' ? field(ss, 'scope') : field(ss, 'instrumentationLibrary', 'instrumentation_library');
                const sc = scope(scopeValue, `${ssPath}.${scopeName}`);
                const spans = list(field(ss, 'spans'), `${ssPath}.spans`).map((sp, k) => span(sp, `${ssPath}.spans[${k}]`));
                for (const input of spans)
                    collect(translateSpan(input, sc, (process ??= resourceToProcess(attrs)), options), out);
            });
        }
    });
    return out;
}
export function decodeOtlpJson(payload, options = {}) {
    return decodeOtlpJsonValue(parseJsonPayload(payload, OTLP_JSON_FORMAT), options);
}
//# sourceMappingURL=decode-json.js.map