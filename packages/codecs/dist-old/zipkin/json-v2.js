import { endpointFromJson } from './endpoint-json.js';
import { idsFromJson } from './json-v1.js';
import { convertJsonSpans, isObject, own, ownNumber, ownString, SpanProblem } from './json-input.js';
const kinds = new Set(['CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER']);
/** Zipkin v2 JSON spans (`POST /api/v2/spans`); a malformed span is rejected, the rest kept. */
export function spansFromV2Json(items, rejected) {
    return convertJsonSpans(items, spanFromV2Json, rejected);
}
function spanFromV2Json(item) {
    if (!isObject(item))
        throw new SpanProblem('expected an object');
    const kindText = ownString(item, 'kind');
    if (kindText !== undefined && !kinds.has(kindText))
        throw new SpanProblem(`kind: "${kindText.slice(0, 20)}" is not CLIENT, SERVER, PRODUCER or CONSUMER`);
    const rawAnnotations = own(item, 'annotations') ?? [];
    if (!Array.isArray(rawAnnotations))
        throw new SpanProblem('annotations: expected an array');
    const annotations = rawAnnotations.map((a, j) => {
        if (!isObject(a))
            throw new SpanProblem(`annotations[${j}]: expected an object`);
        return { timestamp: ownNumber(a, 'timestamp') ?? 0, value: ownString(a, 'value') ?? '' };
    });
    const rawTags = own(item, 'tags') ?? {};
    if (!isObject(rawTags))
        throw new SpanProblem('tags: expected an object');
    // Object.keys lists own keys only, in Object.entries order; a `__proto__` key is just a tag named "__proto__".
    const tags = [];
    for (const key of Object.keys(rawTags)) {
        const value = rawTags[key];
        if (typeof value !== 'string')
            throw new SpanProblem(`tags.${key.slice(0, 40)}: expected a string value`);
        tags.push([key, value]);
    }
    const ids = idsFromJson(item);
    return {
        traceIdHigh: ids.traceIdHigh,
        traceId: ids.traceId,
        id: ids.id,
        parentId: ids.parentId,
        name: ownString(item, 'name') ?? '',
        kind: kindText,
        timestamp: ownNumber(item, 'timestamp'),
        duration: ownNumber(item, 'duration'),
        localEndpoint: endpointFromJson(own(item, 'localEndpoint'), 'localEndpoint'),
        remoteEndpoint: endpointFromJson(own(item, 'remoteEndpoint'), 'remoteEndpoint'),
        annotations,
        tags,
        debug: own(item, 'debug') === true,
        shared: own(item, 'shared') === true,
    };
}
//# sourceMappingURL=json-v2.js.map