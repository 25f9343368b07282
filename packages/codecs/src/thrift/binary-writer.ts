import { ByteSink } from './byte-sink.js';
import { TType } from './types.js';
import type { ThriftWriter } from './writer.js';

const VERSION_1 = 0x80010000;

/** TBinaryProtocol writer; messages use the strict header (version 0x80010000). */
export class BinaryWriter extends ByteSink implements ThriftWriter {
  writeMessageBegin(name: string, type: number, seqId: number): void {
    this.writeI32((VERSION_1 | type) | 0);
    this.writeString(name);
    this.writeI32(seqId);
  }

  writeStructBegin(): void {}

  writeStructEnd(): void {}

  writeFieldBegin(type: number, id: number): void {
    this.put(type);
    this.writeI16(id);
  }

  writeFieldStop(): void {
    this.put(TType.STOP);
  }

  writeBool(value: boolean): void {
    this.put(value ? 1 : 0);
  }

  writeByte(value: number): void {
    this.put(value & 0xff);
  }

  writeI16(value: number): void {
    this.ensure(2);
    this.view.setInt16(this.pos, value);
    this.pos += 2;
  }

  writeI32(value: number): void {
    this.ensure(4);
    this.view.setInt32(this.pos, value | 0);
    this.pos += 4;
  }

  writeI64Parts(hi: number, lo: number): void {
    this.ensure(8);
    this.view.setUint32(this.pos, hi >>> 0);
    this.view.setUint32(this.pos + 4, lo >>> 0);
    this.pos += 8;
  }

  writeDouble(value: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, value);
    this.pos += 8;
  }

  writeString(value: string): void {
    // Reserve the worst case (3 bytes per UTF-16 unit), then backfill the length.
    this.ensure(4 + value.length * 3);
    const at = this.pos;
    const n = this.putUtf8At(value, at + 4);
    this.view.setInt32(at, n);
    this.pos = at + 4 + n;
  }

  writeBinary(value: Uint8Array): void {
    this.writeI32(value.length);
    this.putBytes(value);
  }

  writeListBegin(elemType: number, size: number): void {
    this.put(elemType);
    this.writeI32(size);
  }

  writeMapBegin(keyType: number, valueType: number, size: number): void {
    this.put(keyType);
    this.put(valueType);
    this.writeI32(size);
  }
}
