import type { Tag } from '@skein/model';
import { bytesToBase64 } from '../protobuf/index.js';

/**
 * An OTLP AnyValue once read: scalars as themselves (int as bigint, double as number), arrays as JS arrays,
 * kvlists as key/value pairs (kept in order, duplicates allowed), an unset value as null.
 */
export type AnyValue = string | boolean | bigint | number | Uint8Array | AnyValue[] | KvList | null;
export interface KvList {
  readonly kvlist: ReadonlyArray<readonly [string, AnyValue]>;
}

export function isKvList(value: AnyValue): value is KvList {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/**
 * JSON text of a value the way Jaeger renders array and kvlist attributes (Go's encoding/json over the raw value):
 * maps with sorted keys (last duplicate wins), ints exact, bytes as base64, non-finite doubles as null.
 */
export function anyValueToJson(value: AnyValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  }
  if (value instanceof Uint8Array) return JSON.stringify(bytesToBase64(value));
  if (Array.isArray(value)) return `[${value.map(anyValueToJson).join(',')}]`;
  const entries = new Map<string, AnyValue>();
  for (const [key, item] of (value as KvList).kvlist) entries.set(key, item);
  const keys = [...entries.keys()].sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${anyValueToJson(entries.get(key)!)}`).join(',')}}`;
}

/** Jaeger's attribute → tag rule: scalars keep their type, array/kvlist become a JSON string, unset becomes "". */
export function anyValueToTag(key: string, value: AnyValue): Tag {
  if (value === null) return { key, type: 'string', value: '' };
  switch (typeof value) {
    case 'string':
      return { key, type: 'string', value };
    case 'boolean':
      return { key, type: 'bool', value };
    case 'bigint':
      return { key, type: 'int64', value };
    case 'number':
      return { key, type: 'float64', value };
  }
  if (value instanceof Uint8Array) return { key, type: 'binary', value };
  return { key, type: 'string', value: anyValueToJson(value) };
}
