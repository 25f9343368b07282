import cassandra from 'cassandra-driver';
import { spanContentHash, type Log, type RefType, type Span, type SpanReference, type Tag } from '@skein/model';
import { StorageError } from '@skein/storage';

const { Long } = cassandra.types;
type Long = cassandra.types.Long;

/** Jaeger's `keyvalue` UDT: the value in the field its `value_type` names, the others at their zero values. */
export interface KeyValueRow {
  key: string;
  value_type: string;
  value_string: string;
  value_bool: boolean;
  value_long: Long;
  value_double: number;
  value_binary: Buffer;
}

export interface SpanRow {
  trace_id: Buffer;
  span_id: Long;
  span_hash: Long;
  parent_id: Long;
  operation_name: string;
  flags: number;
  start_time: Long;
  duration: Long;
  tags: KeyValueRow[];
  logs: Array<{ ts: Long; fields: KeyValueRow[] }>;
  refs: Array<{ ref_type: string; trace_id: Buffer; span_id: Long }>;
  process: { service_name: string; tags: KeyValueRow[] };
}

/** Jaeger keeps span warnings as string tags with this key prefix (and a 1-based number). */
const WARNING_PREFIX = '$$span.warning.';
const REF_TYPES: Record<RefType, string> = { CHILD_OF: 'child-of', FOLLOWS_FROM: 'follows-from' };
const EMPTY = Buffer.alloc(0);
const ZERO = Long.ZERO;

export function traceIdBytes(traceId: string): Buffer {
  if (!/^[0-9a-f]{32}$/.test(traceId)) throw new StorageError(`trace id "${traceId.slice(0, 64)}" is not 32 lowercase hex digits`);
  return Buffer.from(traceId, 'hex');
}

export function traceIdOf(bytes: Buffer): string {
  if (bytes.length !== 16) throw new StorageError(`a stored trace_id has ${bytes.length} bytes, not 16`);
  return bytes.toString('hex');
}

/** A 16-hex-digit id as Jaeger's signed `bigint`. */
export function spanIdLong(spanId: string): Long {
  if (!/^[0-9a-f]{16}$/.test(spanId)) throw new StorageError(`span id "${spanId.slice(0, 64)}" is not 16 lowercase hex digits`);
  return Long.fromString(spanId, true, 16).toSigned();
}

export function spanIdOf(value: Long): string {
  return value.toUnsigned().toString(16).padStart(16, '0');
}

/** The content hash (16 hex digits, span-key.ts in @skein/model) as Jaeger's signed `span_hash`. */
export function spanHashLong(contentHash: string): Long {
  return Long.fromString(contentHash, true, 16).toSigned();
}

function keyValue(tag: Tag): KeyValueRow {
  const row: KeyValueRow = { key: tag.key, value_type: tag.type, value_string: '', value_bool: false, value_long: ZERO, value_double: 0, value_binary: EMPTY };
  switch (tag.type) {
    case 'string':
      row.value_string = tag.value;
      break;
    case 'bool':
      row.value_bool = tag.value;
      break;
    case 'int64':
      row.value_long = Long.fromString(tag.value.toString());
      break;
    case 'float64':
      row.value_double = tag.value;
      break;
    case 'binary':
      row.value_binary = Buffer.from(tag.value.buffer, tag.value.byteOffset, tag.value.byteLength);
      break;
  }
  return row;
}

function tagOf(row: KeyValueRow, where: string): Tag {
  switch (row.value_type) {
    case 'string':
      return { key: row.key, type: 'string', value: row.value_string ?? '' };
    case 'bool':
      return { key: row.key, type: 'bool', value: row.value_bool === true };
    case 'int64':
      return { key: row.key, type: 'int64', value: BigInt((row.value_long ?? ZERO).toString()) };
    case 'float64':
      return { key: row.key, type: 'float64', value: row.value_double ?? 0 };
    case 'binary':
      return { key: row.key, type: 'binary', value: new Uint8Array(row.value_binary ?? EMPTY) };
    default:
      throw new StorageError(`${where}: tag "${row.key}" has value_type "${row.value_type}", not one of string, bool, int64, float64, binary`);
  }
}

/** The `traces` row of a span, as Jaeger's writer fills it. */
export function spanRow(span: Span, contentHash: string = spanContentHash(span)): SpanRow {
  const parent = span.references.find((ref) => ref.refType === 'CHILD_OF' && ref.traceId === span.traceId);
  return {
    trace_id: traceIdBytes(span.traceId),
    span_id: spanIdLong(span.spanId),
    span_hash: spanHashLong(contentHash),
    parent_id: parent ? spanIdLong(parent.spanId) : ZERO,
    operation_name: span.operationName,
    flags: span.flags | 0,
    start_time: Long.fromNumber(span.startTime),
    duration: Long.fromNumber(span.duration),
    tags: [...span.tags.map(keyValue), ...span.warnings.map((warning, i) => keyValue({ key: `${WARNING_PREFIX}${i + 1}`, type: 'string', value: warning }))],
    logs: span.logs.map((log) => ({ ts: Long.fromNumber(log.timestamp), fields: log.fields.map(keyValue) })),
    refs: span.references.map((ref) => ({ ref_type: REF_TYPES[ref.refType], trace_id: traceIdBytes(ref.traceId), span_id: spanIdLong(ref.spanId) })),
    process: { service_name: span.process.serviceName, tags: span.process.tags.map(keyValue) },
  };
}

/** A span from its `traces` row, as Jaeger's reader gives it: a parent_id without a matching reference becomes one. */
export function spanOf(row: SpanRow): Span {
  const traceId = traceIdOf(row.trace_id);
  const spanId = spanIdOf(row.span_id);
  const where = `span ${spanId} of trace ${traceId}`;
  const references: SpanReference[] = (row.refs ?? []).map((ref) => {
    const refType = ref.ref_type === 'child-of' ? 'CHILD_OF' : ref.ref_type === 'follows-from' ? 'FOLLOWS_FROM' : undefined;
    if (refType === undefined) throw new StorageError(`${where}: reference type "${ref.ref_type}" is neither child-of nor follows-from`);
    return { refType, traceId: traceIdOf(ref.trace_id), spanId: spanIdOf(ref.span_id) };
  });
  const parentId = row.parent_id ?? ZERO;
  if (!parentId.isZero()) {
    const parent = spanIdOf(parentId);
    if (!references.some((ref) => ref.traceId === traceId && ref.spanId === parent)) references.unshift({ refType: 'CHILD_OF', traceId, spanId: parent });
  }
  const tags: Tag[] = [];
  const warnings: string[] = [];
  for (const kv of row.tags ?? []) {
    if (kv.key.startsWith(WARNING_PREFIX)) warnings.push(kv.value_string ?? '');
    else tags.push(tagOf(kv, where));
  }
  return {
    traceId,
    spanId,
    operationName: row.operation_name ?? '',
    references,
    flags: row.flags ?? 0,
    startTime: (row.start_time ?? ZERO).toNumber(),
    duration: (row.duration ?? ZERO).toNumber(),
    tags,
    logs: (row.logs ?? []).map((log): Log => ({ timestamp: log.ts.toNumber(), fields: (log.fields ?? []).map((kv) => tagOf(kv, where)) })),
    process: { serviceName: row.process?.service_name ?? '', tags: (row.process?.tags ?? []).map((kv) => tagOf(kv, where)) },
    warnings,
  };
}
