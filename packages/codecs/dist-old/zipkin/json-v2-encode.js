import { bytesToBase64 } from '../protobuf/base64.js';
import { formatIpv4, formatIpv6 } from './endpoint-ip.js';
const utf8 = new TextEncoder();
const ZERO_HALF = '0000000000000000';
const kindByTag = { client: 'CLIENT', server: 'SERVER', producer: 'PRODUCER', consumer: 'CONSUMER' };
const peerKeys = new Set(['peer.service', 'peer.ipv4', 'peer.ipv6', 'peer.port']);
/** Model spans as a Zipkin v2 JSON array: the reverse of the decoding rules in the README. */
export function encodeZipkinV2Json(spans) {
    return utf8.encode(JSON.stringify(spans.map(toV2)));
}
function tagText(tag) {
    switch (tag.type) {
        case 'string':
            return tag.value;
        case 'binary':
            return bytesToBase64(tag.value);
        default:
            return String(tag.value);
    }
}
function toV2(span) {
    const out = {
        traceId: span.traceId.startsWith(ZERO_HALF) ? span.traceId.slice(16) : span.traceId,
        id: span.spanId,
    };
    const parent = span.references.find((r) => r.refType === 'CHILD_OF' && r.traceId === span.traceId);
    if (parent)
        out.parentId = parent.spanId;
    out.name = span.operationName;
    const kindTag = span.tags.find((t) => t.key === 'span.kind' && t.type === 'string');
    const kind = kindTag ? kindByTag[tagText(kindTag)] : undefined;
    if (kind)
        out.kind = kind;
    out.timestamp = span.startTime;
    out.duration = span.duration;
    if (span.flags & 2)
        out.debug = true;
    const local = { serviceName: span.process.serviceName };
    const ip = span.process.tags.find((t) => t.key === 'ip' && t.type === 'int64');
    if (ip && ip.type === 'int64')
        local.ipv4 = formatIpv4(Number(BigInt.asUintN(32, ip.value)));
    out.localEndpoint = local;
    const remote = {};
    const tags = [];
    for (const tag of span.tags) {
        if (tag === kindTag && kind)
            continue;
        if (kind && peerKeys.has(tag.key)) {
            if (tag.key === 'peer.service')
                remote.serviceName = tagText(tag);
            else if (tag.key === 'peer.ipv4' && tag.type === 'int64')
                remote.ipv4 = formatIpv4(Number(BigInt.asUintN(32, tag.value)));
            else if (tag.key === 'peer.ipv6' && tag.type === 'binary')
                remote.ipv6 = formatIpv6(tag.value);
            else if (tag.key === 'peer.port' && tag.type === 'int64')
                remote.port = Number(tag.value);
            continue;
        }
        tags.push([tag.key, tagText(tag)]);
    }
    if (Object.keys(remote).length > 0)
        out.remoteEndpoint = remote;
    if (span.logs.length > 0) {
        out.annotations = span.logs.map((log) => {
            const only = log.fields.length === 1 ? log.fields[0] : undefined;
            const value = only && only.key === 'event' ? tagText(only) : JSON.stringify(Object.fromEntries(log.fields.map((f) => [f.key, tagText(f)])));
            return { timestamp: log.timestamp, value };
        });
    }
    // Object.fromEntries defines own properties, so a "__proto__" tag key stays a plain key.
    if (tags.length > 0)
        out.tags = Object.fromEntries(tags);
    return out;
}
//# sourceMappingURL=json-v2-encode.js.map