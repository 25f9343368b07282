import { sanitizeZipkinSpan } from './v1-sanitize.js';
import { ZipkinConst } from './v1-span.js';
export const UNKNOWN_SERVICE_NAME = 'unknown-service-name';
const ZERO_ID = '0000000000000000';
const DEBUG_FLAG = 2;
/** Core annotation → `span.kind`. Jaeger v1 knows cs/cr/sr/ss; ms/mr (from v2 PRODUCER/CONSUMER) are Skein's addition. */
const coreAnnotationKinds = new Map([
    [ZipkinConst.SERVER_RECV, 'server'],
    [ZipkinConst.SERVER_SEND, 'server'],
    [ZipkinConst.CLIENT_RECV, 'client'],
    [ZipkinConst.CLIENT_SEND, 'client'],
    [ZipkinConst.MESSAGE_SEND, 'producer'],
    [ZipkinConst.MESSAGE_RECV, 'consumer'],
]);
/** Tags that describe the emitting process rather than the span, and their process-tag names. */
const processTagKeys = new Map([
    ['jaegerClient', 'jaeger.version'],
    ['jaeger.hostname', 'hostname'],
    ['jaeger.version', 'jaeger.version'],
]);
/** Translates v1-shaped Zipkin spans by Jaeger's rules (sanitizers first). Spans with unusable ids are rejected. */
export function decodeZipkinV1(zspans, rejected = []) {
    const spans = [];
    for (const z of zspans) {
        const traceId = (z.traceIdHigh ?? ZERO_ID) + z.traceId;
        if (traceId === ZERO_ID + ZERO_ID) {
            rejected.push({ reason: 'traceId: all zeros', traceId, spanId: z.id });
            continue;
        }
        if (z.id === ZERO_ID) {
            rejected.push({ reason: 'id: all zeros', traceId, spanId: z.id });
            continue;
        }
        sanitizeZipkinSpan(z);
        for (const span of toModelSpans(z, traceId))
            spans.push(span);
    }
    return { spans, rejected };
}
function find(z, value) {
    for (const a of z.annotations)
        if (a.value === value)
            return a;
    return undefined;
}
function toModelSpans(z, traceId) {
    const tags = spanTags(z);
    const kind = spanKind(z);
    if (kind !== undefined)
        tags.push({ key: 'span.kind', type: 'string', value: kind });
    const references = z.parentId !== undefined ? [{ refType: 'CHILD_OF', traceId, spanId: z.parentId }] : [];
    const flags = z.debug ? DEBUG_FLAG : 0;
    const process = spanProcess(z);
    const { startTime, duration } = startAndDuration(z);
    const first = {
        traceId,
        spanId: z.id,
        operationName: z.name,
        references,
        flags,
        startTime,
        duration,
        tags,
        logs: spanLogs(z.annotations),
        process,
        warnings: [],
    };
    const cs = find(z, ZipkinConst.CLIENT_SEND);
    const sr = find(z, ZipkinConst.SERVER_RECV);
    if (!cs || !sr)
        return [first];
    // A v1 span holding both sides of an RPC becomes two spans with the same id: the one above, plus the other side.
    const firstIsClient = kind === 'client';
    let otherStart;
    let otherDuration = 0;
    if (firstIsClient) {
        otherStart = sr.timestamp;
        const ss = find(z, ZipkinConst.SERVER_SEND);
        if (ss)
            otherDuration = ss.timestamp - sr.timestamp;
    }
    else {
        otherStart = cs.timestamp;
        const cr = find(z, ZipkinConst.CLIENT_RECV);
        if (cr)
            otherDuration = cr.timestamp - cs.timestamp;
    }
    const second = {
        traceId,
        spanId: z.id,
        operationName: z.name,
        references: references.map((r) => ({ ...r })),
        flags,
        startTime: otherStart,
        duration: otherDuration,
        tags: [{ key: 'span.kind', type: 'string', value: firstIsClient ? 'server' : 'client' }],
        logs: [],
        process,
        warnings: [],
    };
    return [first, second];
}
function startAndDuration(z) {
    let startTime = z.timestamp ?? 0;
    let duration = z.duration ?? 0;
    if (startTime === 0) {
        const cs = find(z, ZipkinConst.CLIENT_SEND);
        const sr = find(z, ZipkinConst.SERVER_RECV);
        if (cs) {
            startTime = cs.timestamp;
            const cr = find(z, ZipkinConst.CLIENT_RECV);
            if (cr && duration === 0)
                duration = cr.timestamp - cs.timestamp;
        }
        else if (sr) {
            startTime = sr.timestamp;
            const ss = find(z, ZipkinConst.SERVER_SEND);
            if (ss && duration === 0)
                duration = ss.timestamp - sr.timestamp;
        }
    }
    return { startTime, duration };
}
function spanKind(z) {
    for (const a of z.annotations) {
        const kind = coreAnnotationKinds.get(a.value);
        if (kind !== undefined)
            return kind;
    }
    return undefined;
}
function spanTags(z) {
    const tags = [];
    for (const ba of z.binaryAnnotations) {
        const key = ba.tag.key;
        if (processTagKeys.has(key))
            continue;
        if (key === ZipkinConst.LOCAL_COMPONENT) {
            tags.push({ key: 'component', type: 'string', value: tagText(ba.tag) });
        }
        else if (key === ZipkinConst.SERVER_ADDR || key === ZipkinConst.CLIENT_ADDR || key === ZipkinConst.MESSAGE_ADDR) {
            if (ba.host)
                pushPeerTags(ba.host, tags);
        }
        else
            tags.push(ba.tag);
    }
    return tags;
}
function tagText(tag) {
    if (tag.type === 'string')
        return tag.value;
    if (tag.type === 'binary')
        return new TextDecoder().decode(tag.value);
    return String(tag.value);
}
function pushPeerTags(e, tags) {
    tags.push({ key: 'peer.service', type: 'string', value: e.serviceName });
    if (e.ipv4 !== 0)
        tags.push({ key: 'peer.ipv4', type: 'int64', value: BigInt(e.ipv4 >>> 0) });
    if (e.ipv6)
        tags.push({ key: 'peer.ipv6', type: 'binary', value: e.ipv6 });
    if (e.port !== 0)
        tags.push({ key: 'peer.port', type: 'int64', value: BigInt(e.port & 0xffff) });
}
function spanProcess(z) {
    const tags = [];
    for (const ba of z.binaryAnnotations) {
        const renamed = processTagKeys.get(ba.tag.key);
        if (renamed !== undefined)
            tags.push({ ...ba.tag, key: renamed });
    }
    const host = serviceHost(z);
    // Jaeger stores the host's IPv4 as the signed 32-bit value in an int64 `ip` tag.
    if (host && host.ipv4 !== 0)
        tags.push({ key: 'ip', type: 'int64', value: BigInt(host.ipv4 | 0) });
    return { serviceName: host?.serviceName ?? UNKNOWN_SERVICE_NAME, tags };
}
/** The endpoint naming the service: core annotations, then `lc`, then any annotation, then any binary annotation. */
function serviceHost(z) {
    for (const a of z.annotations) {
        if (coreAnnotationKinds.has(a.value) && a.host && a.host.serviceName !== '')
            return a.host;
    }
    for (const ba of z.binaryAnnotations) {
        if (ba.tag.key === ZipkinConst.LOCAL_COMPONENT && ba.host && ba.host.serviceName !== '')
            return ba.host;
    }
    for (const a of z.annotations)
        if (a.host && a.host.serviceName !== '')
            return a.host;
    for (const ba of z.binaryAnnotations)
        if (ba.host && ba.host.serviceName !== '')
            return ba.host;
    if (z.localEndpoint && z.localEndpoint.serviceName !== '')
        return z.localEndpoint;
    return undefined;
}
function spanLogs(annotations) {
    const logs = [];
    for (const a of annotations) {
        if (a.value === '' || coreAnnotationKinds.has(a.value))
            continue;
        logs.push({ timestamp: a.timestamp, fields: logFields(a.value) });
    }
    return logs;
}
/** Some clients encode key/value logs as a JSON object of strings in the annotation value; else it is an `event`. */
function logFields(value) {
    if (value.charCodeAt(0) === 0x7b /* { */) {
        let parsed;
        try {
            parsed = JSON.parse(value);
        }
        catch {
            parsed = undefined;
        }
        if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
            const entries = Object.entries(parsed);
            if (entries.every(([, v]) => typeof v === 'string')) {
                return entries.map(([key, v]) => ({ key, type: 'string', value: v }));
            }
        }
    }
    return [{ key: 'event', type: 'string', value }];
}
//# sourceMappingURL=v1-to-model.js.map