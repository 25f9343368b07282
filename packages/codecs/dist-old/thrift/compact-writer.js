import { ByteSink } from './byte-sink.js';
import { COMPACT_PROTOCOL_ID, COMPACT_VERSION, CType, ttypeToCompact } from './compact-types.js';
import { TType } from './types.js';
/** TCompactProtocol writer. A bool field's header is held back until its value is known (bool-in-type). */
export class CompactWriter extends ByteSink {
    lastFieldId = 0;
    fieldIdStack = [];
    pendingBoolFieldId = -1;
    writeMessageBegin(name, type, seqId) {
        this.put(COMPACT_PROTOCOL_ID);
        this.put((COMPACT_VERSION & 0x1f) | ((type & 0x07) << 5));
        this.writeVarint32(seqId >>> 0);
        this.writeString(name);
    }
    writeStructBegin() {
        this.fieldIdStack.push(this.lastFieldId);
        this.lastFieldId = 0;
    }
    writeStructEnd() {
        this.lastFieldId = this.fieldIdStack.pop() ?? 0;
    }
    writeFieldBegin(type, id) {
        if (type === TType.BOOL) {
            this.pendingBoolFieldId = id;
            return;
        }
        this.writeFieldHeader(ttypeToCompact(type), id);
    }
    writeFieldHeader(ctype, id) {
        const delta = id - this.lastFieldId;
        if (delta > 0 && delta <= 15)
            this.put((delta << 4) | ctype);
        else {
            this.put(ctype);
            this.writeI16(id);
        }
        this.lastFieldId = id;
    }
    writeFieldStop() {
        this.put(CType.STOP);
    }
    writeBool(value) {
        const ctype = value ? CType.BOOLEAN_TRUE : CType.BOOLEAN_FALSE;
        if (this.pendingBoolFieldId >= 0) {
            this.writeFieldHeader(ctype, this.pendingBoolFieldId);
            this.pendingBoolFieldId = -1;
        }
        else
            this.put(ctype);
    }
    writeByte(value) {
        this.put(value & 0xff);
    }
    writeI16(value) {
        this.writeVarint32(((value << 1) ^ (value >> 31)) >>> 0);
    }
    writeI32(value) {
        this.writeVarint32(((value << 1) ^ (value >> 31)) >>> 0);
    }
    writeI64Parts(hi, lo) {
        const sign = (hi | 0) >> 31;
        const zlo = ((lo << 1) ^ sign) >>> 0;
        const zhi = (((hi << 1) | (lo >>> 31)) ^ sign) >>> 0;
        this.writeVarint64(zhi, zlo);
    }
    writeDouble(value) {
        this.ensure(8);
        this.view.setFloat64(this.pos, value, true);
        this.pos += 8;
    }
    writeString(value) {
        if (value.length < 43) {
            // At most 126 UTF-8 bytes: the length varint is one byte.
            this.ensure(1 + value.length * 3);
            const at = this.pos;
            const n = this.putUtf8At(value, at + 1);
            this.buf[at] = n;
            this.pos = at + 1 + n;
            return;
        }
        this.writeBinary(ByteSink.encodeUtf8(value));
    }
    writeBinary(value) {
        this.writeVarint32(value.length);
        this.putBytes(value);
    }
    writeListBegin(elemType, size) {
        const ctype = ttypeToCompact(elemType);
        if (size < 15)
            this.put((size << 4) | ctype);
        else {
            this.put(0xf0 | ctype);
            this.writeVarint32(size);
        }
    }
    writeMapBegin(keyType, valueType, size) {
        this.writeVarint32(size);
        if (size > 0)
            this.put((ttypeToCompact(keyType) << 4) | ttypeToCompact(valueType));
    }
    writeVarint32(n) {
        this.ensure(5);
        while (n > 0x7f) {
            this.buf[this.pos++] = (n & 0x7f) | 0x80;
            n >>>= 7;
        }
        this.buf[this.pos++] = n;
    }
    writeVarint64(hi, lo) {
        this.ensure(10);
        while (hi !== 0 || lo > 0x7f) {
            this.buf[this.pos++] = (lo & 0x7f) | 0x80;
            lo = ((lo >>> 7) | (hi << 25)) >>> 0;
            hi >>>= 7;
        }
        this.buf[this.pos++] = lo;
    }
}
//# sourceMappingURL=compact-writer.js.map