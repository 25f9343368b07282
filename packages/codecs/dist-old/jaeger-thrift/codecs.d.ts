import type { Process, Span } from '@skein/model';
import type { SpanCodec } from '../codec.js';
import type { ThriftLimits } from '../thrift/types.js';
export type ThriftProtocolName = 'binary' | 'compact';
/** A bare `jaeger.thrift` Batch struct, e.g. the body of `POST /api/traces`. */
export declare function encodeJaegerBatch(process: Process, spans: readonly Span[], protocol?: ThriftProtocolName): Uint8Array;
/** One `Agent.emitBatch` UDP datagram. */
export declare function encodeEmitBatch(process: Process, spans: readonly Span[], protocol: ThriftProtocolName, seqId?: number): Uint8Array;
/** A Jaeger Batch carries one process; `SpanCodec.encode` refuses spans from several (split them by process). */
export declare function batchProcess(format: string, spans: readonly Span[]): Process;
/**
 * `jaeger.thrift.binary`: the body of HTTP `POST /api/traces` on 14268 in TBinaryProtocol: a bare Batch (what
 * jaeger-client sends), or a `Collector.submitBatches` call message (what Thrift's own HTTP transport sends).
 */
export declare function jaegerThriftBinaryCodec(limits?: Partial<ThriftLimits>): SpanCodec;
/** `jaeger.thrift.compact`: the same two framings in TCompactProtocol (`application/vnd.apache.thrift.compact`). */
export declare function jaegerThriftCompactCodec(limits?: Partial<ThriftLimits>): SpanCodec;
/** A `Collector.submitBatches` call carrying one batch per process, in either protocol. */
export declare function encodeSubmitBatches(batches: ReadonlyArray<{
    process: Process;
    spans: readonly Span[];
}>, protocol: ThriftProtocolName, seqId?: number): Uint8Array;
/** `jaeger.agent.compact`: an Agent message in TCompactProtocol (UDP 6831). */
export declare function jaegerAgentCompactCodec(limits?: Partial<ThriftLimits>): SpanCodec;
/** `jaeger.agent.binary`: an Agent message in TBinaryProtocol (UDP 6832). */
export declare function jaegerAgentBinaryCodec(limits?: Partial<ThriftLimits>): SpanCodec;
export declare const jaegerThriftBinary: SpanCodec;
export declare const jaegerThriftCompact: SpanCodec;
export declare const jaegerAgentCompact: SpanCodec;
export declare const jaegerAgentBinary: SpanCodec;
//# sourceMappingURL=codecs.d.ts.map