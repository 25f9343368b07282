import type { TraceLogLine } from '@skein/storage';
import type { TraceLogFields } from './trace-log-options.js';

/** Other fields kept per line, and the longest value kept of each (the message is kept whole up to its own bound). */
const MAX_FIELDS = 64;
const MAX_FIELD_CHARS = 2_048;
const MAX_MESSAGE_CHARS = 16_384;

/**
 * The value at a dotted path of a document's `_source`, whether the path is nested objects (`{"trace":{"id":…}}`),
 * one dotted key (`{"trace.id":…}`, as ECS loggers write it) or a mix of both.
 */
export function valueAt(source: unknown, path: string): unknown {
  if (source === null || typeof source !== 'object') return undefined;
  const record = source as Record<string, unknown>;
  if (Object.hasOwn(record, path)) return record[path];
  for (let dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
    const head = path.slice(0, dot);
    if (Object.hasOwn(record, head)) {
      const found = valueAt(record[head], path.slice(dot + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Every leaf of a document as dotted name → text, in document order. */
export function flattenFields(source: unknown, skip: ReadonlySet<string>, limit = MAX_FIELDS): Record<string, string> {
  const out: Record<string, string> = {};
  let count = 0;
  const walk = (value: unknown, prefix: string): void => {
    if (count >= limit || skip.has(prefix)) return;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) walk(inner, prefix ? `${prefix}.${key}` : key);
      return;
    }
    if (prefix === '') return;
    const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
    out[prefix] = text.length > MAX_FIELD_CHARS ? `${text.slice(0, MAX_FIELD_CHARS)}…` : text;
    count++;
  };
  walk(source, '');
  return out;
}

/** A timestamp as µs since the epoch: ISO text (to the µs, as ECS loggers write it) or epoch ms as a number. */
export function timestampMicros(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.round(value * 1000);
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return /^\d+$/.test(value) ? Number(value) * 1000 : undefined;
  // Date.parse keeps ms; the fraction's digits after the third are µs.
  const fraction = /\.(\d{4,6})\d*(?:Z|[+-]\d\d:?\d\d)?$/i.exec(value)?.[1];
  return ms * 1000 + (fraction ? Number(fraction.padEnd(6, '0').slice(3, 6)) : 0);
}

/** A span id as the trace's spans name it (16 lowercase hex digits), or undefined when the value is none. */
export function normalizeSpanId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const hex = value.trim().toLowerCase();
  if (!/^[0-9a-f]{1,16}$/.test(hex) || /^0+$/.test(hex)) return undefined;
  return hex.padStart(16, '0');
}

/** One search hit as a log line; undefined when it has no usable time (such a line cannot be placed on the trace). */
export function logLineOf(hit: { _index: string; _id: string; _source?: unknown }, fields: TraceLogFields): TraceLogLine | undefined {
  const source = hit._source ?? {};
  const timestamp = timestampMicros(valueAt(source, fields.timestamp));
  if (timestamp === undefined) return undefined;
  const message = valueAt(source, fields.message);
  const level = valueAt(source, fields.level);
  const spanId = normalizeSpanId(valueAt(source, fields.spanId));
  const text = typeof message === 'string' ? message : message === undefined ? '' : JSON.stringify(message);
  return {
    timestamp,
    ...(spanId ? { spanId } : {}),
    ...(typeof level === 'string' && level !== '' ? { level } : {}),
    message: text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text,
    fields: flattenFields(source, new Set([fields.timestamp, fields.message, fields.level, fields.traceId, fields.spanId])),
    index: hit._index,
    id: hit._id,
  };
}
