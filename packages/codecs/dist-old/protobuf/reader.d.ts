/** Default limit on nested length-delimited messages (OTLP AnyValue can nest arrays and kvlists without end). */
export declare const DEFAULT_MAX_DEPTH = 64;
/**
 * A cursor over protobuf wire bytes, confined to `[pos, end)`. Every read checks the bounds, so truncated input,
 * lengths past the end and runaway nesting surface as {@link DecodeError} naming the format, the byte offset and
 * the field path (`parent.field#n`), never as a RangeError or a hang.
 *
 * Typical loop:
 * ```ts
 * while (r.more()) {
 *   const tag = r.tag();
 *   switch (tag >>> 3) { case 1: name = r.string(); break; default: r.skip(tag & 7); }
 * }
 * ```
 */
export declare class ProtoReader {
    readonly bytes: Uint8Array;
    readonly format: string;
    readonly end: number;
    readonly depth: number;
    readonly maxDepth: number;
    private readonly parent?;
    private readonly parentField;
    /** Offset of the next byte to read (absolute within `bytes`). */
    pos: number;
    /** Field number of the last tag read, for error messages. */
    field: number;
    private readonly view;
    constructor(bytes: Uint8Array, format: string, start?: number, end?: number, depth?: number, maxDepth?: number, parent?: ProtoReader | undefined, parentField?: number, view?: DataView);
    /** True while bytes remain in this (sub-)message. */
    more(): boolean;
    /** Field path like `1.2.#5` (outer field numbers first), for errors. */
    path(): string;
    private pathTo;
    fail(detail: string, offset?: number): never;
    /** Reads a field tag; returns it raw (`tag >>> 3` is the field number, `tag & 7` the wire type). */
    tag(): number;
    /** Unsigned varint that must fit 32 bits (longer encodings of negative int32 are truncated as protobuf does). */
    uint32(): number;
    int32(): number;
    sint32(): number;
    bool(): boolean;
    /** Reads a 64-bit varint into `lo`/`hi` 32-bit halves; returns `lo | hi` (non-zero test). */
    private lo;
    private hi;
    private varintParts;
    /** uint64 varint as bigint, exact. */
    uint64(): bigint;
    /** int64 varint as bigint, exact (two's complement). */
    int64(): bigint;
    sint64(): bigint;
    /** uint64 varint as a number; exact up to 2^53, rounded beyond. */
    uint64Number(): number;
    /** int64 varint as a number; exact within ±2^53, rounded beyond. */
    int64Number(): number;
    private need;
    fixed32(): number;
    sfixed32(): number;
    float(): number;
    double(): number;
    fixed64(): bigint;
    sfixed64(): bigint;
    /** fixed64 as a number; exact up to 2^53, rounded beyond. */
    fixed64Number(): number;
    /**
     * A fixed64 count of nanoseconds returned as whole microseconds (floored), exact for every value whose result
     * fits 2^53 — unlike dividing a rounded double. Used for OTLP `*_time_unix_nano`.
     */
    fixed64NanosToMicros(): number;
    /** The sub-microsecond nanoseconds (0..999) dropped by the last {@link fixed64NanosToMicros}. */
    nanosRemainder: number;
    /** Reads a length prefix and checks it against what is left. Returns the start offset of the payload. */
    private delimited;
    private uint32Length;
    /**
     * Skips a length-delimited value and returns where its payload starts; it ends at {@link pos}. For readers that
     * copy bytes through rather than decode them.
     */
    delimitedStart(): number;
    /** Length-delimited bytes as a view into the input (no copy). Copy it if it must outlive the input buffer. */
    bytesView(): Uint8Array;
    /** Length-delimited bytes, copied. */
    bytesCopy(): Uint8Array;
    string(): string;
    /** A string that repeats from message to message (attribute key, span or service name): decoded through a cache. */
    key(): string;
    /** Enters a length-delimited sub-message; the returned reader is confined to it. Depth-limited. */
    message(): ProtoReader;
    /** Skips one field value of the given wire type (unknown fields). */
    skip(wireType: number): void;
    /** Fails unless the wire type read with the last tag is the expected one. */
    expect(tag: number, wireType: number): void;
    /**
     * Reads a repeated scalar field that may be packed (length-delimited) or not, calling `each` per element.
     * `read` is one of this reader's scalar methods bound by the caller.
     */
    repeated<T>(tag: number, scalarWireType: number, read: (r: ProtoReader) => T, each: (value: T) => void): void;
}
/** Starts reading a whole payload. */
export declare function protoReader(bytes: Uint8Array, format: string, maxDepth?: number): ProtoReader;
//# sourceMappingURL=reader.d.ts.map