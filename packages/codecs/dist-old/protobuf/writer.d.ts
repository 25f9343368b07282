export declare function varintSize(value: number): number;
/**
 * Builds protobuf wire bytes in one growable buffer. Nested messages use `fork()` … `ldelim()`: fork reserves one
 * byte for the length, ldelim writes it and shifts the body only when the length needs more than one byte.
 */
export declare class ProtoWriter {
    private buf;
    private view;
    pos: number;
    private readonly forks;
    constructor(initialCapacity?: number);
    private ensure;
    tag(fieldNumber: number, wireType: number): this;
    uint32(value: number): this;
    /** int32: negative values take ten bytes, as the protobuf spec requires (sign-extended to 64 bits). */
    int32(value: number): this;
    sint32(value: number): this;
    bool(value: boolean): this;
    private varint64;
    /** uint64/int64 varint from its unsigned 32-bit halves (the canonical encoding of the 64-bit value). */
    uint64Parts(low: number, high: number): this;
    /** uint64/int64 varint from a bigint (negative values are written as their 64-bit two's complement). */
    int64(value: bigint): this;
    uint64(value: bigint): this;
    sint64(value: bigint): this;
    /** int64/uint64 varint from a safe integer number (fast path for timestamps and counts). */
    int64Number(value: number): this;
    fixed32(value: number): this;
    sfixed32(value: number): this;
    float(value: number): this;
    double(value: number): this;
    fixed64(value: bigint): this;
    sfixed64(value: bigint): this;
    /** fixed64 from a non-negative safe integer. */
    fixed64Number(value: number): this;
    /** Length-prefixed bytes. */
    bytes(value: Uint8Array): this;
    /** Raw bytes with no length prefix (pre-encoded content). */
    raw(value: Uint8Array): this;
    /** Bytes `[start, end)` of `source` with no length prefix: copied through from an input being transcoded. */
    rawRange(source: Uint8Array, start: number, end: number): this;
    /**
     * Copies bytes `[start, end)` of `source` like {@link rawRange} and returns their bitwise OR: under 0x80 means
     * they were ASCII, learnt without a second pass over them.
     */
    copyRange(source: Uint8Array, start: number, end: number): number;
    string(value: string): this;
    private stringSlow;
    /** Starts a nested length-delimited value; pair with {@link ldelim}. */
    fork(): this;
    /** Ends the innermost {@link fork}, writing its length prefix. */
    ldelim(): this;
    stringField(fieldNumber: number, value: string): this;
    bytesField(fieldNumber: number, value: Uint8Array): this;
    /**
     * A trace or span id as a bytes field. Canonical ids are written straight into the buffer by the model's
     * `writeIdBytes`; anything else goes through the lenient {@link idToBytes}, as before.
     */
    idField(fieldNumber: number, id: string): this;
    /** Opens a nested message field: tag + fork. Close with {@link ldelim}. */
    messageField(fieldNumber: number): this;
    /** The bytes written so far, copied out so the writer can be reused or dropped. */
    finish(): Uint8Array;
    /** Bytes the writer holds now (it grows as needed). */
    get capacity(): number;
    /** Clears the writer for reuse, keeping its buffer. */
    reset(): this;
}
//# sourceMappingURL=writer.d.ts.map