/** Constructors, guards and readers for {@link Tag}, the typed key/value of spans, logs and processes. */
import { ModelError } from './errors.js';
import { formatFloatLikeGo } from './go-float.js';
import type { Tag, TagType } from './span.js';

export type StringTag = Extract<Tag, { type: 'string' }>;
export type BoolTag = Extract<Tag, { type: 'bool' }>;
export type Int64Tag = Extract<Tag, { type: 'int64' }>;
export type Float64Tag = Extract<Tag, { type: 'float64' }>;
export type BinaryTag = Extract<Tag, { type: 'binary' }>;
/** The tag variant of one {@link TagType}. */
export type TagOfType<T extends TagType> = Extract<Tag, { type: T }>;

export const TAG_TYPES: readonly TagType[] = ['string', 'bool', 'int64', 'float64', 'binary'];

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

export function isTagType(value: unknown): value is TagType {
  return value === 'string' || value === 'bool' || value === 'int64' || value === 'float64' || value === 'binary';
}

/** True when `value` is a bigint that fits a signed 64-bit integer. */
export function isInt64(value: unknown): value is bigint {
  return typeof value === 'bigint' && value >= INT64_MIN && value <= INT64_MAX;
}

export function stringTag(key: string, value: string): StringTag {
  if (typeof value !== 'string') throw new ModelError(tagField(key), 'a string tag needs a string value');
  return { key, type: 'string', value };
}

export function boolTag(key: string, value: boolean): BoolTag {
  if (typeof value !== 'boolean') throw new ModelError(tagField(key), 'a bool tag needs a boolean value');
  return { key, type: 'bool', value };
}

/** An int64 tag; a number must be a safe integer (beyond 2^53 a number has already lost digits, use a bigint). */
export function int64Tag(key: string, value: bigint | number): Int64Tag {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new ModelError(tagField(key), `int64 value ${value} is not a safe integer; pass a bigint`);
    }
    return { key, type: 'int64', value: BigInt(value) };
  }
  if (!isInt64(value)) throw new ModelError(tagField(key), 'int64 value must be a bigint in [-2^63, 2^63)');
  return { key, type: 'int64', value };
}

export function float64Tag(key: string, value: number): Float64Tag {
  if (typeof value !== 'number') throw new ModelError(tagField(key), 'a float64 tag needs a number value');
  return { key, type: 'float64', value };
}

export function binaryTag(key: string, value: Uint8Array): BinaryTag {
  if (!(value instanceof Uint8Array)) throw new ModelError(tagField(key), 'a binary tag needs a Uint8Array value');
  return { key, type: 'binary', value };
}

export function isTagOfType<T extends TagType>(tag: Tag, type: T): tag is TagOfType<T> {
  return tag.type === type;
}

/** The first tag with `key` (and, when given, of `type`), or undefined. */
export function findTag(tags: readonly Tag[], key: string): Tag | undefined;
export function findTag<T extends TagType>(tags: readonly Tag[], key: string, type: T): TagOfType<T> | undefined;
export function findTag(tags: readonly Tag[], key: string, type?: TagType): Tag | undefined {
  for (const tag of tags) {
    if (tag.key === key && (type === undefined || tag.type === type)) return tag;
  }
  return undefined;
}

/**
 * The value as Jaeger renders it as text (`KeyValue.AsString`, used for Elasticsearch documents and tag search):
 * strings as is, `true`/`false`, int64 in decimal, float64 as Go's `strconv.FormatFloat(v, 'g', 10, 64)`
 * (10 significant digits: `3.141592654`, `1e-05`, `1.23456789e+11`, `NaN`, `+Inf`), binary as lowercase hex.
 */
export function tagValueAsString(tag: Tag): string {
  switch (tag.type) {
    case 'string':
      return tag.value;
    case 'bool':
      return tag.value ? 'true' : 'false';
    case 'int64':
      return tag.value.toString();
    case 'float64':
      return formatFloatLikeGo(tag.value);
    case 'binary':
      return Buffer.from(tag.value.buffer, tag.value.byteOffset, tag.value.byteLength).toString('hex');
  }
}

function tagField(key: string): string {
  return `tag ${JSON.stringify(key.length > 64 ? `${key.slice(0, 64)}…` : key)}`;
}
