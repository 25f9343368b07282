import { ByteSink } from './byte-sink.js';
import type { ThriftWriter } from './writer.js';
/** TCompactProtocol writer. A bool field's header is held back until its value is known (bool-in-type). */
export declare class CompactWriter extends ByteSink implements ThriftWriter {
    private lastFieldId;
    private readonly fieldIdStack;
    private pendingBoolFieldId;
    writeMessageBegin(name: string, type: number, seqId: number): void;
    writeStructBegin(): void;
    writeStructEnd(): void;
    writeFieldBegin(type: number, id: number): void;
    private writeFieldHeader;
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
    private writeVarint32;
    private writeVarint64;
}
//# sourceMappingURL=compact-writer.d.ts.map