import { DecodeError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export type JsonObject = Record<string, unknown>;

/** Parses a JSON body that must be an array (of spans). Any parse problem is a DecodeError. */
export function parseJsonArray(format: string, payload: Uint8Array): unknown[] {
  let text: string;
  try {
    text = utf8.decode(payload);
  } catch {
    throw new DecodeError(format, 'body is not valid UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new DecodeError(format, `invalid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new DecodeError(format, 'expected a JSON array of spans');
  return parsed;
}

export function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Reads an own property only, so keys like `__proto__` or `constructor` in input never reach prototypes. */
export function own(obj: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function ownString(obj: JsonObject, key: string): string | undefined {
  const v = own(obj, key);
  return typeof v === 'string' ? v : undefined;
}

export function ownNumber(obj: JsonObject, key: string): number | undefined {
  const v = own(obj, key);
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : undefined;
}

/** Thrown inside a span's conversion; becomes a per-span rejection, not a batch failure. */
export class SpanProblem extends Error {}
