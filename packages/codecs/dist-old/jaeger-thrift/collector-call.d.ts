import type { Process, Span } from '@skein/model';
import type { DecodedBatch } from '../codec.js';
import type { ThriftWriter } from '../thrift/writer.js';
import type { ThriftReader } from '../thrift/reader.js';
/**
 * Whether an HTTP body is a whole Thrift call rather than a bare Batch struct. A bare struct starts with a field
 * header (0x0C for Batch.process in binary, 0x1C in compact), never with a message start, so the first byte decides.
 */
export declare function isThriftMessage(payload: Uint8Array, protocol: 'binary' | 'compact'): boolean;
/**
 * `Collector.submitBatches(1: list<Batch>)` as a Thrift call message: what clients built on Thrift's HTTP transport
 * (the OpenCensus Python exporter among them) post to `/api/traces`. Every batch's spans are returned together.
 */
export declare function readCollectorCall(r: ThriftReader): DecodedBatch;
/** Writes `Collector.submitBatches(batches)` as a call message. */
export declare function writeSubmitBatches(w: ThriftWriter, batches: ReadonlyArray<{
    process: Process;
    spans: readonly Span[];
}>, seqId?: number): void;
//# sourceMappingURL=collector-call.d.ts.map