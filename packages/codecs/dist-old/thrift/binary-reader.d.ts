import { ByteSource } from './byte-source.js';
import type { ThriftReader } from './reader.js';
import { type MessageHeader, type ThriftLimits } from './types.js';
/** TBinaryProtocol: big-endian fixed-width integers, i32-length strings, strict or old-style message headers. */
export declare class BinaryReader extends ByteSource implements ThriftReader {
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
}
//# sourceMappingURL=binary-reader.d.ts.map