import { DecodeError } from '../errors.js';

/** A parsed JSON object; read its fields only through {@link field} so `__proto__` and friends stay plain data. */
export type JsonObject = Record<string, unknown>;

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Parses a JSON payload, turning every failure (bad UTF-8, syntax, stack) into a DecodeError. */
export function parseJsonPayload(payload: Uint8Array, format: string): unknown {
  let text: string;
  try {
    text = decoder.decode(payload);
  } catch {
    throw new DecodeError(format, 'payload is not valid UTF-8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DecodeError(format, `invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property only, under either of its names (proto3 JSON accepts lowerCamelCase and the proto name). */
export function field(object: JsonObject, camel: string, snake?: string): unknown {
  if (Object.hasOwn(object, camel)) return object[camel];
  if (snake !== undefined && Object.hasOwn(object, snake)) return object[snake];
  return undefined;
}
