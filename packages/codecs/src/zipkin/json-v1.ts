import type { Tag } from '@skein/model';
import type { RejectedSpan } from '../codec.js';
import { endpointFromJson } from './endpoint-json.js';
import { parseZipkinSpanId, parseZipkinTraceId } from './hex-ids.js';
import { convertJsonSpans, isObject, own, ownNumber, ownString, SpanProblem } from './json-input.js';
import type { ZipkinAnnotation, ZipkinBinaryAnnotation, ZipkinV1Span } from './v1-span.js';

/** Zipkin v1 JSON spans (`POST /api/v1/spans`) to v1 shape; a malformed span is rejected, the rest kept. */
export function spansFromV1Json(items: readonly unknown[], rejected: RejectedSpan[]): ZipkinV1Span[] {
  return convertJsonSpans(items, spanFromV1Json, rejected);
}

export function idsFromJson(obj: Record<string, unknown>): Pick<ZipkinV1Span, 'traceIdHigh' | 'traceId' | 'id' | 'parentId'> {
  const traceText = ownString(obj, 'traceId') ?? '';
  const trace = parseZipkinTraceId(traceText);
  if (!trace) throw new SpanProblem(`traceId: "${traceText.slice(0, 40)}" is not 1-32 hex digits`);
  const idText = ownString(obj, 'id') ?? '';
  const id = parseZipkinSpanId(idText);
  if (!id) throw new SpanProblem(`id: "${idText.slice(0, 40)}" is not 1-16 hex digits`);
  const parentText = ownString(obj, 'parentId');
  let parentId: string | undefined;
  if (parentText) {
    parentId = parseZipkinSpanId(parentText);
    if (!parentId) throw new SpanProblem(`parentId: "${parentText.slice(0, 40)}" is not 1-16 hex digits`);
  }
  return { traceIdHigh: trace.high === '0000000000000000' ? undefined : trace.high, traceId: trace.low, id, parentId };
}

function arrayOf(obj: Record<string, unknown>, key: string): unknown[] {
  const v = own(obj, key);
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new SpanProblem(`${key}: expected an array`);
  return v;
}

function spanFromV1Json(item: unknown): ZipkinV1Span {
  if (!isObject(item)) throw new SpanProblem('expected an object');
  const annotations: ZipkinAnnotation[] = arrayOf(item, 'annotations').map((a, j) => {
    if (!isObject(a)) throw new SpanProblem(`annotations[${j}]: expected an object`);
    return {
      timestamp: ownNumber(a, 'timestamp') ?? 0,
      value: ownString(a, 'value') ?? '',
      host: endpointFromJson(own(a, 'endpoint'), `annotations[${j}].endpoint`),
    };
  });
  const binaryAnnotations: ZipkinBinaryAnnotation[] = arrayOf(item, 'binaryAnnotations').map((b, j) => {
    if (!isObject(b)) throw new SpanProblem(`binaryAnnotations[${j}]: expected an object`);
    return {
      tag: binaryAnnotationFromJson(ownString(b, 'key') ?? '', ownString(b, 'type'), own(b, 'value')),
      host: endpointFromJson(own(b, 'endpoint'), `binaryAnnotations[${j}].endpoint`),
    };
  });
  const ids = idsFromJson(item);
  return {
    traceIdHigh: ids.traceIdHigh,
    traceId: ids.traceId,
    id: ids.id,
    parentId: ids.parentId,
    name: ownString(item, 'name') ?? '',
    annotations,
    binaryAnnotations,
    debug: own(item, 'debug') === true,
    timestamp: ownNumber(item, 'timestamp'),
    duration: ownNumber(item, 'duration'),
  };
}

/** v1 JSON binary annotation values are typed by `type` (absent means STRING). */
function binaryAnnotationFromJson(key: string, type: string | undefined, value: unknown): Tag {
  switch (type) {
    case 'BOOL':
      return { key, type: 'bool', value: value === true || value === 'true' };
    case 'I16':
    case 'I32':
    case 'I64': {
      const n = integerOf(value);
      if (n !== undefined) return { key, type: 'int64', value: n };
      return { key, type: 'string', value: `Cannot parse Zipkin value ${JSON.stringify(value) ?? ''} as ${type}` };
    }
    case 'DOUBLE': {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
      if (!Number.isNaN(n)) return { key, type: 'float64', value: n };
      return { key, type: 'string', value: `Cannot parse Zipkin value ${JSON.stringify(value) ?? ''} as DOUBLE` };
    }
    case 'BYTES': {
      const bytes = typeof value === 'string' ? base64Decode(value) : undefined;
      if (bytes) return { key, type: 'binary', value: bytes };
      return { key, type: 'string', value: `Cannot parse Zipkin value ${JSON.stringify(value) ?? ''} as BYTES` };
    }
    default:
      return { key, type: 'string', value: typeof value === 'string' ? value : (JSON.stringify(value) ?? '') };
  }
}

function integerOf(value: unknown): bigint | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return BigInt(Math.trunc(value));
  if (typeof value === 'string' && /^-?\d{1,19}$/.test(value)) return BigInt.asIntN(64, BigInt(value));
  return undefined;
}

function base64Decode(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
