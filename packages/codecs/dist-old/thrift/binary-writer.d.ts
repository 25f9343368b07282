import { ByteSink } from './byte-sink.js';
import type { ThriftWriter } from './writer.js';
/** TBinaryProtocol writer; messages use the strict header (version 0x80010000). */
export declare class BinaryWriter extends ByteSink implements ThriftWriter {
    writeMessageBegin(name: string, type: number, seqId: number): void;
    writeStructBegin(): void;
    writeStructEnd(): void;
    writeFieldBegin(type: number, id: number): void;
    writeFieldStop(): void;
    writeBool(value: boolean): void;
    writeByte(value: number): void;
    writeI16(value: number): void;
    writeI32(value: number): void;
    writeI64Parts(hi: number, lo: number): void;
    writeDouble(value: number): void;
    writeString(value: string): void;
    writeBinary(value: Uint8Array): void;
    writeListBegin(elemType: number, size: number): void;
    writeMapBegin(keyType: number, valueType: number, size: number): void;
}
//# sourceMappingURL=binary-writer.d.ts.map