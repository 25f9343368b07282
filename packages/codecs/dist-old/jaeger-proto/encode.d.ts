import type { Process, Span, Tag } from '@skein/model';
import { ProtoWriter, type SecondsNanos } from '../protobuf/index.js';
export declare function writeSecondsNanos(w: ProtoWriter, field: number, value: SecondsNanos): void;
/** Writes one KeyValue (proto3: default values are omitted, so a STRING type is implicit). */
export declare function writeKeyValue(w: ProtoWriter, field: number, tag: Tag): void;
export declare function writeProcess(w: ProtoWriter, field: number, process: Process): void;
/** Writes the fields of one `jaeger.api_v2.Span` (no outer tag); the process is embedded when asked. */
export declare function writeSpanBody(w: ProtoWriter, span: Span, withProcess: boolean): void;
/** One Span message with its process (Jaeger's Kafka `protobuf` message value). */
export declare function encodeSingleSpan(span: Span, writer?: ProtoWriter): Uint8Array;
/**
 * A PostSpansRequest holding one Batch per distinct process (by identity): spans sharing a process object go in
 * one batch with the process written once.
 */
export declare function encodePostSpansRequest(spans: readonly Span[]): Uint8Array;
/** Appends the PostSpansRequest of {@link encodePostSpansRequest} to `w`, so a caller can reuse one writer. */
export declare function writePostSpansRequest(w: ProtoWriter, spans: readonly Span[]): void;
/** `jaeger.api_v2.SpansResponseChunk` (query.proto): `repeated Span spans = 1`, each with its process embedded. */
export declare function encodeSpansResponseChunk(spans: readonly Span[]): Uint8Array;
//# sourceMappingURL=encode.d.ts.map