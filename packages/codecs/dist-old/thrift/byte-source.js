import { DecodeError } from '../errors.js';
import { decodeUtf8Cached } from '../protobuf/string-cache.js';
import { decodeUtf8 } from '../protobuf/utf8.js';
import { skipValue } from './skip.js';
import { defaultThriftLimits } from './types.js';
/**
 * Bounds-checked cursor over untrusted bytes, and what the binary and compact readers have in common: the reader
 * state of {@link ThriftReader}, strings and binaries after a protocol-specific length prefix, skipping. Every read
 * checks the remaining length first, so a hostile length never reaches a typed-array constructor.
 */
export class ByteSource {
    format;
    bytes;
    fieldId = 0;
    hi = 0;
    lo = 0;
    elemType = 0;
    keyType = 0;
    valueType = 0;
    pos;
    view;
    depth = 0;
    limits;
    constructor(format, bytes, limits = {}, start = 0) {
        this.format = format;
        this.bytes = bytes;
        this.pos = start;
        this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        this.limits = { ...defaultThriftLimits, ...limits };
    }
    get offset() {
        return this.pos;
    }
    remaining() {
        return this.bytes.length - this.pos;
    }
    fail(detail, offset = this.pos) {
        return new DecodeError(this.format, detail, { offset });
    }
    need(n, what) {
        if (n > this.bytes.length - this.pos) {
            throw this.fail(`truncated: ${what} needs ${n} bytes, ${this.bytes.length - this.pos} left`);
        }
    }
    u8(what) {
        if (this.pos >= this.bytes.length)
            throw this.fail(`truncated: ${what} needs 1 byte, 0 left`);
        return this.bytes[this.pos++];
    }
    checkStringLength(length, at) {
        if (length < 0)
            throw this.fail(`negative string length ${length}`, at);
        if (length > this.limits.maxStringLength) {
            throw this.fail(`string length ${length} exceeds limit ${this.limits.maxStringLength}`, at);
        }
        if (length > this.remaining()) {
            throw this.fail(`string length ${length} exceeds the ${this.remaining()} bytes left`, at);
        }
    }
    /** Every element takes at least one byte, so a count beyond the remaining bytes is a lie. */
    checkContainerSize(size, at, minBytesPerElement) {
        if (size < 0)
            throw this.fail(`negative container size ${size}`, at);
        if (size > this.limits.maxContainerSize) {
            throw this.fail(`container size ${size} exceeds limit ${this.limits.maxContainerSize}`, at);
        }
        if (size * minBytesPerElement > this.remaining()) {
            throw this.fail(`container size ${size} cannot fit in the ${this.remaining()} bytes left`, at);
        }
    }
    enter() {
        if (++this.depth > this.limits.maxDepth) {
            throw this.fail(`nesting deeper than limit ${this.limits.maxDepth}`);
        }
    }
    leave() {
        this.depth--;
    }
    utf8(length) {
        const start = this.pos;
        this.pos = start + length;
        return decodeUtf8(this.bytes, start, this.pos);
    }
    slice(length) {
        const start = this.pos;
        this.pos += length;
        return this.bytes.slice(start, start + length);
    }
    readLength() {
        const at = this.pos;
        const length = this.readSizePrefix();
        this.checkStringLength(length, at);
        return length;
    }
    readString() {
        return this.utf8(this.readLength());
    }
    readKey() {
        const length = this.readLength();
        const start = this.pos;
        this.pos = start + length;
        return decodeUtf8Cached(this.bytes, start, this.pos);
    }
    readBinary() {
        return this.slice(this.readLength());
    }
    readBinaryLength() {
        const length = this.readLength();
        this.pos += length;
        return length;
    }
    readByte() {
        return (this.u8('byte') << 24) >> 24;
    }
    readListEnd() {
        this.leave();
    }
    readMapEnd() {
        this.leave();
    }
    skip(type) {
        skipValue(this, type);
    }
}
//# sourceMappingURL=byte-source.js.map