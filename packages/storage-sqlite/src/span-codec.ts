import type { Log, RefType, Span, SpanReference, Tag } from '@skein/model';
import { StorageError } from '@skein/storage';

/**
 * The stored form of a trace chunk: a JSON array of spans, each a compact array without the trace id (a column).
 * Tags are [key, type code, value]: strings as is, bools 0/1, int64 as a decimal string (exact at ±2^63), float64
 * as a number or, for NaN/±Infinity/-0 which JSON cannot hold, as a string; binary as base64.
 *
 * [spanId, operationName, flags, startTime, duration, references, tags, logs, serviceName, processTags, warnings]
 * references: [refType code, traceId, spanId]; logs: [timestamp, fields].
 */
type StoredTag = [key: string, type: number, value: string | number];
type StoredSpan = [
  spanId: string,
  operationName: string,
  flags: number,
  startTime: number,
  duration: number,
  references: Array<[number, string, string]>,
  tags: StoredTag[],
  logs: Array<[number, StoredTag[]]>,
  serviceName: string,
  processTags: StoredTag[],
  warnings: string[],
];

const TYPE_CODES = { string: 0, bool: 1, int64: 2, float64: 3, binary: 4 } as const;
const REF_TYPES: readonly RefType[] = ['CHILD_OF', 'FOLLOWS_FROM'];

/** One span's stored form; a chunk's payload is `[` + these joined by `,` + `]` (the same text as the array's JSON). */
export function encodeSpan(span: Span): string {
  return JSON.stringify(toStored(span));
}

/** A chunk's payload from its spans' `encodeSpan` texts. */
export function chunkPayload(encodedSpans: readonly string[]): string {
  return `[${encodedSpans.join(',')}]`;
}

export function decodeSpans(traceId: string, payload: string): Span[] {
  let stored: StoredSpan[];
  try {
    stored = JSON.parse(payload) as StoredSpan[];
  } catch (error) {
    throw new StorageError(`stored spans of trace ${traceId} have an unreadable payload`, { cause: error });
  }
  return stored.map((span) => fromStored(traceId, span));
}

function toStored(span: Span): StoredSpan {
  return [
    span.spanId,
    span.operationName,
    span.flags,
    span.startTime,
    span.duration,
    span.references.map((ref) => [ref.refType === 'CHILD_OF' ? 0 : 1, ref.traceId, ref.spanId]),
    span.tags.map(encodeTag),
    span.logs.map((log) => [log.timestamp, log.fields.map(encodeTag)]),
    span.process.serviceName,
    span.process.tags.map(encodeTag),
    span.warnings,
  ];
}

function fromStored(traceId: string, stored: StoredSpan): Span {
  const [spanId, operationName, flags, startTime, duration, refs, tags, logs, serviceName, processTags, warnings] = stored;
  return {
    traceId,
    spanId,
    operationName,
    references: refs.map(
      ([code, refTraceId, refSpanId]): SpanReference => ({
        refType: REF_TYPES[code] ?? 'CHILD_OF',
        traceId: refTraceId,
        spanId: refSpanId,
      }),
    ),
    flags,
    startTime,
    duration,
    tags: tags.map(decodeTag),
    logs: logs.map(([timestamp, fields]): Log => ({ timestamp, fields: fields.map(decodeTag) })),
    process: { serviceName, tags: processTags.map(decodeTag) },
    warnings,
  };
}

function encodeTag(tag: Tag): StoredTag {
  switch (tag.type) {
    case 'string':
      return [tag.key, TYPE_CODES.string, tag.value];
    case 'bool':
      return [tag.key, TYPE_CODES.bool, tag.value ? 1 : 0];
    case 'int64':
      return [tag.key, TYPE_CODES.int64, tag.value.toString()];
    case 'float64':
      return [tag.key, TYPE_CODES.float64, Number.isFinite(tag.value) && !Object.is(tag.value, -0) ? tag.value : floatSpecial(tag.value)];
    case 'binary':
      return [tag.key, TYPE_CODES.binary, Buffer.from(tag.value.buffer, tag.value.byteOffset, tag.value.byteLength).toString('base64')];
  }
}

function floatSpecial(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

function decodeTag([key, type, value]: StoredTag): Tag {
  switch (type) {
    case TYPE_CODES.string:
      return { key, type: 'string', value: value as string };
    case TYPE_CODES.bool:
      return { key, type: 'bool', value: value === 1 };
    case TYPE_CODES.int64:
      return { key, type: 'int64', value: BigInt(value) };
    case TYPE_CODES.float64:
      return { key, type: 'float64', value: typeof value === 'number' ? value : value === '-0' ? -0 : Number(value) };
    case TYPE_CODES.binary:
      return { key, type: 'binary', value: new Uint8Array(Buffer.from(value as string, 'base64')) };
    default:
      throw new StorageError(`stored tag "${key}" has unknown type code ${type}`);
  }
}
