import type { MessageHeader } from './types.js';
/**
 * What a typed struct decoder needs from a Thrift protocol. Field headers, list headers and 64-bit values are
 * returned through reader state (`fieldId`, `elemType`, `hi`/`lo`…) rather than fresh objects, to keep decoding
 * allocation-free per value.
 */
export interface ThriftReader {
    /** Format name used in errors, e.g. `jaeger.agent.compact`. */
    readonly format: string;
    /** Byte offset of the next read. */
    readonly offset: number;
    /** Bytes left after `offset`. */
    remaining(): number;
    readMessageBegin(): MessageHeader;
    readStructBegin(): void;
    readStructEnd(): void;
    /** Returns the field's TType (`TType.STOP` at the end of the struct) and sets `fieldId`. */
    readFieldBegin(): number;
    readonly fieldId: number;
    readBool(): boolean;
    readByte(): number;
    readI16(): number;
    readI32(): number;
    /** Reads an i64 into `hi`/`lo` (two's complement halves as uint32). */
    readI64Parts(): void;
    readonly hi: number;
    readonly lo: number;
    readDouble(): number;
    readString(): string;
    /** A string that repeats from span to span (tag key, operation or service name): decoded through a cache. */
    readKey(): string;
    readBinary(): Uint8Array;
    /** Steps over a string/binary without decoding it; returns its length. */
    readBinaryLength(): number;
    /** Returns the element count and sets `elemType`. Also used for sets. */
    readListBegin(): number;
    readListEnd(): void;
    readonly elemType: number;
    /** Returns the entry count and sets `keyType`/`valueType`. */
    readMapBegin(): number;
    readMapEnd(): void;
    readonly keyType: number;
    readonly valueType: number;
    /** Skips one value of the given TType, honouring the depth limit. */
    skip(type: number): void;
    /** A DecodeError at the current offset. */
    fail(detail: string): Error;
}
//# sourceMappingURL=reader.d.ts.map