import { DecodeError } from '../errors.js';
import type { ThriftReader } from './reader.js';
import { type MessageHeader, type ThriftLimits } from './types.js';
/**
 * Bounds-checked cursor over untrusted bytes, and what the binary and compact readers have in common: the reader
 * state of {@link ThriftReader}, strings and binaries after a protocol-specific length prefix, skipping. Every read
 * checks the remaining length first, so a hostile length never reaches a typed-array constructor.
 */
export declare abstract class ByteSource implements ThriftReader {
    readonly format: string;
    protected readonly bytes: Uint8Array;
    fieldId: number;
    hi: number;
    lo: number;
    elemType: number;
    keyType: number;
    valueType: number;
    protected pos: number;
    protected readonly view: DataView;
    protected depth: number;
    readonly limits: ThriftLimits;
    constructor(format: string, bytes: Uint8Array, limits?: Partial<ThriftLimits>, start?: number);
    get offset(): number;
    remaining(): number;
    fail(detail: string, offset?: number): DecodeError;
    protected need(n: number, what: string): void;
    protected u8(what: string): number;
    protected checkStringLength(length: number, at: number): void;
    /** Every element takes at least one byte, so a count beyond the remaining bytes is a lie. */
    protected checkContainerSize(size: number, at: number, minBytesPerElement: number): void;
    protected enter(): void;
    protected leave(): void;
    protected utf8(length: number): string;
    protected slice(length: number): Uint8Array;
    abstract readMessageBegin(): MessageHeader;
    abstract readStructBegin(): void;
    abstract readStructEnd(): void;
    abstract readFieldBegin(): number;
    abstract readBool(): boolean;
    abstract readI16(): number;
    abstract readI32(): number;
    abstract readI64Parts(): void;
    abstract readDouble(): number;
    abstract readListBegin(): number;
    abstract readMapBegin(): number;
    /** The unchecked length prefix of a string or binary, in the protocol's own integer encoding. */
    protected abstract readSizePrefix(): number;
    private readLength;
    readString(): string;
    readKey(): string;
    readBinary(): Uint8Array;
    readBinaryLength(): number;
    readByte(): number;
    readListEnd(): void;
    readMapEnd(): void;
    skip(type: number): void;
}
//# sourceMappingURL=byte-source.d.ts.map