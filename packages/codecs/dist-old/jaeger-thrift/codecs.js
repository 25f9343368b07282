import { BinaryReader } from '../thrift/binary-reader.js';
import { BinaryWriter } from '../thrift/binary-writer.js';
import { CompactReader } from '../thrift/compact-reader.js';
import { CompactWriter } from '../thrift/compact-writer.js';
import { readAgentMessage, writeEmitBatch } from './agent.js';
import { isThriftMessage, readCollectorCall, writeSubmitBatches } from './collector-call.js';
import { readBatch } from './decode-batch.js';
import { writeBatch } from './encode-batch.js';
function writerFor(protocol) {
    return protocol === 'compact' ? new CompactWriter() : new BinaryWriter();
}
/** A bare `jaeger.thrift` Batch struct, e.g. the body of `POST /api/traces`. */
export function encodeJaegerBatch(process, spans, protocol = 'binary') {
    const w = writerFor(protocol);
    writeBatch(w, process, spans);
    return w.finish();
}
/** One `Agent.emitBatch` UDP datagram. */
export function encodeEmitBatch(process, spans, protocol, seqId = 0) {
    const w = writerFor(protocol);
    writeEmitBatch(w, process, spans, seqId);
    return w.finish();
}
function sameProcess(a, b) {
    if (a === b)
        return true;
    if (a.serviceName !== b.serviceName || a.tags.length !== b.tags.length)
        return false;
    return a.tags.every((t, i) => {
        const u = b.tags[i];
        if (t.key !== u.key || t.type !== u.type)
            return false;
        if (t.value instanceof Uint8Array && u.value instanceof Uint8Array) {
            const other = u.value;
            return t.value.length === other.length && t.value.every((x, j) => x === other[j]);
        }
        return t.value === u.value;
    });
}
/** A Jaeger Batch carries one process; `SpanCodec.encode` refuses spans from several (split them by process). */
export function batchProcess(format, spans) {
    const first = spans[0]?.process ?? { serviceName: '', tags: [] };
    for (const span of spans) {
        if (!sameProcess(first, span.process)) {
            throw new Error(`${format}: a batch carries one process, but spans come from "${first.serviceName}" and "${span.process.serviceName}"; encode one batch per process`);
        }
    }
    return first;
}
/**
 * `jaeger.thrift.binary`: the body of HTTP `POST /api/traces` on 14268 in TBinaryProtocol: a bare Batch (what
 * jaeger-client sends), or a `Collector.submitBatches` call message (what Thrift's own HTTP transport sends).
 */
export function jaegerThriftBinaryCodec(limits = {}) {
    const name = 'jaeger.thrift.binary';
    return {
        name,
        decode: (payload) => {
            const reader = new BinaryReader(name, payload, limits);
            return isThriftMessage(payload, 'binary') ? readCollectorCall(reader) : readBatch(reader);
        },
        encode: (spans) => encodeJaegerBatch(batchProcess(name, spans), spans, 'binary'),
    };
}
/** `jaeger.thrift.compact`: the same two framings in TCompactProtocol (`application/vnd.apache.thrift.compact`). */
export function jaegerThriftCompactCodec(limits = {}) {
    const name = 'jaeger.thrift.compact';
    return {
        name,
        decode: (payload) => {
            const reader = new CompactReader(name, payload, limits);
            return isThriftMessage(payload, 'compact') ? readCollectorCall(reader) : readBatch(reader);
        },
        encode: (spans) => encodeJaegerBatch(batchProcess(name, spans), spans, 'compact'),
    };
}
/** A `Collector.submitBatches` call carrying one batch per process, in either protocol. */
export function encodeSubmitBatches(batches, protocol, seqId = 0) {
    const w = writerFor(protocol);
    writeSubmitBatches(w, batches, seqId);
    return w.finish();
}
/** `jaeger.agent.compact`: an Agent message in TCompactProtocol (UDP 6831). */
export function jaegerAgentCompactCodec(limits = {}) {
    const name = 'jaeger.agent.compact';
    return {
        name,
        decode: (payload) => readAgentMessage(new CompactReader(name, payload, limits)),
        encode: (spans) => encodeEmitBatch(batchProcess(name, spans), spans, 'compact'),
    };
}
/** `jaeger.agent.binary`: an Agent message in TBinaryProtocol (UDP 6832). */
export function jaegerAgentBinaryCodec(limits = {}) {
    const name = 'jaeger.agent.binary';
    return {
        name,
        decode: (payload) => readAgentMessage(new BinaryReader(name, payload, limits)),
        encode: (spans) => encodeEmitBatch(batchProcess(name, spans), spans, 'binary'),
    };
}
export const jaegerThriftBinary = jaegerThriftBinaryCodec();
export const jaegerThriftCompact = jaegerThriftCompactCodec();
export const jaegerAgentCompact = jaegerAgentCompactCodec();
export const jaegerAgentBinary = jaegerAgentBinaryCodec();
//# sourceMappingURL=codecs.js.map