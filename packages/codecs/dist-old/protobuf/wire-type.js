/** Protobuf wire types (the low three bits of a field tag). Groups (3, 4) are obsolete and rejected. */
export const WireType = {
    VARINT: 0,
    FIXED64: 1,
    LENGTH_DELIMITED: 2,
    START_GROUP: 3,
    END_GROUP: 4,
    FIXED32: 5,
};
/** Highest field number protobuf allows (2^29 - 1). */
export const MAX_FIELD_NUMBER = 0x1fffffff;
//# sourceMappingURL=wire-type.js.map