/** Thrift wire type ids as the binary protocol writes them; the compact reader maps its own ids onto these. */
export declare const TType: {
    readonly STOP: 0;
    readonly VOID: 1;
    readonly BOOL: 2;
    readonly BYTE: 3;
    readonly DOUBLE: 4;
    readonly I16: 6;
    readonly I32: 8;
    readonly I64: 10;
    readonly STRING: 11;
    readonly STRUCT: 12;
    readonly MAP: 13;
    readonly SET: 14;
    readonly LIST: 15;
};
export type TType = (typeof TType)[keyof typeof TType];
export declare const MessageType: {
    readonly CALL: 1;
    readonly REPLY: 2;
    readonly EXCEPTION: 3;
    readonly ONEWAY: 4;
};
export type MessageType = (typeof MessageType)[keyof typeof MessageType];
export interface MessageHeader {
    name: string;
    type: number;
    seqId: number;
}
/** Bounds applied while reading untrusted bytes. Every violation becomes a DecodeError, never an allocation. */
export interface ThriftLimits {
    /** Largest list/set/map element count accepted. */
    maxContainerSize: number;
    /** Largest string/binary length accepted (it must also fit in the bytes that remain). */
    maxStringLength: number;
    /** Deepest struct/container nesting accepted. */
    maxDepth: number;
}
export declare const defaultThriftLimits: ThriftLimits;
//# sourceMappingURL=types.d.ts.map