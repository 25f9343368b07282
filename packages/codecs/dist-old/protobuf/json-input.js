import { DecodeError } from '../errors.js';
const decoder = new TextDecoder('utf-8', { fatal: true });
/** Deepest nesting of arrays and objects accepted: above the 64 attribute-value levels the span decoders allow (about four brackets each). */
export const MAX_JSON_DEPTH = 512;
/**
 * Refuses a payload nested deeper than {@link MAX_JSON_DEPTH} with one pass over its bytes, before `JSON.parse` spends
 * half a second of the event loop on millions of `[`.
 */
function checkNesting(payload, format) {
    let depth = 0;
    let inString = false;
    for (let i = 0; i < payload.length; i++) {
        const byte = payload[i];
        if (inString) {
            if (byte === 0x5c)
                i++; // a backslash escapes the next byte
            else if (byte === 0x22)
                inString = false;
        }
        else if (byte === 0x22) {
            inString = true;
        }
        else if (byte === 0x5b || byte === 0x7b) {
            if (++depth > MAX_JSON_DEPTH)
                throw new DecodeError(format, `invalid JSON: nested deeper than ${MAX_JSON_DEPTH} levels`);
        }
        else if (byte === 0x5d || byte === 0x7d) {
            depth--;
        }
    }
}
/**
 * Parses a JSON payload, turning every failure (bad UTF-8, syntax, stack) into a DecodeError. `subject` names the
 * payload in the UTF-8 error ("payload", or "body" for HTTP formats).
 */
export function parseJsonPayload(payload, format, subject = 'payload') {
    checkNesting(payload, format);
    let text;
    try {
        text = decoder.decode(payload);
    }
    catch {
        throw new DecodeError(format, `${subject} is not valid UTF-8`);
    }
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw new DecodeError(format, `invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
}
export function isJsonObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** An own property only, under either of its names (proto3 JSON accepts lowerCamelCase and the proto name). */
export function field(object, camel, snake) {
    if (Object.hasOwn(object, camel))
        return object[camel];
    if (snake !== undefined && Object.hasOwn(object, snake))
        return object[snake];
    return undefined;
}
export function jsonFieldReaders(format) {
    const fail = (path, detail) => {
        throw new DecodeError(format, detail, { field: path });
    };
    return {
        fail,
        string(value, path) {
            if (value === undefined || value === null)
                return '';
            if (typeof value !== 'string')
                fail(path, `expected a string, got ${typeof value}`);
            return value;
        },
        array(value, path) {
            if (value === undefined || value === null)
                return [];
            if (!Array.isArray(value))
                fail(path, 'expected an array');
            return value;
        },
    };
}
//# sourceMappingURL=json-input.js.map