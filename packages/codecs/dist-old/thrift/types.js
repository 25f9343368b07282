/** Thrift wire type ids as the binary protocol writes them; the compact reader maps its own ids onto these. */
export const TType = {
    STOP: 0,
    VOID: 1,
    BOOL: 2,
    BYTE: 3,
    DOUBLE: 4,
    I16: 6,
    I32: 8,
    I64: 10,
    STRING: 11,
    STRUCT: 12,
    MAP: 13,
    SET: 14,
    LIST: 15,
};
export const MessageType = { CALL: 1, REPLY: 2, EXCEPTION: 3, ONEWAY: 4 };
export const defaultThriftLimits = {
    maxContainerSize: 1_000_000,
    maxStringLength: 16 * 1024 * 1024,
    maxDepth: 64,
};
//# sourceMappingURL=types.js.map