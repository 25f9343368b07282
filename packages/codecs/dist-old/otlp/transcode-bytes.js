import { isUtf8 } from 'node:buffer';
import { SPAN_SIZE_COSTS } from '@skein/model';
import { KeyValueField } from '../jaeger-proto/fields.js';
import { varintSize, WireType } from '../protobuf/index.js';
/**
 * The byte-level pieces of the OTLP → Kafka `protobuf` transcoder (to-kafka-protobuf.ts): reading a payload without
 * reader objects, and copying attributes through into Jaeger KeyValues. Everything here throws
 * {@link NEEDS_FULL_PATH} rather than guess: the caller then leaves the payload to the full decode path.
 */
/** Thrown inside the transcoder when the full path must take the payload; preallocated, it is thrown per payload. */
export const NEEDS_FULL_PATH = new Error('needs the full decode path');
var ValueKind;
(function (ValueKind) {
    ValueKind[ValueKind["Unset"] = 0] = "Unset";
    ValueKind[ValueKind["String"] = 1] = "String";
    ValueKind[ValueKind["Bool"] = 2] = "Bool";
    ValueKind[ValueKind["Int"] = 3] = "Int";
    ValueKind[ValueKind["Double"] = 4] = "Double";
    ValueKind[ValueKind["Bytes"] = 5] = "Bytes";
})(ValueKind || (ValueKind = {}));
/**
 * The `KeyValue`s of one span or one event, kept as byte ranges until they are written: each is then read and
 * written in one go, inline, without a reader object (attributes are most of a span's bytes). Anything but the
 * common shape (one-byte tags, the five scalar value kinds) is left to the full path.
 */
