/** TCompactProtocol's own 4-bit type ids. Bools in field headers carry their value in the type. */
export declare const CType: {
    readonly STOP: 0;
    readonly BOOLEAN_TRUE: 1;
    readonly BOOLEAN_FALSE: 2;
    readonly BYTE: 3;
    readonly I16: 4;
    readonly I32: 5;
    readonly I64: 6;
    readonly DOUBLE: 7;
    readonly BINARY: 8;
    readonly LIST: 9;
    readonly SET: 10;
    readonly MAP: 11;
    readonly STRUCT: 12;
};
export declare const COMPACT_PROTOCOL_ID = 130;
export declare const COMPACT_VERSION = 1;
/** Compact type id → TType, index by compact id; -1 marks ids that do not exist. */
export declare const compactToTType: readonly number[];
export declare function ttypeToCompact(type: number): number;
//# sourceMappingURL=compact-types.d.ts.map