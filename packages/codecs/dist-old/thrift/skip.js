import { TType } from './types.js';
/** Reads past one value of any type: how unknown fields are ignored. Depth is bounded by the reader's limit. */
export function skipValue(r, type) {
    switch (type) {
        case TType.BOOL:
            r.readBool();
            return;
        case TType.BYTE:
            r.readByte();
            return;
        case TType.I16:
            r.readI16();
            return;
        case TType.I32:
            r.readI32();
            return;
        case TType.I64:
            r.readI64Parts();
            return;
        case TType.DOUBLE:
            r.readDouble();
            return;
        case TType.STRING:
            r.readBinaryLength();
            return;
        case TType.STRUCT: {
            r.readStructBegin();
            for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin())
                skipValue(r, t);
            r.readStructEnd();
            return;
        }
        case TType.LIST:
        case TType.SET: {
            const n = r.readListBegin();
            const et = r.elemType;
            for (let i = 0; i < n; i++)
                skipValue(r, et);
            r.readListEnd();
            return;
        }
        case TType.MAP: {
            const n = r.readMapBegin();
            const kt = r.keyType;
            const vt = r.valueType;
            for (let i = 0; i < n; i++) {
                skipValue(r, kt);
                skipValue(r, vt);
            }
            r.readMapEnd();
            return;
        }
        default:
            throw r.fail(`cannot skip unknown field type ${type}`);
    }
}
//# sourceMappingURL=skip.js.map