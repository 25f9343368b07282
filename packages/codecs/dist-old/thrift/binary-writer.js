import { ByteSink } from './byte-sink.js';
import { TType } from './types.js';
const VERSION_1 = 0x80010000;
/** TBinaryProtocol writer; messages use the strict header (version 0x80010000). */
export class BinaryWriter extends ByteSink {
    writeMessageBegin(name, type, seqId) {
        this.writeI32((VERSION_1 | type) | 0);
        this.writeString(name);
        this.writeI32(seqId);
    }
    writeStructBegin() { }
    writeStructEnd() { }
    writeFieldBegin(type, id) {
        this.put(type);
        this.writeI16(id);
    }
    writeFieldStop() {
        this.put(TType.STOP);
    }
    writeBool(value) {
        this.put(value ? 1 : 0);
    }
    writeByte(value) {
        this.put(value & 0xff);
    }
    writeI16(value) {
        this.ensure(2);
        this.view.setInt16(this.pos, value);
        this.pos += 2;
    }
    writeI32(value) {
        this.ensure(4);
        this.view.setInt32(this.pos, value | 0);
        this.pos += 4;
    }
    writeI64Parts(hi, lo) {
        this.ensure(8);
        this.view.setUint32(this.pos, hi >>> 0);
        this.view.setUint32(this.pos + 4, lo >>> 0);
        this.pos += 8;
    }
    writeDouble(value) {
        this.ensure(8);
        this.view.setFloat64(this.pos, value);
        this.pos += 8;
    }
    writeString(value) {
        // Reserve the worst case (3 bytes per UTF-16 unit), then backfill the length.
        this.ensure(4 + value.length * 3);
        const at = this.pos;
        const n = this.putUtf8At(value, at + 4);
        this.view.setInt32(at, n);
        this.pos = at + 4 + n;
    }
    writeBinary(value) {
        this.writeI32(value.length);
        this.putBytes(value);
    }
    writeListBegin(elemType, size) {
        this.put(elemType);
        this.writeI32(size);
    }
    writeMapBegin(keyType, valueType, size) {
        this.put(keyType);
        this.put(valueType);
        this.writeI32(size);
    }
}
//# sourceMappingURL=binary-writer.js.map