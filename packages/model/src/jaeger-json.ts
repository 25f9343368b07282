/**
 * The model ⇄ Jaeger's UI JSON: one element of `data` in Jaeger's `GET /api/traces/{id}` answer, the form the
 * Jaeger UI and Grafana's Jaeger data source read. Field names, field order and the rules below follow Jaeger's
 * `uimodel` and its `FromDomain` converter:
 *
 * - `traceID` is printed as 16 hex digits when its high half is zero, else 32; `spanID` always 16.
 * - processes are deduplicated: spans whose process has an equal service name and equal tags (same order) share
 *   one key, `p1`, `p2`, … in order of first appearance.
 * - tag `type` is `string|bool|int64|float64|binary`; binary values are base64 (Go's `[]byte` in JSON).
 * - `flags` is left out when 0; `warnings` (span and trace) is null when empty.
 *
 * int64 values within ±(2^53 − 1) are JSON numbers. Beyond that the object form holds a bigint (exact; write it
 * with `stringifyJson`), or with `{ unsafeInt64: 'string' }` a decimal string as current Jaeger writes it for
 * JavaScript clients. float64 NaN/±Infinity, which JSON cannot hold (Jaeger fails the whole request), are written
 * as the strings "NaN", "Infinity", "-Infinity"; -0 is written as 0.
 */
import { ModelError } from './errors.js';
import { formatJaegerTraceId, spanIdFromHex, traceIdFromHex } from './ids.js';
import { type JsonParseLimits, parseJson, stringifyJsonWithBigints } from './json-text.js';
import type { Log, Process, RefType, Span, SpanReference, Tag, TagType, Trace } from './span.js';
import { INT64_MAX, INT64_MIN, isTagType } from './tags.js';

export interface JaegerUiKeyValue {
  key: string;
  type: TagType;
  value: string | boolean | number | bigint;
}

export interface JaegerUiReference {
  refType: RefType;
  traceID: string;
  spanID: string;
}

export interface JaegerUiLog {
  timestamp: number;
  fields: JaegerUiKeyValue[];
}

export interface JaegerUiProcess {
  serviceName: string;
  tags: JaegerUiKeyValue[];
}

export interface JaegerUiSpan {
  traceID: string;
  spanID: string;
  /** Absent when 0, as in Jaeger. */
  flags?: number;
  operationName: string;
  references: JaegerUiReference[];
  startTime: number;
  duration: number;
  tags: JaegerUiKeyValue[];
  logs: JaegerUiLog[];
  processID: string;
  warnings: string[] | null;
}

export interface JaegerUiTrace {
  traceID: string;
  spans: JaegerUiSpan[];
  processes: Record<string, JaegerUiProcess>;
  warnings: string[] | null;
}

