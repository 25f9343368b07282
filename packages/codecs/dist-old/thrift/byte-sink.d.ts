/** Growable output buffer shared by the Thrift writers. */
export declare class ByteSink {
    protected buf: Uint8Array;
    protected view: DataView;
    protected pos: number;
    constructor(initialCapacity?: number);
    protected ensure(extra: number): void;
    protected put(b: number): void;
    protected putBytes(bytes: Uint8Array): void;
    /** Encodes `s` as UTF-8 at `at` (capacity must be ensured); returns the byte count. */
    protected putUtf8At(s: string, at: number): number;
    protected static encodeUtf8(s: string): Uint8Array;
    finish(): Uint8Array;
}
//# sourceMappingURL=byte-sink.d.ts.map