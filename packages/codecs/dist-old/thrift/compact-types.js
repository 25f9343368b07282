import { TType } from './types.js';
/** TCompactProtocol's own 4-bit type ids. Bools in field headers carry their value in the type. */
export const CType = {
    STOP: 0,
    BOOLEAN_TRUE: 1,
    BOOLEAN_FALSE: 2,
    BYTE: 3,
    I16: 4,
    I32: 5,
    I64: 6,
    DOUBLE: 7,
    BINARY: 8,
    LIST: 9,
    SET: 10,
    MAP: 11,
    STRUCT: 12,
};
export const COMPACT_PROTOCOL_ID = 0x82;
export const COMPACT_VERSION = 1;
/** Compact type id → TType, index by compact id; -1 marks ids that do not exist. */
export const compactToTType = [
    TType.STOP,
    TType.BOOL,
    TType.BOOL,
    TType.BYTE,
    TType.I16,
    TType.I32,
    TType.I64,
    TType.DOUBLE,
    TType.STRING,
    TType.LIST,
    TType.SET,
    TType.MAP,
    TType.STRUCT,
    -1,
    -1,
    -1,
];
export function ttypeToCompact(type) {
    switch (type) {
        case TType.BOOL:
            return CType.BOOLEAN_TRUE;
        case TType.BYTE:
            return CType.BYTE;
        case TType.I16:
            return CType.I16;
        case TType.I32:
            return CType.I32;
        case TType.I64:
            return CType.I64;
        case TType.DOUBLE:
            return CType.DOUBLE;
        case TType.STRING:
            return CType.BINARY;
        case TType.LIST:
            return CType.LIST;
        case TType.SET:
            return CType.SET;
        case TType.MAP:
            return CType.MAP;
        case TType.STRUCT:
            return CType.STRUCT;
        default:
            throw new Error(`thrift compact: no compact type for TType ${type}`);
    }
}
//# sourceMappingURL=compact-types.js.map