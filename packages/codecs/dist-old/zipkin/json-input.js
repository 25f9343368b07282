import { DecodeError } from '../errors.js';
import { field, isJsonObject, parseJsonPayload } from '../protobuf/json-input.js';
/** Parses a JSON body that must be an array (of spans). Any parse problem is a DecodeError. */
export function parseJsonArray(format, payload) {
    const parsed = parseJsonPayload(payload, format, 'body');
    if (!Array.isArray(parsed))
        throw new DecodeError(format, 'expected a JSON array of spans');
    return parsed;
}
export const isObject = isJsonObject;
/** Reads an own property only, so keys like `__proto__` or `constructor` in input never reach prototypes. */
export function own(obj, key) {
    return field(obj, key);
}
export function ownString(obj, key) {
    const v = field(obj, key);
    return typeof v === 'string' ? v : undefined;
}
export function ownNumber(obj, key) {
    const v = field(obj, key);
    return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : undefined;
}
/** Thrown inside a span's conversion; becomes a per-span rejection, not a batch failure. */
export class SpanProblem extends Error {
}
/**
 * Converts each JSON span with `convert`. A SpanProblem rejects only that span, with the ids it carried when they
 * are strings; the other spans are kept.
 */
export function convertJsonSpans(items, convert, rejected) {
    const spans = [];
    items.forEach((item, i) => {
        try {
            spans.push(convert(item));
        }
        catch (e) {
            if (!(e instanceof SpanProblem))
                throw e;
            const ids = isObject(item) ? { traceId: ownString(item, 'traceId'), spanId: ownString(item, 'id') } : {};
            rejected.push({ reason: `spans[${i}].${e.message}`, ...ids });
        }
    });
    return spans;
}
//# sourceMappingURL=json-input.js.map