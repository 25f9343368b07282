import { ZipkinConst } from './v1-span.js';
const ZERO_ID = '0000000000000000';
/**
 * Jaeger's Zipkin sanitizers, applied in Jaeger's order before translation: missing duration, missing start
 * time, zero parent id, and string `error` tags. Mutates and returns the span.
 */
export function sanitizeZipkinSpan(span) {
    sanitizeDuration(span);
    sanitizeStartTime(span);
    sanitizeParentId(span);
    sanitizeErrorTag(span);
    return span;
}
function addStringTag(span, key, value) {
    span.binaryAnnotations.push({ tag: { key, type: 'string', value }, host: undefined });
}
/** No duration: derive it from the annotations (cs→cr preferred), else 1µs. Negative: 1µs and an error tag. */
function sanitizeDuration(span) {
    if (span.duration === undefined) {
        let duration = 1;
        const annos = span.annotations;
        if (annos.length >= 2) {
            let first = annos[0].timestamp;
            let last = annos[annos.length - 1].timestamp;
            for (const a of annos) {
                if (a.value === ZipkinConst.CLIENT_SEND)
                    first = a.timestamp;
                else if (a.value === ZipkinConst.CLIENT_RECV)
                    last = a.timestamp;
            }
            if (first < last) {
                duration = last - first;
                span.timestamp ??= first;
            }
        }
        span.duration = duration;
        return;
    }
    if (span.duration < 0) {
        addStringTag(span, 'errNegativeDuration', String(span.duration));
        span.duration = 1;
    }
}
/** No start time: take `cs`, else `sr` of a root span. */
function sanitizeStartTime(span) {
    if (span.timestamp !== undefined)
        return;
    for (const a of span.annotations) {
        if (a.value === ZipkinConst.CLIENT_SEND) {
            span.timestamp = a.timestamp;
            return;
        }
        if (a.value === ZipkinConst.SERVER_RECV && span.parentId === undefined)
            span.timestamp = a.timestamp;
    }
}
/** A zero parent id means "no parent" in Zipkin; Jaeger records that it happened. */
function sanitizeParentId(span) {
    if (span.parentId !== ZERO_ID)
        return;
    span.parentId = undefined;
    addStringTag(span, 'errZeroParentID', '0');
}
/** A non-bool `error` tag becomes `error=true` (or false for "false"); a message moves to `error.message`. */
function sanitizeErrorTag(span) {
    const annos = span.binaryAnnotations;
    const n = annos.length;
    for (let i = 0; i < n; i++) {
        const ba = annos[i];
        const tag = ba.tag;
        if (tag.type === 'bool' || tag.key.toLowerCase() !== 'error')
            continue;
        let value = true;
        if (tag.type === 'string') {
            const text = tag.value;
            if (text.toLowerCase() === 'false')
                value = false;
            else if (text !== '' && text.toLowerCase() !== 'true')
                addStringTag(span, 'error.message', text);
        }
        const replaced = { key: tag.key, type: 'bool', value };
        ba.tag = replaced;
    }
}
//# sourceMappingURL=v1-sanitize.js.map