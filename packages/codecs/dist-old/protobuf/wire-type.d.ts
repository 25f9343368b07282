/** Protobuf wire types (the low three bits of a field tag). Groups (3, 4) are obsolete and rejected. */
export declare const WireType: {
    readonly VARINT: 0;
    readonly FIXED64: 1;
    readonly LENGTH_DELIMITED: 2;
    readonly START_GROUP: 3;
    readonly END_GROUP: 4;
    readonly FIXED32: 5;
};
export type WireTypeValue = (typeof WireType)[keyof typeof WireType];
/** Highest field number protobuf allows (2^29 - 1). */
export declare const MAX_FIELD_NUMBER = 536870911;
//# sourceMappingURL=wire-type.d.ts.map