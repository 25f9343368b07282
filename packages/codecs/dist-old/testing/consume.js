/** What a validating pipeline stage does to each string: one regex test, which needs a flat string. */
const PRINTABLE = /^[\x20-\x7e]*$/;
function touch(text) {
    return PRINTABLE.test(text) ? 1 : 0;
}
function touchTags(tags) {
    let n = 0;
    for (const tag of tags)
        n += touch(tag.key) + (tag.type === 'string' ? touch(tag.value) : 0);
    return n;
}
/** Reads every string of the decoded spans once, as a downstream consumer would, so rope strings show their cost. */
export function consumeSpans(spans) {
    let n = 0;
    for (const span of spans) {
        n += touch(span.traceId) + touch(span.spanId) + touch(span.operationName) + touch(span.process.serviceName);
        for (const ref of span.references)
            n += touch(ref.traceId) + touch(ref.spanId);
        n += touchTags(span.tags) + touchTags(span.process.tags);
        for (const log of span.logs)
            n += touchTags(log.fields);
    }
    return n;
}
export function decodeAndConsume(decode) {
    return consumeSpans(decode().spans);
}
//# sourceMappingURL=consume.js.map