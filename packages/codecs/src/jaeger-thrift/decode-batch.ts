import type { Log, Process, Span, SpanReference, Tag } from '@skein/model';
import type { DecodedBatch, RejectedSpan } from '../codec.js';
import { inField } from '../thrift/field-path.js';
import { partsToBigInt, partsToHex, partsToNumber } from '../thrift/int64.js';
import type { ThriftReader } from '../thrift/reader.js';
import { TType } from '../thrift/types.js';
import {
  BatchField,
  JaegerSpanRefType,
  JaegerTagType,
  LogField,
  ProcessField,
  SpanField,
  SpanRefField,
  TagField,
} from './idl.js';

const ZERO_ID = '0000000000000000';
const EMPTY_BYTES: Uint8Array = new Uint8Array(0);

/** Reads a `jaeger.thrift` Batch struct into model spans; every span gets the batch's process. */
export function readBatch(r: ThriftReader): DecodedBatch {
  let process: Process | undefined;
  const spans: Span[] = [];
  const rejected: RejectedSpan[] = [];
  r.readStructBegin();
  for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
    const id = r.fieldId;
    if (id === BatchField.process && t === TType.STRUCT) {
      try {
        process = readProcess(r);
      } catch (e) {
        throw inField(e, 'batch.process');
      }
    } else if (id === BatchField.spans && t === TType.LIST) {
      readSpanList(r, spans, rejected);
    } else r.skip(t);
  }
  r.readStructEnd();
  if (!process) throw r.fail('Batch.process: required field is missing');
  for (const span of spans) span.process = process;
  return { spans, rejected };
}

const NO_PROCESS: Process = { serviceName: '', tags: [] };

function readSpanList(r: ThriftReader, spans: Span[], rejected: RejectedSpan[]): void {
  const n = r.readListBegin();
  if (r.elemType !== TType.STRUCT) {
    for (let i = 0; i < n; i++) r.skip(r.elemType);
  } else {
    for (let i = 0; i < n; i++) {
      try {
        readSpan(r, NO_PROCESS, spans, rejected);
      } catch (e) {
        throw inField(e, `batch.spans[${i}]`);
      }
    }
  }
  r.readListEnd();
}

/** Reads one Span struct; appends it to `spans`, or to `rejected` when its ids are unusable. */
export function readSpan(r: ThriftReader, process: Process, spans: Span[], rejected: RejectedSpan[]): void {
  let traceLow = ZERO_ID;
  let traceHigh = ZERO_ID;
  let spanId = ZERO_ID;
  let parentSpanId = ZERO_ID;
  let operationName = '';
  let references: SpanReference[] = [];
  let flags = 0;
  let startTime = 0;
  let duration = 0;
  let tags: Tag[] = [];
  let logs: Log[] = [];
  let seenTraceLow = false;
  let seenSpanId = false;
  let current = 0;
  r.readStructBegin();
  try {
    for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
      const id = r.fieldId;
      current = id;
      if (t === TType.I64) {
        r.readI64Parts();
        switch (id) {
          case SpanField.traceIdLow:
            traceLow = partsToHex(r.hi, r.lo);
            seenTraceLow = true;
            break;
          case SpanField.traceIdHigh:
            traceHigh = partsToHex(r.hi, r.lo);
            break;
          case SpanField.spanId:
            spanId = partsToHex(r.hi, r.lo);
            seenSpanId = true;
            break;
          case SpanField.parentSpanId:
            parentSpanId = partsToHex(r.hi, r.lo);
            break;
          case SpanField.startTime:
            startTime = partsToNumber(r.hi, r.lo);
            break;
          case SpanField.duration:
            duration = partsToNumber(r.hi, r.lo);
            break;
        }
        continue;
      }
      switch (id) {
        case SpanField.operationName:
          if (t !== TType.STRING) break;
          operationName = r.readString();
          continue;
        case SpanField.flags:
          if (t !== TType.I32) break;
          flags = r.readI32() >>> 0;
          continue;
        case SpanField.references:
          if (t !== TType.LIST) break;
          references = readList(r, readSpanRef);
          continue;
        case SpanField.tags:
          if (t !== TType.LIST) break;
          tags = readList(r, readTag);
          continue;
        case SpanField.logs:
          if (t !== TType.LIST) break;
          logs = readList(r, readLog);
          continue;
      }
      r.skip(t);
    }
  } catch (e) {
    throw inField(e, spanFieldName(current));
  }
  r.readStructEnd();

  const traceId = traceHigh + traceLow;
  if (!seenTraceLow || !seenSpanId || traceId === ZERO_ID + ZERO_ID || spanId === ZERO_ID) {
    const reason = !seenTraceLow
      ? 'traceIdLow: required field is missing'
      : !seenSpanId
        ? 'spanId: required field is missing'
        : traceId === ZERO_ID + ZERO_ID
          ? 'traceId: all zeros'
          : 'spanId: all zeros';
    rejected.push({ reason, traceId, spanId });
    return;
  }
  if (parentSpanId !== ZERO_ID) references = withParent(references, traceId, parentSpanId);
  spans.push({
    traceId,
    spanId,
    operationName,
    references,
    flags,
    startTime,
    duration,
    tags,
    logs,
    process,
    warnings: [],
  });
}

