import { ByteSource } from './byte-source.js';
import { COMPACT_PROTOCOL_ID, COMPACT_VERSION, CType, compactToTType } from './compact-types.js';
import { TType } from './types.js';
/** Smallest encoding of one element in TCompactProtocol, for container-size sanity checks. */
function minCompactSize(type) {
    return type === TType.DOUBLE ? 8 : 1;
}
/** TCompactProtocol: zigzag varints, field-id deltas, bools folded into field types, little-endian doubles. */
export class CompactReader extends ByteSource {
    lastFieldId = 0;
    fieldIdStack = [];
    /** Set when a field header carried a bool value; the next readBool returns it. */
    pendingBool;
    constructor(format, bytes, limits = {}, start = 0) {
        super(format, bytes, limits, start);
    }
    readMessageBegin() {
        const at = this.pos;
        const protocolId = this.u8('message header');
        if (protocolId !== COMPACT_PROTOCOL_ID) {
            throw this.fail(`bad compact protocol id 0x${protocolId.toString(16)}, expected 0x82`, at);
        }
        const versionAndType = this.u8('message header');
        const version = versionAndType & 0x1f;
        if (version !== COMPACT_VERSION)
            throw this.fail(`bad compact protocol version ${version}, expected 1`, at + 1);
        const seqId = this.readVarint32() | 0;
        const name = this.readString();
        return { name, type: (versionAndType >> 5) & 0x07, seqId };
    }
    readStructBegin() {
        this.enter();
        this.fieldIdStack.push(this.lastFieldId);
        this.lastFieldId = 0;
    }
    readStructEnd() {
        this.leave();
        this.lastFieldId = this.fieldIdStack.pop() ?? 0;
    }
    readFieldBegin() {
        const at = this.pos;
        const header = this.u8('field header');
        if (header === CType.STOP)
            return TType.STOP;
        const ctype = header & 0x0f;
        const type = compactToTType[ctype];
        if (type <= 0)
            throw this.fail(`invalid compact field type ${ctype}`, at);
        const delta = header >> 4;
        this.fieldId = delta === 0 ? this.readI16() : this.lastFieldId + delta;
        this.lastFieldId = this.fieldId;
        if (type === TType.BOOL)
            this.pendingBool = ctype === CType.BOOLEAN_TRUE;
        return type;
    }
    readBool() {
        if (this.pendingBool !== undefined) {
            const v = this.pendingBool;
            this.pendingBool = undefined;
            return v;
        }
        return this.u8('bool') === CType.BOOLEAN_TRUE;
    }
    readI16() {
        return (zigzag32(this.readVarint32()) << 16) >> 16;
    }
    readI32() {
        return zigzag32(this.readVarint32());
    }
    readI64Parts() {
        this.readVarint64();
        // zigzag: (n >>> 1) ^ -(n & 1) across the 64-bit pair
        const mask = -(this.lo & 1);
        const lo = ((this.lo >>> 1) | (this.hi << 31)) ^ mask;
        const hi = (this.hi >>> 1) ^ mask;
        this.lo = lo >>> 0;
        this.hi = hi >>> 0;
    }
    readDouble() {
        this.need(8, 'double');
        const v = this.view.getFloat64(this.pos, true);
        this.pos += 8;
        return v;
    }
    readSizePrefix() {
        return this.readVarint32();
    }
    readListBegin() {
        const at = this.pos;
        const header = this.u8('list header');
        const ctype = header & 0x0f;
        const type = compactToTType[ctype];
        if (type <= 0)
            throw this.fail(`invalid compact list element type ${ctype}`, at);
        const short = header >> 4;
        const size = short === 15 ? this.readVarint32() : short;
        this.checkContainerSize(size, at, minCompactSize(type));
        this.elemType = type;
        this.pendingBool = undefined;
        this.enter();
        return size;
    }
    readMapBegin() {
        const at = this.pos;
        const size = this.readVarint32();
        let kt = 0;
        let vt = 0;
        if (size > 0) {
            const types = this.u8('map header');
            kt = compactToTType[types >> 4];
            vt = compactToTType[types & 0x0f];
            if (kt <= 0 || vt <= 0)
                throw this.fail(`invalid compact map types ${types >> 4}/${types & 0x0f}`, at);
        }
        this.checkContainerSize(size, at, minCompactSize(kt) + minCompactSize(vt));
        this.keyType = kt;
        this.valueType = vt;
        this.pendingBool = undefined;
        this.enter();
        return size;
    }
    /** Unsigned 32-bit varint (at most 5 bytes). */
    readVarint32() {
        const at = this.pos;
        let result = 0;
        for (let shift = 0; shift < 35; shift += 7) {
            const b = this.u8('varint');
            result |= (b & 0x7f) << shift;
            if ((b & 0x80) === 0)
                return result >>> 0;
        }
        throw this.fail('varint32 longer than 5 bytes', at);
    }
    /** Unsigned 64-bit varint (at most 10 bytes) into hi/lo. */
    readVarint64() {
        const at = this.pos;
        let lo = 0;
        let hi = 0;
        for (let i = 0; i < 10; i++) {
            const b = this.u8('varint');
            const bits = b & 0x7f;
            if (i < 4)
                lo |= bits << (7 * i);
            else if (i === 4) {
                lo |= bits << 28;
                hi |= bits >>> 4;
            }
            else
                hi |= bits << (7 * i - 32);
            if ((b & 0x80) === 0) {
                this.lo = lo >>> 0;
                this.hi = hi >>> 0;
                return;
            }
        }
        throw this.fail('varint64 longer than 10 bytes', at);
    }
}
function zigzag32(n) {
    return (n >>> 1) ^ -(n & 1);
}
//# sourceMappingURL=compact-reader.js.map