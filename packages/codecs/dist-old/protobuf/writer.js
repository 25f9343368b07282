import { InvalidIdError, writeIdBytes } from '@skein/model';
import { idToBytes } from './ids.js';
import { encodeUtf8Into, utf8Length } from './utf8.js';
import { WireType } from './wire-type.js';
const MAX_SAFE_BIGINT = BigInt(Number.MAX_SAFE_INTEGER);
const TWO_POW_32 = 4294967296;
const INITIAL_CAPACITY = 1024;
const ASCII_INLINE_LIMIT = 32;
/** Up to here a JS loop copies faster than a subarray plus a native set. */
const RAW_LOOP_LIMIT = 48;
export function varintSize(value) {
    if (value < 0x80)
        return 1;
    if (value < 0x4000)
        return 2;
    if (value < 0x200000)
        return 3;
    if (value < 0x10000000)
        return 4;
    return 5;
}
/**
 * Builds protobuf wire bytes in one growable buffer. Nested messages use `fork()` … `ldelim()`: fork reserves one
 * byte for the length, ldelim writes it and shifts the body only when the length needs more than one byte.
 */
export class ProtoWriter {
    buf;
    view;
    pos = 0;
    forks = [];
    constructor(initialCapacity = INITIAL_CAPACITY) {
        this.buf = new Uint8Array(initialCapacity);
        this.view = new DataView(this.buf.buffer);
    }
    ensure(extra) {
        const needed = this.pos + extra;
        if (needed <= this.buf.length)
            return;
        let capacity = this.buf.length * 2;
        while (capacity < needed)
            capacity *= 2;
        const grown = new Uint8Array(capacity);
        grown.set(this.buf.subarray(0, this.pos));
        this.buf = grown;
        this.view = new DataView(grown.buffer);
    }
    tag(fieldNumber, wireType) {
        return this.uint32(((fieldNumber << 3) | wireType) >>> 0);
    }
    uint32(value) {
        this.ensure(5);
        let v = value >>> 0;
        while (v > 0x7f) {
            this.buf[this.pos++] = (v & 0x7f) | 0x80;
            v >>>= 7;
        }
        this.buf[this.pos++] = v;
        return this;
    }
    /** int32: negative values take ten bytes, as the protobuf spec requires (sign-extended to 64 bits). */
    int32(value) {
        return value >= 0 ? this.uint32(value) : this.varint64(value | 0, -1);
    }
    sint32(value) {
        return this.uint32(((value << 1) ^ (value >> 31)) >>> 0);
    }
    bool(value) {
        this.ensure(1);
        this.buf[this.pos++] = value ? 1 : 0;
        return this;
    }
    varint64(lo, hi) {
        this.ensure(10);
        let l = lo >>> 0;
        let h = hi >>> 0;
        while (h !== 0 || l > 0x7f) {
            this.buf[this.pos++] = (l & 0x7f) | 0x80;
            l = ((l >>> 7) | (h << 25)) >>> 0;
            h >>>= 7;
        }
        this.buf[this.pos++] = l;
        return this;
    }
    /** uint64/int64 varint from its unsigned 32-bit halves (the canonical encoding of the 64-bit value). */
    uint64Parts(low, high) {
        return high === 0 ? this.uint32(low) : this.varint64(low, high);
    }
    /** uint64/int64 varint from a bigint (negative values are written as their 64-bit two's complement). */
    int64(value) {
        // Most values are small: one Number() conversion instead of three bigint operations.
        if (value >= 0n && value <= MAX_SAFE_BIGINT) {
            const n = Number(value);
            return n <= 0xffffffff ? this.uint32(n) : this.varint64(n % TWO_POW_32, Math.floor(n / TWO_POW_32));
        }
        const v = BigInt.asUintN(64, value);
        return this.varint64(Number(v & 0xffffffffn), Number(v >> 32n));
    }
    uint64(value) {
        return this.int64(value);
    }
    sint64(value) {
        const v = BigInt.asIntN(64, value);
        return this.int64((v << 1n) ^ (v >> 63n));
    }
    /** int64/uint64 varint from a safe integer number (fast path for timestamps and counts). */
    int64Number(value) {
        if (value >= 0 && value <= 0xffffffff)
            return this.uint32(value);
        if (value >= 0)
            return this.varint64(value % TWO_POW_32, Math.floor(value / TWO_POW_32));
        return this.int64(BigInt(value));
    }
    fixed32(value) {
        this.ensure(4);
        this.view.setUint32(this.pos, value >>> 0, true);
        this.pos += 4;
        return this;
    }
    sfixed32(value) {
        this.ensure(4);
        this.view.setInt32(this.pos, value | 0, true);
        this.pos += 4;
        return this;
    }
    float(value) {
        this.ensure(4);
        this.view.setFloat32(this.pos, value, true);
        this.pos += 4;
        return this;
    }
    double(value) {
        this.ensure(8);
        this.view.setFloat64(this.pos, value, true);
        this.pos += 8;
        return this;
    }
    fixed64(value) {
        this.ensure(8);
        this.view.setBigUint64(this.pos, BigInt.asUintN(64, value), true);
        this.pos += 8;
        return this;
    }
    sfixed64(value) {
        return this.fixed64(value);
    }
    /** fixed64 from a non-negative safe integer. */
    fixed64Number(value) {
        this.ensure(8);
        this.view.setUint32(this.pos, value % TWO_POW_32, true);
        this.view.setUint32(this.pos + 4, Math.floor(value / TWO_POW_32), true);
        this.pos += 8;
        return this;
    }
    /** Length-prefixed bytes. */
    bytes(value) {
        this.uint32(value.length);
        this.ensure(value.length);
        this.buf.set(value, this.pos);
        this.pos += value.length;
        return this;
    }
    /** Raw bytes with no length prefix (pre-encoded content). */
    raw(value) {
        this.ensure(value.length);
        this.buf.set(value, this.pos);
        this.pos += value.length;
        return this;
    }
    /** Bytes `[start, end)` of `source` with no length prefix: copied through from an input being transcoded. */
    rawRange(source, start, end) {
        this.copyRange(source, start, end);
        return this;
    }
    /**
     * Copies bytes `[start, end)` of `source` like {@link rawRange} and returns their bitwise OR: under 0x80 means
     * they were ASCII, learnt without a second pass over them.
     */
    copyRange(source, start, end) {
        const length = end - start;
        this.ensure(length);
        const buf = this.buf;
        let pos = this.pos;
        let bits = 0;
        if (length <= RAW_LOOP_LIMIT) {
            for (let i = start; i < end; i++) {
                const byte = source[i];
                bits |= byte;
                buf[pos++] = byte;
            }
        }
        else {
            buf.set(source.subarray(start, end), pos);
            for (let i = start; i < end; i++)
                bits |= source[i];
        }
        this.pos += length;
        return bits;
    }
    string(value) {
        const length = value.length;
        if (length <= ASCII_INLINE_LIMIT) {
            this.ensure(1 + length);
            const lengthAt = this.pos++;
            let pos = this.pos;
            for (let i = 0; i < length; i++) {
                const code = value.charCodeAt(i);
                if (code >= 0x80) {
                    this.pos = lengthAt;
                    return this.stringSlow(value);
                }
                this.buf[pos++] = code;
            }
            this.buf[lengthAt] = length;
            this.pos = pos;
            return this;
        }
        return this.stringSlow(value);
    }
    stringSlow(value) {
        const byteLength = utf8Length(value);
        this.uint32(byteLength);
        this.ensure(byteLength);
        this.pos += encodeUtf8Into(value, this.buf, this.pos);
        return this;
    }
    /** Starts a nested length-delimited value; pair with {@link ldelim}. */
    fork() {
        this.ensure(1);
        this.forks.push(this.pos);
        this.pos += 1;
        return this;
    }
    /** Ends the innermost {@link fork}, writing its length prefix. */
    ldelim() {
        const start = this.forks.pop();
        if (start === undefined)
            throw new Error('ProtoWriter.ldelim without fork');
        const bodyStart = start + 1;
        const length = this.pos - bodyStart;
        const size = varintSize(length);
        if (size > 1) {
            this.ensure(size - 1);
            this.buf.copyWithin(start + size, bodyStart, this.pos);
            this.pos += size - 1;
        }
        let v = length;
        let at = start;
        while (v > 0x7f) {
            this.buf[at++] = (v & 0x7f) | 0x80;
            v >>>= 7;
        }
        this.buf[at] = v;
        return this;
    }
    // Field helpers: tag + value in one call.
    stringField(fieldNumber, value) {
        return this.tag(fieldNumber, WireType.LENGTH_DELIMITED).string(value);
    }
    bytesField(fieldNumber, value) {
        return this.tag(fieldNumber, WireType.LENGTH_DELIMITED).bytes(value);
    }
    /**
     * A trace or span id as a bytes field. Canonical ids are written straight into the buffer by the model's
     * `writeIdBytes`; anything else goes through the lenient {@link idToBytes}, as before.
     */
    idField(fieldNumber, id) {
        const byteLength = id.length >>> 1;
        this.tag(fieldNumber, WireType.LENGTH_DELIMITED);
        const start = this.pos;
        this.uint32(byteLength);
        this.ensure(byteLength);
        try {
            this.pos = writeIdBytes(id, this.buf, this.pos);
            return this;
        }
        catch (error) {
            if (!(error instanceof InvalidIdError))
                throw error;
            this.pos = start;
            return this.bytes(idToBytes(id));
        }
    }
    /** Opens a nested message field: tag + fork. Close with {@link ldelim}. */
    messageField(fieldNumber) {
        return this.tag(fieldNumber, WireType.LENGTH_DELIMITED).fork();
    }
    /** The bytes written so far, copied out so the writer can be reused or dropped. */
    finish() {
        if (this.forks.length)
            throw new Error(`ProtoWriter.finish with ${this.forks.length} open fork(s)`);
        return this.buf.slice(0, this.pos);
    }
    /** Bytes the writer holds now (it grows as needed). */
    get capacity() {
        return this.buf.length;
    }
    /** Clears the writer for reuse, keeping its buffer. */
    reset() {
        this.pos = 0;
        this.forks.length = 0;
        return this;
    }
}
//# sourceMappingURL=writer.js.map