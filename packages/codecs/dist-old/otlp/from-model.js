import { SpanKind, StatusCode, SPAN_FLAGS_SAMPLED } from './fields.js';
import { NO_SERVICE_NAME, TagKey } from './translate.js';
const KIND_BY_TAG = {
    client: SpanKind.CLIENT,
    server: SpanKind.SERVER,
    producer: SpanKind.PRODUCER,
    consumer: SpanKind.CONSUMER,
    internal: SpanKind.INTERNAL,
};
function take(tags, key) {
    const index = tags.findIndex((tag) => tag.key === key);
    if (index < 0)
        return undefined;
    return tags.splice(index, 1)[0];
}
const stringOf = (tag) => (tag?.type === 'string' ? tag.value : '');
function httpStatusToCode(tag, kind) {
    const code = tag.type === 'int64' ? Number(tag.value) : tag.type === 'string' && /^-?\d+$/.test(tag.value) ? Number(tag.value) : NaN;
    if (Number.isNaN(code))
        return StatusCode.UNSET;
    if (code >= 400 && code < 500) {
        if (kind === SpanKind.CLIENT)
            return StatusCode.ERROR;
        if (kind === SpanKind.SERVER)
            return StatusCode.UNSET;
    }
    return code >= 100 && code < 400 ? StatusCode.UNSET : StatusCode.ERROR;
}
/** Status from tags, removing the ones it consumes (the `error` tag wins over `otel.status_code`). */
function takeStatus(tags, kind) {
    let code = StatusCode.UNSET;
    let message = '';
    let found = false;
    const errorIndex = tags.findIndex((tag) => tag.key === TagKey.error && tag.type === 'bool');
    if (errorIndex >= 0 && tags[errorIndex].value) {
        tags.splice(errorIndex, 1);
        code = StatusCode.ERROR;
        found = true;
        const description = take(tags, TagKey.statusDescription);
        if (description)
            message = stringOf(description);
        else
            message = stringOf(tags.find((tag) => tag.key === 'http.status_message'));
    }
    const statusCode = take(tags, TagKey.statusCode);
    if (statusCode) {
        if (!found) {
            found = true;
            const value = stringOf(statusCode).toUpperCase();
            code = value === 'OK' ? StatusCode.OK : value === 'ERROR' ? StatusCode.ERROR : StatusCode.UNSET;
            const description = take(tags, TagKey.statusDescription);
            if (description)
                message = stringOf(description);
        }
    }
    else if (!found) {
        const http = tags.find((tag) => tag.key === 'http.status_code');
        if (http) {
            code = httpStatusToCode(http, kind);
            if (code !== StatusCode.UNSET)
                message = stringOf(tags.find((tag) => tag.key === 'http.status_message'));
        }
    }
    return { code, message };
}
export function spanToOtlp(span) {
    const tags = [...span.tags];
    const scopeNameTag = take(tags, TagKey.scopeName) ?? take(tags, TagKey.libraryName);
    const scopeVersionTag = take(tags, TagKey.scopeVersion) ?? take(tags, TagKey.libraryVersion);
    const kindTag = take(tags, TagKey.spanKind);
    const kind = KIND_BY_TAG[stringOf(kindTag)] ?? SpanKind.UNSPECIFIED;
    const status = takeStatus(tags, kind);
    const traceState = stringOf(take(tags, TagKey.traceState));
    const parent = span.references.find((ref) => ref.refType === 'CHILD_OF' && ref.traceId === span.traceId);
    const parentSpanId = parent?.spanId ?? '';
    const links = span.references
        .filter((ref) => !(ref.refType === 'CHILD_OF' && ref.spanId === parentSpanId))
        .map((ref) => ({
        traceId: ref.traceId,
        spanId: ref.spanId,
        attributes: [{ key: TagKey.refType, type: 'string', value: ref.refType === 'CHILD_OF' ? 'child_of' : 'follows_from' }],
    }));
    return {
        scope: { name: stringOf(scopeNameTag), version: stringOf(scopeVersionTag) },
        span: {
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId,
            traceState,
            flags: span.flags & 1 ? SPAN_FLAGS_SAMPLED : 0,
            name: span.operationName,
            kind,
            startMicros: span.startTime,
            endMicros: span.startTime + span.duration,
            attributes: tags,
            events: span.logs.map((log) => {
                const fields = [...log.fields];
                const nameTag = take(fields, TagKey.event);
                return { timeMicros: log.timestamp, name: stringOf(nameTag), attributes: fields };
            }),
            links,
            statusCode: status.code,
            statusMessage: status.message,
        },
    };
}
export function processToResourceAttributes(process) {
    const attributes = [];
    if (process.serviceName && process.serviceName !== NO_SERVICE_NAME) {
        attributes.push({ key: TagKey.serviceName, type: 'string', value: process.serviceName });
    }
    for (const tag of process.tags)
        attributes.push(tag);
    return attributes;
}
function processKey(process) {
    const parts = [process.serviceName];
    for (const tag of process.tags) {
        const value = tag.type === 'binary' ? Buffer.from(tag.value).toString('base64') : String(tag.value);
        parts.push(`${tag.key}\u0000${tag.type}\u0000${value}`);
    }
    return parts.join('\u0001');
}
/** Groups spans into resources (equal processes merge) and scopes, keeping the input order within each. */
export function spansToOtlp(spans) {
    const resources = new Map();
    const byIdentity = new Map();
    for (const span of spans) {
        let key = byIdentity.get(span.process);
        if (key === undefined) {
            key = processKey(span.process);
            byIdentity.set(span.process, key);
        }
        let entry = resources.get(key);
        if (!entry) {
            entry = { resource: { attributes: processToResourceAttributes(span.process), scopes: [] }, scopes: new Map() };
            resources.set(key, entry);
        }
        const converted = spanToOtlp(span);
        const scopeKey = `${converted.scope.name}\u0000${converted.scope.version}`;
        let scope = entry.scopes.get(scopeKey);
        if (!scope) {
            scope = { ...converted.scope, spans: [] };
            entry.scopes.set(scopeKey, scope);
            entry.resource.scopes.push(scope);
        }
        scope.spans.push(converted.span);
    }
    return [...resources.values()].map((entry) => entry.resource);
}
//# sourceMappingURL=from-model.js.map