import { idFromBytes, idFromHex } from '../protobuf/index.js';
/** OTLP ids are exactly 16/8 bytes (protobuf) or 32/16 hex characters (JSON); anything else is refused. */
export function otlpIdFromBytes(bytes, width, field) {
    if (bytes.length === 0)
        return { ok: false, reason: `${field}: missing` };
    if (bytes.length !== width)
        return { ok: false, reason: `${field}: ${bytes.length} bytes, expected ${width}` };
    return idFromBytes(bytes, width, field);
}
export function otlpIdFromHex(text, width, field) {
    if (text.length === 0)
        return { ok: false, reason: `${field}: missing` };
    if (text.length !== width * 2)
        return { ok: false, reason: `${field}: ${text.length} hex characters, expected ${width * 2}` };
    return idFromHex(text, width, field);
}
/** A parent id: empty or all zeros means "no parent" (Jaeger tests `parentSpanID != 0`). */
export function isNoParent(result) {
    return !result.ok && (result.reason.endsWith(': missing') || result.reason.endsWith(': all zeros'));
}
//# sourceMappingURL=ids.js.map