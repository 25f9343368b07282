import { ByteSource } from './byte-source.js';
import { TType } from './types.js';
const VERSION_MASK = 0xffff0000 | 0;
const VERSION_1 = 0x80010000 | 0;
/** Smallest encoding of one element of each type in TBinaryProtocol, for container-size sanity checks. */
function minBinarySize(type) {
    switch (type) {
        case TType.I16:
            return 2;
        case TType.I32:
        case TType.STRING:
            return 4;
        case TType.I64:
        case TType.DOUBLE:
            return 8;
        case TType.LIST:
        case TType.SET:
            return 5;
        case TType.MAP:
            return 6;
        default:
            return 1;
    }
}
function validType(type) {
    return type === 2 || type === 3 || type === 4 || type === 6 || type === 8 || (type >= 10 && type <= 15);
}
/** TBinaryProtocol: big-endian fixed-width integers, i32-length strings, strict or old-style message headers. */
export class BinaryReader extends ByteSource {
    constructor(format, bytes, limits = {}, start = 0) {
        super(format, bytes, limits, start);
    }
    readMessageBegin() {
        const at = this.pos;
        const first = this.readI32();
        if (first < 0) {
            if ((first & VERSION_MASK) !== VERSION_1) {
                throw this.fail(`bad message version 0x${(first >>> 0).toString(16)}, expected 0x80010000`, at);
            }
            const name = this.readString();
            const seqId = this.readI32();
            return { name, type: first & 0xff, seqId };
        }
        // Old non-strict form: the first i32 is the method name's length.
        this.checkStringLength(first, at);
        const name = this.utf8(first);
        const type = this.u8('message type');
        const seqId = this.readI32();
        return { name, type, seqId };
    }
    readStructBegin() {
        this.enter();
    }
    readStructEnd() {
        this.leave();
    }
    readFieldBegin() {
        const type = this.u8('field header');
        if (type === TType.STOP)
            return TType.STOP;
        if (!validType(type))
            throw this.fail(`invalid field type ${type}`, this.pos - 1);
        this.fieldId = this.readI16();
        return type;
    }
    readBool() {
        return this.u8('bool') !== 0;
    }
    readI16() {
        this.need(2, 'i16');
        const v = this.view.getInt16(this.pos);
        this.pos += 2;
        return v;
    }
    readI32() {
        this.need(4, 'i32');
        const v = this.view.getInt32(this.pos);
        this.pos += 4;
        return v;
    }
    readI64Parts() {
        this.need(8, 'i64');
        this.hi = this.view.getUint32(this.pos);
        this.lo = this.view.getUint32(this.pos + 4);
        this.pos += 8;
    }
    readDouble() {
        this.need(8, 'double');
        const v = this.view.getFloat64(this.pos);
        this.pos += 8;
        return v;
    }
    readSizePrefix() {
        return this.readI32();
    }
    readListBegin() {
        const at = this.pos;
        const type = this.u8('list header');
        if (!validType(type))
            throw this.fail(`invalid list element type ${type}`, at);
        const size = this.readI32();
        this.checkContainerSize(size, at, minBinarySize(type));
        this.elemType = type;
        this.enter();
        return size;
    }
    readMapBegin() {
        const at = this.pos;
        const kt = this.u8('map header');
        const vt = this.u8('map header');
        const size = this.readI32();
        if (size > 0 && (!validType(kt) || !validType(vt)))
            throw this.fail(`invalid map types ${kt}/${vt}`, at);
        this.checkContainerSize(size, at, minBinarySize(kt) + minBinarySize(vt));
        this.keyType = kt;
        this.valueType = vt;
        this.enter();
        return size;
    }
}
//# sourceMappingURL=binary-reader.js.map