import { bytesToBase64 } from '../protobuf/index.js';
export function isKvList(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
/**
 * JSON text of a value the way Jaeger renders array and kvlist attributes (Go's encoding/json over the raw value):
 * maps with sorted keys (last duplicate wins), ints exact, bytes as base64, non-finite doubles as null.
 */
export function anyValueToJson(value) {
    if (value === null)
        return 'null';
    switch (typeof value) {
        case 'string':
            return JSON.stringify(value);
        case 'boolean':
            return value ? 'true' : 'false';
        case 'bigint':
            return value.toString();
        case 'number':
            return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    }
    if (value instanceof Uint8Array)
        return JSON.stringify(bytesToBase64(value));
    if (Array.isArray(value))
        return `[${value.map(anyValueToJson).join(',')}]`;
    const entries = new Map();
    for (const [key, item] of value.kvlist)
        entries.set(key, item);
    const keys = [...entries.keys()].sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${anyValueToJson(entries.get(key))}`).join(',')}}`;
}
/** Jaeger's attribute → tag rule: scalars keep their type, array/kvlist become a JSON string, unset becomes "". */
export function anyValueToTag(key, value) {
    if (value === null)
        return { key, type: 'string', value: '' };
    switch (typeof value) {
        case 'string':
            return { key, type: 'string', value };
        case 'boolean':
            return { key, type: 'bool', value };
        case 'bigint':
            return { key, type: 'int64', value };
        case 'number':
            return { key, type: 'float64', value };
    }
    if (value instanceof Uint8Array)
        return { key, type: 'binary', value };
    return { key, type: 'string', value: anyValueToJson(value) };
}
//# sourceMappingURL=any-value.js.map