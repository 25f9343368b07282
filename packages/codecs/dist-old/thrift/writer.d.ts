/** What a typed struct encoder needs from a Thrift protocol. `finish` returns the bytes written so far. */
export interface ThriftWriter {
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
    finish(): Uint8Array;
}
//# sourceMappingURL=writer.d.ts.map