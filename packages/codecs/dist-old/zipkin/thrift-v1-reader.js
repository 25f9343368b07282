import { bytesToBase64 } from '../protobuf/base64.js';
import { decodeUtf8 } from '../protobuf/utf8.js';
import { inField } from '../thrift/field-path.js';
import { partsToBigInt, partsToHex, partsToNumber } from '../thrift/int64.js';
import { readStructList } from '../thrift/struct-list.js';
import { TType } from '../thrift/types.js';
/**
 * zipkincore.thrift field ids. Span: 1 trace_id i64, 3 name, 4 id i64, 5 parent_id i64, 6 annotations,
 * 8 binary_annotations, 9 debug bool, 10 timestamp i64, 11 duration i64, 12 trace_id_high i64.
 * Annotation: 1 timestamp i64, 2 value, 3 host. BinaryAnnotation: 1 key, 2 value binary, 3 annotation_type i32,
 * 4 host. Endpoint: 1 ipv4 i32, 2 port i16, 3 service_name, 4 ipv6 binary.
 */
const SpanField = { traceId: 1, name: 3, id: 4, parentId: 5, annotations: 6, binaryAnnotations: 8, debug: 9, timestamp: 10, duration: 11, traceIdHigh: 12 };
/** enum AnnotationType { BOOL, BYTES, I16, I32, I64, DOUBLE, STRING } */
const AnnotationType = { BOOL: 0, BYTES: 1, I16: 2, I32: 3, I64: 4, DOUBLE: 5, STRING: 6 };
const ZERO_ID = '0000000000000000';
/** Reads `list<zipkincore.Span>` (the list header included). */
export function readZipkinSpanList(r) {
    return readStructList(r, readZipkinSpan);
}
export function readZipkinSpan(r) {
    const span = {
        traceIdHigh: undefined,
        traceId: ZERO_ID,
        id: ZERO_ID,
        parentId: undefined,
        name: '',
        annotations: [],
        binaryAnnotations: [],
        debug: false,
        timestamp: undefined,
        duration: undefined,
    };
    r.readStructBegin();
    for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
        const id = r.fieldId;
        if (t === TType.I64) {
            r.readI64Parts();
            switch (id) {
                case SpanField.traceId:
                    span.traceId = partsToHex(r.hi, r.lo);
                    break;
                case SpanField.id:
                    span.id = partsToHex(r.hi, r.lo);
                    break;
                case SpanField.parentId:
                    span.parentId = partsToHex(r.hi, r.lo);
                    break;
                case SpanField.timestamp:
                    span.timestamp = partsToNumber(r.hi, r.lo);
                    break;
                case SpanField.duration:
                    span.duration = partsToNumber(r.hi, r.lo);
                    break;
                case SpanField.traceIdHigh:
                    span.traceIdHigh = partsToHex(r.hi, r.lo);
                    break;
            }
        }
        else if (id === SpanField.name && t === TType.STRING)
            span.name = r.readKey();
        else if (id === SpanField.debug && t === TType.BOOL)
            span.debug = r.readBool();
        else if (id === SpanField.annotations && t === TType.LIST) {
            try {
                span.annotations = readStructList(r, readAnnotation);
            }
            catch (e) {
                throw inField(e, 'annotations');
            }
        }
        else if (id === SpanField.binaryAnnotations && t === TType.LIST) {
            try {
                span.binaryAnnotations = readStructList(r, readBinaryAnnotation);
            }
            catch (e) {
                throw inField(e, 'binary_annotations');
            }
        }
        else
            r.skip(t);
    }
    r.readStructEnd();
    return span;
}
function readAnnotation(r) {
    let timestamp = 0;
    let value = '';
    let host;
    r.readStructBegin();
    for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
        const id = r.fieldId;
        if (id === 1 && t === TType.I64) {
            r.readI64Parts();
            timestamp = partsToNumber(r.hi, r.lo);
        }
        else if (id === 2 && t === TType.STRING)
            value = r.readString();
        else if (id === 3 && t === TType.STRUCT)
            host = readEndpoint(r);
        else
            r.skip(t);
    }
    r.readStructEnd();
    return { timestamp, value, host };
}
function readBinaryAnnotation(r) {
    let key = '';
    let value = new Uint8Array(0);
    let type = -1;
    let host;
    r.readStructBegin();
    for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
        const id = r.fieldId;
        if (id === 1 && t === TType.STRING)
            key = r.readKey();
        else if (id === 2 && t === TType.STRING)
            value = r.readBinary();
        else if (id === 3 && t === TType.I32)
            type = r.readI32();
        else if (id === 4 && t === TType.STRUCT)
            host = readEndpoint(r);
        else
            r.skip(t);
    }
    r.readStructEnd();
    return { tag: binaryAnnotationTag(key, type, value), host };
}
function readEndpoint(r) {
    const e = { serviceName: '', ipv4: 0, ipv6: undefined, port: 0 };
    r.readStructBegin();
    for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
        const id = r.fieldId;
        if (id === 1 && t === TType.I32)
            e.ipv4 = r.readI32() >>> 0;
        else if (id === 2 && t === TType.I16)
            e.port = r.readI16() & 0xffff;
        else if (id === 3 && t === TType.STRING)
            e.serviceName = r.readKey();
        else if (id === 4 && t === TType.STRING)
            e.ipv6 = r.readBinary();
        else
            r.skip(t);
    }
    r.readStructEnd();
    return e;
}
/** Big-endian number annotations as Jaeger reads them; a value too short keeps its bytes in a readable error tag. */
export function binaryAnnotationTag(key, type, value) {
    const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
    const need = (n) => value.length >= n;
    switch (type) {
        case AnnotationType.BOOL:
            return { key, type: 'bool', value: value.length === 1 && value[0] === 1 };
        case AnnotationType.BYTES:
            return { key, type: 'binary', value };
        case AnnotationType.I16:
            if (need(2))
                return { key, type: 'int64', value: BigInt(view.getInt16(0)) };
            break;
        case AnnotationType.I32:
            if (need(4))
                return { key, type: 'int64', value: BigInt(view.getInt32(0)) };
            break;
        case AnnotationType.I64:
            if (need(8))
                return { key, type: 'int64', value: partsToBigInt(view.getUint32(0), view.getUint32(4)) };
            break;
        case AnnotationType.DOUBLE:
            if (need(8))
                return { key, type: 'float64', value: view.getFloat64(0) };
            break;
        case AnnotationType.STRING:
            return { key, type: 'string', value: decodeUtf8(value, 0, value.length) };
        default:
            return { key, type: 'string', value: `Cannot parse Zipkin value ${bytesToBase64(value)}: unknown annotation type ${type}` };
    }
    return { key, type: 'string', value: `Cannot parse Zipkin value ${bytesToBase64(value)}: ${value.length} bytes is too short` };
}
//# sourceMappingURL=thrift-v1-reader.js.map