import type { TranscodePlan } from '../codec.js';
import { type ProtoWriter } from '../protobuf/index.js';
/**
 * The byte-level pieces of the OTLP → Kafka `protobuf` transcoder (to-kafka-protobuf.ts): reading a payload without
 * reader objects, and copying attributes through into Jaeger KeyValues. Everything here throws
 * {@link NEEDS_FULL_PATH} rather than guess: the caller then leaves the payload to the full decode path.
 */
/** Thrown inside the transcoder when the full path must take the payload; preallocated, it is thrown per payload. */
export declare const NEEDS_FULL_PATH: Error;
/**
 * The `KeyValue`s of one span or one event, kept as byte ranges until they are written: each is then read and
 * written in one go, inline, without a reader object (attributes are most of a span's bytes). Anything but the
 * common shape (one-byte tags, the five scalar value kinds) is left to the full path.
 */
export declare class Attributes {
    private readonly input;
    count: number;
    private readonly ranges;
    constructor(input: Input);
    reset(): void;
    add(start: number, end: number): void;
    /** True when some attribute's (last) key is exactly `key` (ASCII). */
    hasKey(key: Uint8Array): boolean;
    /**
     * Writes every attribute as a Jaeger KeyValue in `field`, as writeKeyValue would from the decoded tag: the key
     * always, a value only when it is not the default. Returns their share of the span's size estimate.
     */
    write(out: ProtoWriter, field: number, plan: TranscodePlan): number;
    private keyStart;
    private keyEnd;
    private kind;
    private valueStart;
    private valueEnd;
    private low;
    private high;
    /** Reads the `KeyValue` in `[start, end)` as decode-proto's readAttribute does (the last key and value win). */
    private parse;
    /**
     * Whether the first attribute keyed `key` is the string `value`, reading every attribute as the full path does
     * (a link's `opentracing.ref_type`). Keys and values that are not plain UTF-8 are left to the full path.
     */
    firstStringIs(key: Uint8Array, value: Uint8Array): boolean;
    /** Writes the `KeyValue` in `[start, end)`; returns its share of the span's size estimate. */
    private writeOne;
}
/** The payload, with the little readers the inline attribute parser needs. They throw to leave it to the full path. */
export declare class Input {
    readonly bytes: Uint8Array;
    readonly view: DataView;
    /** End of the last length-delimited value read. */
    end: number;
    low: number;
    high: number;
    constructor(bytes: Uint8Array);
    /** Reads a length prefix at `pos`; returns where the value starts and sets {@link end}; fails past `limit`. */
    lengthAt(pos: number, limit: number): number;
    /** Reads a varint of up to 64 bits at `pos` into {@link low}/{@link high} (as ProtoReader does); returns the next offset. */
    varint64At(pos: number, limit: number): number;
}
/** A length-delimited field copied from the input; omitted when empty, as proto3 omits empty strings and bytes. */
export declare function writeRange(out: ProtoWriter, field: number, bytes: Uint8Array, start: number, end: number): void;
/**
 * True when the bytes decode to a string that encodes back to the same bytes: ASCII, or valid UTF-8 not starting
 * with a byte-order mark (TextDecoder drops a leading BOM).
 */
export declare function isPlainUtf8(bytes: Uint8Array, start: number, end: number): boolean;
/** True when bytes `[start, end)` are exactly `expected`. */
export declare function sameBytes(bytes: Uint8Array, start: number, end: number, expected: Uint8Array): boolean;
export declare function isZero(bytes: Uint8Array, start: number, end: number): boolean;
//# sourceMappingURL=transcode-bytes.d.ts.map