const utf8 = new TextEncoder();
/** Growable output buffer shared by the Thrift writers. */
export class ByteSink {
    buf;
    view;
    pos = 0;
    constructor(initialCapacity = 1024) {
        this.buf = new Uint8Array(initialCapacity);
        this.view = new DataView(this.buf.buffer);
    }
    ensure(extra) {
        const needed = this.pos + extra;
        if (needed <= this.buf.length)
            return;
        let cap = this.buf.length * 2;
        while (cap < needed)
            cap *= 2;
        const next = new Uint8Array(cap);
        next.set(this.buf.subarray(0, this.pos));
        this.buf = next;
        this.view = new DataView(next.buffer);
    }
    put(b) {
        this.ensure(1);
        this.buf[this.pos++] = b;
    }
    putBytes(bytes) {
        this.ensure(bytes.length);
        this.buf.set(bytes, this.pos);
        this.pos += bytes.length;
    }
    /** Encodes `s` as UTF-8 at `at` (capacity must be ensured); returns the byte count. */
    putUtf8At(s, at) {
        return utf8.encodeInto(s, this.buf.subarray(at)).written;
    }
    static encodeUtf8(s) {
        return utf8.encode(s);
    }
    finish() {
        return this.buf.slice(0, this.pos);
    }
}
//# sourceMappingURL=byte-sink.js.map