import type { Tag } from '@skein/model';
/**
 * An OTLP AnyValue once read: scalars as themselves (int as bigint, double as number), arrays as JS arrays,
 * kvlists as key/value pairs (kept in order, duplicates allowed), an unset value as null.
 */
export type AnyValue = string | boolean | bigint | number | Uint8Array | AnyValue[] | KvList | null;
export interface KvList {
    readonly kvlist: ReadonlyArray<readonly [string, AnyValue]>;
}
export declare function isKvList(value: AnyValue): value is KvList;
/**
 * JSON text of a value the way Jaeger renders array and kvlist attributes (Go's encoding/json over the raw value):
 * maps with sorted keys (last duplicate wins), ints exact, bytes as base64, non-finite doubles as null.
 */
export declare function anyValueToJson(value: AnyValue): string;
/** Jaeger's attribute → tag rule: scalars keep their type, array/kvlist become a JSON string, unset becomes "". */
export declare function anyValueToTag(key: string, value: AnyValue): Tag;
//# sourceMappingURL=any-value.d.ts.map