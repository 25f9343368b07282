import type { Process, Span, Tag } from '@skein/model';
import type { DecodedBatch } from '../codec.js';
import { type ProtoReader } from '../protobuf/index.js';
/** Reads google.protobuf.Timestamp / Duration as microseconds. */
export declare function readSecondsNanos(r: ProtoReader): number;
/** Reads a KeyValue; `warnings` collects per-tag oddities that do not justify refusing the span. */
export declare function readKeyValue(r: ProtoReader, warnings: string[]): Tag;
export declare function readProcess(r: ProtoReader, warnings: string[]): Process;
/** A decoded span; `process` is undefined when the message carried none (the batch process applies). */
export interface DecodedJaegerSpan {
    span: Span;
    hasProcess: boolean;
    /** Set when the span must be refused (invalid ids). */
    problem?: string;
}
export declare function readSpan(r: ProtoReader): DecodedJaegerSpan;
/** Adds a decoded span to the batch outcome, refusing it with its reason when its ids are invalid. */
export declare function acceptOrReject(decoded: DecodedJaegerSpan, out: DecodedBatch): void;
/** Reads a `jaeger.api_v2.Batch`: spans without their own process take the batch's. */
export declare function readBatch(r: ProtoReader, out: DecodedBatch): void;
export declare function decodePostSpansRequest(payload: Uint8Array, format: string): DecodedBatch;
/** One `jaeger.api_v2.Span` message with its process embedded (Jaeger's Kafka `protobuf` encoding). */
export declare function decodeSingleSpan(payload: Uint8Array, format: string): DecodedBatch;
//# sourceMappingURL=decode.d.ts.map