const spanFieldNames = new Map<number, string>(Object.entries(SpanField).map(([name, id]) => [id, name]));

function spanFieldName(id: number): string {
  return spanFieldNames.get(id) ?? `field ${id}`;
}

/** Jaeger's rule: a non-zero parentSpanId becomes a leading CHILD_OF reference unless it is already referenced. */
function withParent(refs: SpanReference[], traceId: string, parentSpanId: string): SpanReference[] {
  for (const ref of refs) if (ref.spanId === parentSpanId && ref.traceId === traceId) return refs;
  return [{ refType: 'CHILD_OF', traceId, spanId: parentSpanId }, ...refs];
}

function readList<T>(r: ThriftReader, readItem: (r: ThriftReader) => T): T[] {
  const n = r.readListBegin();
  const out: T[] = [];
  if (r.elemType !== TType.STRUCT) {
    for (let i = 0; i < n; i++) r.skip(r.elemType);
  } else {
    for (let i = 0; i < n; i++) {
      try {
        out.push(readItem(r));
      } catch (e) {
        throw inField(e, `[${i}]`);
      }
    }
  }
  r.readListEnd();
  return out;
}

export function readTag(r: ThriftReader): Tag {
  let key = '';
  let vType = -1;
  let vStr = '';
  let vDouble = 0;
  let vBool = false;
  let vLong = 0n;
  let vBinary = EMPTY_BYTES;
  r.readStructBegin();
  for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
    switch (r.fieldId) {
      case TagField.key:
        if (t !== TType.STRING) break;
        key = r.readString();
        continue;
      case TagField.vType:
        if (t !== TType.I32) break;
        vType = r.readI32();
        continue;
      case TagField.vStr:
        if (t !== TType.STRING) break;
        vStr = r.readString();
        continue;
      case TagField.vDouble:
        if (t !== TType.DOUBLE) break;
        vDouble = r.readDouble();
        continue;
      case TagField.vBool:
        if (t !== TType.BOOL) break;
        vBool = r.readBool();
        continue;
      case TagField.vLong:
        if (t !== TType.I64) break;
        r.readI64Parts();
        vLong = partsToBigInt(r.hi, r.lo);
        continue;
      case TagField.vBinary:
        if (t !== TType.STRING) break;
        vBinary = r.readBinary();
        continue;
    }
    r.skip(t);
  }
  r.readStructEnd();
  switch (vType) {
    case JaegerTagType.STRING:
      return { key, type: 'string', value: vStr };
    case JaegerTagType.DOUBLE:
      return { key, type: 'float64', value: vDouble };
    case JaegerTagType.BOOL:
      return { key, type: 'bool', value: vBool };
    case JaegerTagType.LONG:
      return { key, type: 'int64', value: vLong };
    case JaegerTagType.BINARY:
      return { key, type: 'binary', value: vBinary };
    default:
      return { key, type: 'string', value: `unknown Jaeger tag type ${vType}` };
  }
}

function readLog(r: ThriftReader): Log {
  let timestamp = 0;
  let fields: Tag[] = [];
  r.readStructBegin();
  for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
    const id = r.fieldId;
    if (id === LogField.timestamp && t === TType.I64) {
      r.readI64Parts();
      timestamp = partsToNumber(r.hi, r.lo);
    } else if (id === LogField.fields && t === TType.LIST) {
      try {
        fields = readList(r, readTag);
      } catch (e) {
        throw inField(e, 'fields');
      }
    } else r.skip(t);
  }
  r.readStructEnd();
  return { timestamp, fields };
}

function readSpanRef(r: ThriftReader): SpanReference {
  let refType = 0;
  let low = ZERO_ID;
  let high = ZERO_ID;
  let spanId = ZERO_ID;
  r.readStructBegin();
  for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
    const id = r.fieldId;
    if (id === SpanRefField.refType && t === TType.I32) refType = r.readI32();
    else if (t === TType.I64 && id >= SpanRefField.traceIdLow && id <= SpanRefField.spanId) {
      r.readI64Parts();
      const hex = partsToHex(r.hi, r.lo);
      if (id === SpanRefField.traceIdLow) low = hex;
      else if (id === SpanRefField.traceIdHigh) high = hex;
      else spanId = hex;
    } else r.skip(t);
  }
  r.readStructEnd();
  return { refType: refType === JaegerSpanRefType.FOLLOWS_FROM ? 'FOLLOWS_FROM' : 'CHILD_OF', traceId: high + low, spanId };
}

export function readProcess(r: ThriftReader): Process {
  let serviceName = '';
  let tags: Tag[] = [];
  r.readStructBegin();
  for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
    const id = r.fieldId;
    if (id === ProcessField.serviceName && t === TType.STRING) serviceName = r.readString();
    else if (id === ProcessField.tags && t === TType.LIST) {
      try {
        tags = readList(r, readTag);
      } catch (e) {
        throw inField(e, 'tags');
      }
    } else r.skip(t);
  }
  r.readStructEnd();
  return { serviceName, tags };
}
