import { bytesToHex, protoReader, WireType } from '../protobuf/index.js';
import { SpanProblem } from './json-input.js';
export const ZIPKIN_PROTO_FORMAT = 'zipkin.v2.proto';
/** zipkin.proto3 Span.Kind: 0 unspecified, 1 CLIENT, 2 SERVER, 3 PRODUCER, 4 CONSUMER. */
const kinds = [undefined, 'CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER'];
const ZERO_HALF = '0000000000000000';
/**
 * Reads `zipkin.proto3.ListOfSpans` (1: repeated Span). Span: 1 trace_id bytes(8|16), 2 parent_id bytes(8),
 * 3 id bytes(8), 4 kind enum, 5 name, 6 timestamp fixed64, 7 duration uint64, 8 local_endpoint, 9 remote_endpoint,
 * 10 annotations, 11 tags map<string,string>, 12 debug, 13 shared. Endpoint: 1 service_name, 2 ipv4 bytes(4),
 * 3 ipv6 bytes(16), 4 port int32. Annotation: 1 timestamp fixed64, 2 value.
 */
export function spansFromV2Proto(payload, rejected) {
    const r = protoReader(payload, ZIPKIN_PROTO_FORMAT);
    const spans = [];
    let index = 0;
    while (r.more()) {
        const tag = r.tag();
        if (tag >>> 3 !== 1) {
            r.skip(tag & 7);
            continue;
        }
        r.expect(tag, WireType.LENGTH_DELIMITED);
        const m = r.message();
        try {
            spans.push(readSpan(m));
        }
        catch (e) {
            if (!(e instanceof SpanProblem))
                throw e;
            rejected.push({ reason: `spans[${index}].${e.message}` });
        }
        index++;
    }
    return spans;
}
function idHex(bytes, field, lengths) {
    if (!lengths.includes(bytes.length))
        throw new SpanProblem(`${field}: ${bytes.length} bytes, expected ${lengths.join(' or ')}`);
    return bytesToHex(bytes);
}
function readSpan(r) {
    const span = {
        traceIdHigh: undefined,
        traceId: '',
        id: '',
        parentId: undefined,
        name: '',
        kind: undefined,
        timestamp: undefined,
        duration: undefined,
        localEndpoint: undefined,
        remoteEndpoint: undefined,
        annotations: [],
        tags: [],
        debug: false,
        shared: false,
    };
    // Structural problems (bad wire types, truncation) throw DecodeError right away; semantic ones are collected.
    let problem;
    const note = (p) => {
        problem ??= p;
    };
    while (r.more()) {
        const tag = r.tag();
        const wire = tag & 7;
        switch (tag >>> 3) {
            case 1: {
                r.expect(tag, WireType.LENGTH_DELIMITED);
                const bytes = r.bytesView();
                try {
                    const hex = idHex(bytes, 'trace_id', [8, 16]);
                    const full = hex.padStart(32, '0');
                    span.traceIdHigh = full.startsWith(ZERO_HALF) ? undefined : full.slice(0, 16);
                    span.traceId = full.slice(16);
                }
                catch (e) {
                    note(e.message);
                }
                break;
            }
            case 2: {
                r.expect(tag, WireType.LENGTH_DELIMITED);
                const bytes = r.bytesView();
                if (bytes.length === 0)
                    break;
                try {
                    span.parentId = idHex(bytes, 'parent_id', [8]);
                }
                catch (e) {
                    note(e.message);
                }
                break;
            }
            case 3: {
                r.expect(tag, WireType.LENGTH_DELIMITED);
                const bytes = r.bytesView();
                try {
                    span.id = idHex(bytes, 'id', [8]);
                }
                catch (e) {
                    note(e.message);
                }
                break;
            }
            case 4: {
                r.expect(tag, WireType.VARINT);
                const k = r.uint32();
                if (k >= kinds.length)
                    note(`kind: unknown value ${k}`);
                else
                    span.kind = kinds[k];
                break;
            }
            case 5:
                r.expect(tag, WireType.LENGTH_DELIMITED);
                span.name = r.string();
                break;
            case 6:
                r.expect(tag, WireType.FIXED64);
                span.timestamp = r.fixed64Number();
                break;
            case 7:
                r.expect(tag, WireType.VARINT);
                span.duration = r.uint64Number();
                break;
            case 8:
            case 9: {
                r.expect(tag, WireType.LENGTH_DELIMITED);
                const which = tag >>> 3 === 8 ? 'local_endpoint' : 'remote_endpoint';
                const e = readEndpoint(r.message(), which, note);
                if (which === 'local_endpoint')
                    span.localEndpoint = e;
                else
                    span.remoteEndpoint = e;
                break;
            }
            case 10:
                r.expect(tag, WireType.LENGTH_DELIMITED);
                span.annotations.push(readAnnotation(r.message()));
                break;
            case 11:
                r.expect(tag, WireType.LENGTH_DELIMITED);
                span.tags.push(readTagEntry(r.message()));
                break;
            case 12:
                r.expect(tag, WireType.VARINT);
                span.debug = r.bool();
                break;
            case 13:
                r.expect(tag, WireType.VARINT);
                span.shared = r.bool();
                break;
            default:
                r.skip(wire);
        }
    }
    if (span.traceId === '')
        note('trace_id: missing');
    if (span.id === '')
        note('id: missing');
    if (problem !== undefined)
        throw new SpanProblem(problem);
    return span;
}
function readEndpoint(r, where, note) {
    const e = { serviceName: '', ipv4: 0, ipv6: undefined, port: 0 };
    while (r.more()) {
        const tag = r.tag();
        switch (tag >>> 3) {
            case 1:
                r.expect(tag, WireType.LENGTH_DELIMITED);
                e.serviceName = r.string();
                break;
            case 2: {
                r.expect(tag, WireType.LENGTH_DELIMITED);
                const b = r.bytesView();
                if (b.length === 4)
                    e.ipv4 = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
                else if (b.length !== 0)
                    note(`${where}.ipv4: ${b.length} bytes, expected 4`);
                break;
            }
            case 3: {
                r.expect(tag, WireType.LENGTH_DELIMITED);
                const b = r.bytesCopy();
                if (b.length === 16)
                    e.ipv6 = b;
                else if (b.length !== 0)
                    note(`${where}.ipv6: ${b.length} bytes, expected 16`);
                break;
            }
            case 4:
                r.expect(tag, WireType.VARINT);
                e.port = r.int32() & 0xffff;
                break;
            default:
                r.skip(tag & 7);
        }
    }
    return e;
}
function readAnnotation(r) {
    let timestamp = 0;
    let value = '';
    while (r.more()) {
        const tag = r.tag();
        if (tag >>> 3 === 1 && (tag & 7) === WireType.FIXED64)
            timestamp = r.fixed64Number();
        else if (tag >>> 3 === 2 && (tag & 7) === WireType.LENGTH_DELIMITED)
            value = r.string();
        else
            r.skip(tag & 7);
    }
    return { timestamp, value };
}
function readTagEntry(r) {
    let key = '';
    let value = '';
    while (r.more()) {
        const tag = r.tag();
        if (tag >>> 3 === 1 && (tag & 7) === WireType.LENGTH_DELIMITED)
            key = r.string();
        else if (tag >>> 3 === 2 && (tag & 7) === WireType.LENGTH_DELIMITED)
            value = r.string();
        else
            r.skip(tag & 7);
    }
    return [key, value];
}
//# sourceMappingURL=proto-v2.js.map