export class Attributes {
    input;
    count = 0;
    ranges = [];
    constructor(input) {
        this.input = input;
    }
    reset() {
        this.count = 0;
    }
    add(start, end) {
        const i = this.count++ * 2;
        this.ranges[i] = start;
        this.ranges[i + 1] = end;
    }
    /** True when some attribute's (last) key is exactly `key` (ASCII). */
    hasKey(key) {
        for (let i = 0; i < this.count; i++) {
            this.parse(this.ranges[2 * i], this.ranges[2 * i + 1]);
            if (sameBytes(this.input.bytes, this.keyStart, this.keyEnd, key))
                return true;
        }
        return false;
    }
    /**
     * Writes every attribute as a Jaeger KeyValue in `field`, as writeKeyValue would from the decoded tag: the key
     * always, a value only when it is not the default. Returns their share of the span's size estimate.
     */
    write(out, field, plan) {
        let size = 0;
        for (let i = 0; i < this.count; i++)
            size += this.writeOne(out, field, plan, this.ranges[2 * i], this.ranges[2 * i + 1]);
        return size;
    }
    // The KeyValue last read by `parse`.
    keyStart = 0;
    keyEnd = 0;
    kind = ValueKind.Unset;
    valueStart = 0;
    valueEnd = 0;
    low = 0;
    high = 0;
    /** Reads the `KeyValue` in `[start, end)` as decode-proto's readAttribute does (the last key and value win). */
    parse(start, end) {
        const input = this.input;
        const bytes = input.bytes;
        let keyStart = 0;
        let keyEnd = 0;
        let kind = ValueKind.Unset;
        let valueStart = 0;
        let valueEnd = 0;
        let low = 0;
        let high = 0;
        let pos = start;
        while (pos < end) {
            const tag = bytes[pos++];
            if (tag === 10 /* KeyValue.key */) {
                keyStart = input.lengthAt(pos, end);
                pos = keyEnd = input.end;
            }
            else if (tag === 18 /* KeyValue.value */) {
                const valueMessageStart = input.lengthAt(pos, end);
                const valueMessageEnd = input.end;
                kind = ValueKind.Unset;
                pos = valueMessageStart;
                while (pos < valueMessageEnd) {
                    const valueTag = bytes[pos++];
                    switch (valueTag) {
                        case 10 /* AnyValue.string_value */:
                        case 58 /* AnyValue.bytes_value */:
                            kind = valueTag === 10 ? ValueKind.String : ValueKind.Bytes;
                            valueStart = input.lengthAt(pos, valueMessageEnd);
                            pos = valueEnd = input.end;
                            break;
                        case 16 /* AnyValue.bool_value */:
                        case 24 /* AnyValue.int_value */:
                            kind = valueTag === 16 ? ValueKind.Bool : ValueKind.Int;
                            pos = input.varint64At(pos, valueMessageEnd);
                            low = valueTag === 16 ? (input.low | input.high ? 1 : 0) : input.low;
                            high = input.high;
                            break;
                        case 33 /* AnyValue.double_value */:
                            kind = ValueKind.Double;
                            if (pos + 8 > valueMessageEnd)
                                throw NEEDS_FULL_PATH;
                            low = input.view.getFloat64(pos, true);
                            pos += 8;
                            break;
                        default:
                            // array_value and kvlist_value (rendered as JSON text), unknown fields, multi-byte tags.
                            throw NEEDS_FULL_PATH;
                    }
                }
            }
            else
                throw NEEDS_FULL_PATH;
        }
        this.keyStart = keyStart;
        this.keyEnd = keyEnd;
        this.kind = kind;
        this.valueStart = valueStart;
        this.valueEnd = valueEnd;
        this.low = low;
        this.high = high;
    }
    /**
     * Whether the first attribute keyed `key` is the string `value`, reading every attribute as the full path does
     * (a link's `opentracing.ref_type`). Keys and values that are not plain UTF-8 are left to the full path.
     */
    firstStringIs(key, value) {
        const bytes = this.input.bytes;
        let answer;
        for (let i = 0; i < this.count; i++) {
            this.parse(this.ranges[2 * i], this.ranges[2 * i + 1]);
            if (!isPlainUtf8(bytes, this.keyStart, this.keyEnd))
                throw NEEDS_FULL_PATH;
            if (this.kind === ValueKind.String && !isPlainUtf8(bytes, this.valueStart, this.valueEnd))
                throw NEEDS_FULL_PATH;
            if (answer === undefined && sameBytes(bytes, this.keyStart, this.keyEnd, key)) {
                answer = this.kind === ValueKind.String && sameBytes(bytes, this.valueStart, this.valueEnd, value);
            }
        }
        return answer ?? false;
    }
    /** Writes the `KeyValue` in `[start, end)`; returns its share of the span's size estimate. */
    writeOne(out, field, plan, start, end) {
        this.parse(start, end);
        const bytes = this.input.bytes;
        const { keyStart, keyEnd, kind, valueStart, valueEnd, low, high } = this;
        const keyLength = keyEnd - keyStart;
        const valueLength = valueEnd - valueStart;
        let estimate = SPAN_SIZE_COSTS.scalarValue;
        let valueSize = 0;
        switch (kind) {
            case ValueKind.Unset:
                estimate = 0;
                break;
            case ValueKind.String:
                // Lengths in bytes: for UTF-8 text an upper bound of the character count the pipeline compares.
                if (valueLength > plan.maxTagValueLength)
                    throw NEEDS_FULL_PATH;
                estimate = valueLength;
                if (valueLength > 0)
                    valueSize = 1 + varintSize(valueLength) + valueLength;
                break;
            case ValueKind.Bytes:
                if (valueLength > plan.maxTagValueLength)
                    throw NEEDS_FULL_PATH;
                estimate = valueLength;
                valueSize = 2 + (valueLength > 0 ? 1 + varintSize(valueLength) + valueLength : 0);
                break;
            case ValueKind.Bool:
                valueSize = 2 + (low ? 2 : 0);
                break;
            case ValueKind.Int:
                valueSize = 2 + (low | high ? 1 + varint64Size(low, high) : 0);
                break;
            case ValueKind.Double:
                valueSize = 2 + (Object.is(low, 0) ? 0 : 9);
                break;
        }
        // Sizes are known, so the message is written in one go, with no length to patch afterwards.
        out.tag(field, WireType.LENGTH_DELIMITED).uint32(1 + varintSize(keyLength) + keyLength + valueSize);
        // Text is checked as it is copied: ASCII needs nothing more (the output is thrown away if the check fails).
        if (out.tag(KeyValueField.key, WireType.LENGTH_DELIMITED).uint32(keyLength).copyRange(bytes, keyStart, keyEnd) >= 0x80 && !isPlainUtf8(bytes, keyStart, keyEnd))
            throw NEEDS_FULL_PATH;
        switch (kind) {
            case ValueKind.String:
                if (valueLength > 0 && out.tag(KeyValueField.vStr, WireType.LENGTH_DELIMITED).uint32(valueLength).copyRange(bytes, valueStart, valueEnd) >= 0x80 && !isPlainUtf8(bytes, valueStart, valueEnd))
                    throw NEEDS_FULL_PATH;
                break;
            case ValueKind.Bytes:
                out.tag(KeyValueField.vType, WireType.VARINT).uint32(4);
                if (valueLength > 0)
                    out.tag(KeyValueField.vBinary, WireType.LENGTH_DELIMITED).uint32(valueLength).rawRange(bytes, valueStart, valueEnd);
                break;
            case ValueKind.Bool:
                out.tag(KeyValueField.vType, WireType.VARINT).uint32(1);
                if (low)
                    out.tag(KeyValueField.vBool, WireType.VARINT).bool(true);
                break;
            case ValueKind.Int:
                out.tag(KeyValueField.vType, WireType.VARINT).uint32(2);
                if (low | high)
                    out.tag(KeyValueField.vInt64, WireType.VARINT).uint64Parts(low, high);
                break;
            case ValueKind.Double:
                out.tag(KeyValueField.vType, WireType.VARINT).uint32(3);
                if (!Object.is(low, 0))
                    out.tag(KeyValueField.vFloat64, WireType.FIXED64).double(low);
                break;
        }
        return SPAN_SIZE_COSTS.tag + keyLength + estimate;
    }
}
/** Bytes of the canonical varint of the 64-bit value `high·2^32 + low` (both unsigned 32-bit). */
function varint64Size(low, high) {
    if (high === 0)
        return varintSize(low);
    // 32 bits of low plus the bits of high, 7 per byte.
    const bits = 64 - Math.clz32(high);
    return Math.ceil(bits / 7);
}
/** The payload, with the little readers the inline attribute parser needs. They throw to leave it to the full path. */
export class Input {
    bytes;
    view;
    /** End of the last length-delimited value read. */
    end = 0;
    low = 0;
    high = 0;
    constructor(bytes) {
        this.bytes = bytes;
        this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    /** Reads a length prefix at `pos`; returns where the value starts and sets {@link end}; fails past `limit`. */
    lengthAt(pos, limit) {
        const bytes = this.bytes;
        let length = bytes[pos++];
        if (length >= 0x80) {
            length &= 0x7f;
            for (let shift = 7;; shift += 7) {
                if (pos >= limit)
                    throw NEEDS_FULL_PATH;
                const byte = bytes[pos++];
                // A fifth byte may only carry the top 3 bits of a 31-bit length (ProtoReader refuses longer ones).
                if (shift === 28 && byte > 0x07)
                    throw NEEDS_FULL_PATH;
                length |= (byte & 0x7f) << shift;
                if (byte < 0x80)
                    break;
            }
        }
        const end = pos + length;
        if (pos > limit || end > limit)
            throw NEEDS_FULL_PATH;
        this.end = end;
        return pos;
    }
    /** Reads a varint of up to 64 bits at `pos` into {@link low}/{@link high} (as ProtoReader does); returns the next offset. */
    varint64At(pos, limit) {
        const bytes = this.bytes;
        let low = 0;
        let high = 0;
        for (let shift = 0;; shift += 7) {
            if (pos >= limit || shift >= 70)
                throw NEEDS_FULL_PATH;
            const byte = bytes[pos++];
            const bits = byte & 0x7f;
            if (shift < 28)
                low |= bits << shift;
            else if (shift === 28) {
                low |= (bits & 0x0f) << 28;
                high |= bits >>> 4;
            }
            else
                high |= bits << (shift - 32);
            if (byte < 0x80)
                break;
        }
        this.low = low >>> 0;
        this.high = high >>> 0;
        return pos;
    }
}
/** A length-delimited field copied from the input; omitted when empty, as proto3 omits empty strings and bytes. */
export function writeRange(out, field, bytes, start, end) {
    if (end === start)
        return;
    out.tag(field, WireType.LENGTH_DELIMITED).uint32(end - start).rawRange(bytes, start, end);
}
/**
 * True when the bytes decode to a string that encodes back to the same bytes: ASCII, or valid UTF-8 not starting
 * with a byte-order mark (TextDecoder drops a leading BOM).
 */
export function isPlainUtf8(bytes, start, end) {
    let bits = 0;
    for (let i = start; i < end; i++)
        bits |= bytes[i];
    if (bits < 0x80)
        return true;
    if (bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf)
        return false;
    return isUtf8(bytes.subarray(start, end));
}
/** True when bytes `[start, end)` are exactly `expected`. */
export function sameBytes(bytes, start, end, expected) {
    if (end - start !== expected.length)
        return false;
    for (let i = 0; i < expected.length; i++)
        if (bytes[start + i] !== expected[i])
            return false;
    return true;
}
export function isZero(bytes, start, end) {
    let bits = 0;
    for (let i = start; i < end; i++)
        bits |= bytes[i];
    return bits === 0;
}
//# sourceMappingURL=transcode-bytes.js.map