import type { Process, Span } from '@skein/model';
import type { DecodedBatch } from '../codec.js';
import type { ThriftReader } from '../thrift/reader.js';
import type { ThriftWriter } from '../thrift/writer.js';
/**
 * Reads one UDP datagram of the Agent service: a oneway `emitBatch(1: Batch)` or `emitZipkinBatch(1: list<Span>)`
 * message. Anything else is a DecodeError.
 */
export declare function readAgentMessage(r: ThriftReader): DecodedBatch;
/** Writes `Agent.emitBatch(batch)` as a oneway message, as Jaeger clients send it to the agent over UDP. */
export declare function writeEmitBatch(w: ThriftWriter, process: Process, spans: readonly Span[], seqId?: number): void;
//# sourceMappingURL=agent.d.ts.map