export interface ToJaegerUiOptions {
  /**
   * How int64 values beyond ±(2^53 − 1) appear: `'bigint'` (default; exact, serialize with `stringifyJson`)
   * or `'string'` (decimal text, Jaeger's current behaviour so that JavaScript clients keep every digit).
   */
  unsafeInt64?: 'bigint' | 'string';
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

// ---------------------------------------------------------------------------------------- model → JSON

export function toJaegerUiTrace(trace: Trace, options: ToJaegerUiOptions = {}): JaegerUiTrace {
  return convertTrace(trace, options).ui;
}

function convertTrace(trace: Trace, options: ToJaegerUiOptions): { ui: JaegerUiTrace; hasBigint: boolean } {
  let hasBigint = false;
  const toUiKeyValues = (tags: readonly Tag[], int64AsString: boolean): JaegerUiKeyValue[] => {
    const out = new Array<JaegerUiKeyValue>(tags.length);
    for (let i = 0; i < tags.length; i++) {
      const tag = tags[i]!;
      const value = toUiValue(tag, int64AsString);
      if (typeof value === 'bigint') hasBigint = true;
      out[i] = { key: tag.key, type: tag.type, value };
    }
    return out;
  };
  const int64AsString = options.unsafeInt64 === 'string';
  const processes: Record<string, JaegerUiProcess> = {};
  const keyOfContent = new Map<string, string>();
  const keyOfObject = new Map<Process, string>();

  const spans = trace.spans.map((span): JaegerUiSpan => {
    let processID = keyOfObject.get(span.process);
    if (processID === undefined) {
      const content = processContentKey(span.process);
      processID = keyOfContent.get(content);
      if (processID === undefined) {
        processID = `p${keyOfContent.size + 1}`;
        keyOfContent.set(content, processID);
        processes[processID] = {
          serviceName: span.process.serviceName,
          tags: toUiKeyValues(span.process.tags, int64AsString),
        };
      }
      keyOfObject.set(span.process, processID);
    }
    const traceID = formatJaegerTraceId(span.traceId);
    const spanID = span.spanId;
    const operationName = span.operationName;
    const references = span.references.map((ref) => ({
      refType: ref.refType,
      traceID: formatJaegerTraceId(ref.traceId),
      spanID: ref.spanId,
    }));
    const { startTime, duration } = span;
    const tags = toUiKeyValues(span.tags, int64AsString);
    const logs = span.logs.map((log) => ({ timestamp: log.timestamp, fields: toUiKeyValues(log.fields, int64AsString) }));
    const warnings = span.warnings.length > 0 ? span.warnings.slice() : null;
    // Jaeger writes flags right after spanID and leaves it out when 0.
    if (span.flags !== 0) {
      const flags = span.flags;
      return { traceID, spanID, flags, operationName, references, startTime, duration, tags, logs, processID, warnings };
    }
    return { traceID, spanID, operationName, references, startTime, duration, tags, logs, processID, warnings };
  });

  return { ui: { traceID: formatJaegerTraceId(trace.traceId), spans, processes, warnings: null }, hasBigint };
}

function toUiValue(tag: Tag, int64AsString: boolean): JaegerUiKeyValue['value'] {
  switch (tag.type) {
    case 'string':
    case 'bool':
      return tag.value;
    case 'int64': {
      const value = tag.value;
      if (value <= MAX_SAFE && value >= -MAX_SAFE) return Number(value);
      return int64AsString ? value.toString() : value;
    }
    case 'float64':
      return Number.isFinite(tag.value) ? tag.value : String(tag.value);
    case 'binary':
      return Buffer.from(tag.value.buffer, tag.value.byteOffset, tag.value.byteLength).toString('base64');
  }
}

/** An unambiguous text for "same service name and same tags in the same order". */
function processContentKey(process: Process): string {
  let key = `${process.serviceName.length}:${process.serviceName}`;
  for (const tag of process.tags) {
    const value = tag.type === 'binary' ? Buffer.from(tag.value).toString('base64') : String(tag.value);
    key += `|${tag.key.length}:${tag.key}${tag.type}${value.length}:${value}`;
  }
  return key;
}

/**
 * `stringifyJson(toJaegerUiTrace(trace, options))`, choosing the writer directly: native `JSON.stringify` unless
 * the trace holds an int64 beyond 2^53 as bigint.
 */
export function stringifyJaegerUiTrace(trace: Trace, options: ToJaegerUiOptions = {}): string {
  const { ui, hasBigint } = convertTrace(trace, options);
  return hasBigint ? stringifyJsonWithBigints(ui) : JSON.stringify(ui);
}

// ---------------------------------------------------------------------------------------- JSON → model

/** Parses Jaeger UI JSON text (exact int64 beyond 2^53) into a trace. */
export function parseJaegerUiTrace(text: string | Uint8Array, limits?: JsonParseLimits): Trace {
  return fromJaegerUiTrace(parseJson(text, limits));
}

/**
 * A trace from a parsed UI JSON trace. Accepts int64 values as numbers (safe integers), bigints or decimal
 * strings, float64 values as numbers or "NaN"/"Infinity"/"-Infinity", ids of any case and length. Missing or
 * null `references`, `tags`, `logs`, `warnings` read as empty; a missing `flags` as 0. Anything else that does
 * not fit throws a {@link ModelError} naming the field, e.g. `spans[2].tags[0].value`.
 * Every span gets its own process object (and tags array) so that later changes to one span stay in that span.
 */
export function fromJaegerUiTrace(json: unknown): Trace {
  const trace = asObject(json, 'trace');
  const processesJson = trace.processes === undefined ? {} : asObject(trace.processes, 'processes');
  const processes = new Map<string, Process>();
  for (const key of Object.keys(processesJson)) {
    const field = `processes${memberPath(key)}`;
    const process = asObject(processesJson[key], field);
    processes.set(key, {
      serviceName: asString(process.serviceName, `${field}.serviceName`),
      tags: fromUiKeyValues(process.tags, `${field}.tags`),
    });
  }

  const spans = asArray(trace.spans, 'spans').map((spanJson, i) => fromUiSpan(spanJson, `spans[${i}]`, processes));
  let traceId: string;
  if (typeof trace.traceID === 'string' && trace.traceID !== '') traceId = traceIdFromHex(trace.traceID, 'traceID');
  else if (spans.length > 0) traceId = spans[0]!.traceId;
  else throw new ModelError('traceID', 'a trace without spans needs a traceID');
  return { traceId, spans };
}

function fromUiSpan(json: unknown, field: string, processes: Map<string, Process>): Span {
  const span = asObject(json, field);
  const processID = asString(span.processID, `${field}.processID`);
  const process = processes.get(processID);
  if (process === undefined) {
    throw new ModelError(`${field}.processID`, `no process ${JSON.stringify(processID.slice(0, 64))} in processes`);
  }
  return {
    traceId: traceIdFromHex(asString(span.traceID, `${field}.traceID`), `${field}.traceID`),
    spanId: spanIdFromHex(asString(span.spanID, `${field}.spanID`), `${field}.spanID`),
    operationName: asString(span.operationName, `${field}.operationName`),
    references: asOptionalArray(span.references, `${field}.references`).map((ref, i) =>
      fromUiReference(ref, `${field}.references[${i}]`),
    ),
    flags: span.flags === undefined || span.flags === null ? 0 : asUint32(span.flags, `${field}.flags`),
    startTime: asMicros(span.startTime, `${field}.startTime`),
    duration: asMicros(span.duration, `${field}.duration`),
    tags: fromUiKeyValues(span.tags, `${field}.tags`),
    logs: asOptionalArray(span.logs, `${field}.logs`).map((log, i) => fromUiLog(log, `${field}.logs[${i}]`)),
    process: { serviceName: process.serviceName, tags: process.tags.slice() },
    warnings: asOptionalArray(span.warnings, `${field}.warnings`).map((w, i) => asString(w, `${field}.warnings[${i}]`)),
  };
}

function fromUiReference(json: unknown, field: string): SpanReference {
  const ref = asObject(json, field);
  const refType = ref.refType;
  if (refType !== 'CHILD_OF' && refType !== 'FOLLOWS_FROM') {
    throw new ModelError(`${field}.refType`, 'must be "CHILD_OF" or "FOLLOWS_FROM"');
  }
  return {
    refType,
    traceId: traceIdFromHex(asString(ref.traceID, `${field}.traceID`), `${field}.traceID`),
    spanId: spanIdFromHex(asString(ref.spanID, `${field}.spanID`), `${field}.spanID`),
  };
}

function fromUiLog(json: unknown, field: string): Log {
  const log = asObject(json, field);
  return { timestamp: asMicros(log.timestamp, `${field}.timestamp`), fields: fromUiKeyValues(log.fields, `${field}.fields`) };
}

function fromUiKeyValues(json: unknown, field: string): Tag[] {
  return asOptionalArray(json, field).map((kv, i) => fromUiKeyValue(kv, `${field}[${i}]`));
}

function fromUiKeyValue(json: unknown, field: string): Tag {
  const kv = asObject(json, field);
  const key = asString(kv.key, `${field}.key`);
  const type = kv.type;
  if (!isTagType(type)) throw new ModelError(`${field}.type`, 'must be one of string, bool, int64, float64, binary');
  const value = kv.value;
  const valueField = `${field}.value`;
  switch (type) {
    case 'string':
      return { key, type, value: asString(value, valueField) };
    case 'bool':
      if (typeof value !== 'boolean') throw new ModelError(valueField, 'a bool tag needs true or false');
      return { key, type, value };
    case 'int64':
      return { key, type, value: asInt64(value, valueField) };
    case 'float64':
      return { key, type, value: asFloat64(value, valueField) };
    case 'binary':
      return { key, type, value: asBase64Bytes(value, valueField) };
  }
}

// ------------------------------------------------------------------------------------------ field readers

function asObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ModelError(field, `expected an object, got ${kindOf(value)}`);
  }
  return value as Record<string, unknown>;
}

function asArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new ModelError(field, `expected an array, got ${kindOf(value)}`);
  return value;
}

function asOptionalArray(value: unknown, field: string): unknown[] {
  return value === undefined || value === null ? [] : asArray(value, field);
}

function asString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new ModelError(field, `expected a string, got ${kindOf(value)}`);
  return value;
}

function asUint32(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new ModelError(field, 'expected an integer in [0, 2^32)');
  }
  return value;
}

function asMicros(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ModelError(field, `expected a non-negative integer number of microseconds, got ${kindOf(value)}`);
  }
  return value;
}

const DECIMAL_INT64 = /^-?(0|[1-9][0-9]{0,18})$/;

function asInt64(value: unknown, field: string): bigint {
  let big: bigint;
  if (typeof value === 'bigint') big = value;
  else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new ModelError(field, `int64 value ${value} is not a safe integer (precision lost before parsing?)`);
    }
    return BigInt(value);
  } else if (typeof value === 'string' && DECIMAL_INT64.test(value)) big = BigInt(value);
  else throw new ModelError(field, `expected an int64 as number, bigint or decimal string, got ${kindOf(value)}`);
  if (big < INT64_MIN || big > INT64_MAX) throw new ModelError(field, `int64 value ${big} is out of range`);
  return big;
}

function asFloat64(value: unknown, field: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value); // an integral float written without a fraction
  switch (value) {
    case 'NaN':
      return NaN;
    case 'Infinity':
    case '+Inf':
      return Infinity;
    case '-Infinity':
    case '-Inf':
      return -Infinity;
    default:
      throw new ModelError(field, `expected a float64 number or "NaN"/"Infinity"/"-Infinity", got ${kindOf(value)}`);
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function asBase64Bytes(value: unknown, field: string): Uint8Array {
  if (typeof value !== 'string' || !BASE64.test(value)) {
    throw new ModelError(field, `a binary tag needs standard padded base64, got ${kindOf(value)}`);
  }
  return new Uint8Array(Buffer.from(value, 'base64'));
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string (${value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value)})`;
  if (typeof value === 'number' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

function memberPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key.slice(0, 64))}]`;
}
