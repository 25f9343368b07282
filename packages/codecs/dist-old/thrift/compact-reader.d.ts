import { ByteSource } from './byte-source.js';
import type { ThriftReader } from './reader.js';
import { type MessageHeader, type ThriftLimits } from './types.js';
/** TCompactProtocol: zigzag varints, field-id deltas, bools folded into field types, little-endian doubles. */
export declare class CompactReader extends ByteSource implements ThriftReader {
    private lastFieldId;
    private readonly fieldIdStack;
    /** Set when a field header carried a bool value; the next readBool returns it. */
    private pendingBool;
    constructor(format: string, bytes: Uint8Array, limits?: Partial<ThriftLimits>, start?: number);
    readMessageBegin(): MessageHeader;
    readStructBegin(): void;
    readStructEnd(): void;
    readFieldBegin(): number;
    readBool(): boolean;
    readI16(): number;
    readI32(): number;
    readI64Parts(): void;
    readDouble(): number;
    protected readSizePrefix(): number;
    readListBegin(): number;
    readMapBegin(): number;
    /** Unsigned 32-bit varint (at most 5 bytes). */
    private readVarint32;
    /** Unsigned 64-bit varint (at most 10 bytes) into hi/lo. */
    private readVarint64;
}
//# sourceMappingURL=compact-reader.d.ts.map