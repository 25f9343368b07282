/**
 * JSON text with exact 64-bit integers. `JSON.parse` turns 9223372036854775807 into 9223372036854775808 and
 * `JSON.stringify` refuses bigint; int64 tag values need both directions exact.
 */
import { JsonSyntaxError, ModelError } from './errors.js';

export interface JsonParseLimits {
  /** Longest accepted input in UTF-16 code units (default 64 Mi). */
  maxLength?: number;
  /** Deepest accepted nesting of arrays and objects (default 64; Jaeger's UI JSON needs 6). */
  maxDepth?: number;
}

const DEFAULT_MAX_LENGTH = 64 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 64;
const MAX_STRINGIFY_DEPTH = 1000;

// --------------------------------------------------------------------------------------------- stringify

/**
 * JSON text for `value`, writing bigint as exact number text (`9223372036854775807`, no quotes). Otherwise the
 * same as `JSON.stringify(value)`: non-finite numbers become null, undefined/function members are skipped,
 * `toJSON` is honoured. Values without bigint go through the native `JSON.stringify` untouched; only when it
 * rejects a bigint is the value written by a small serializer of our own (cheaper than a replacer, which would
 * slow down every value to find the rare bigint).
 */
export function stringifyJson(value: unknown): string {
  try {
    const text = JSON.stringify(value) as string | undefined;
    if (text === undefined) throw new ModelError('json', `a ${typeof value} has no JSON form`);
    return text;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    // Also reached for circular structures; the serializer below reports those as too deep.
  }
  return stringifyJsonWithBigints(value);
}

/** {@link stringifyJson} without the native attempt, for callers that know `value` holds a bigint. */
export function stringifyJsonWithBigints(value: unknown): string {
  const text = serialize(value, 0, '');
  if (text === undefined) throw new ModelError('json', `a ${typeof value} has no JSON form`);
  return text;
}

/** JSON text of `value`, or undefined where JSON.stringify would skip it (undefined, functions, symbols). */
function serialize(value: unknown, depth: number, key: string): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return serialize((value as { toJSON(key: string): unknown }).toJSON(key), depth, key);
  }
  if (depth >= MAX_STRINGIFY_DEPTH) {
    throw new ModelError('json', `value nested deeper than ${MAX_STRINGIFY_DEPTH} levels (or circular)`);
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ',';
      text += serialize(value[i], depth + 1, String(i)) ?? 'null';
    }
    return `${text}]`;
  }
  let text = '{';
  for (const memberKey of Object.keys(value)) {
    const member = serialize((value as Record<string, unknown>)[memberKey], depth + 1, memberKey);
    if (member === undefined) continue;
    text += `${text.length > 1 ? ',' : ''}${quotedKey(memberKey)}:${member}`;
  }
  return `${text}}`;
}

// Member names repeat (every span has the same dozen), so their quoted form is cached.
const quotedKeys = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 1024) quotedKeys.set(key, quoted);
  }
  return quoted;
}

// ------------------------------------------------------------------------------------------------- parse

/**
 * Parses JSON like `JSON.parse`, except that integer literals outside ±(2^53 − 1) become exact bigints, and
 * input longer or deeper than `limits` is refused with a {@link JsonSyntaxError} instead of exhausting memory or
 * the stack. `__proto__` keys become ordinary own properties (as with `JSON.parse`), never prototypes.
 */
export function parseJson(text: string | Uint8Array, limits: JsonParseLimits = {}): unknown {
  const maxLength = limits.maxLength ?? DEFAULT_MAX_LENGTH;
  if (typeof text !== 'string') {
    if (text.length > maxLength * 3) throw new JsonSyntaxError(`input longer than ${maxLength} characters`, 0);
    text = decodeUtf8(text);
  }
  if (text.length > maxLength) {
    throw new JsonSyntaxError(`input is ${text.length} characters, longer than the limit of ${maxLength}`, maxLength);
  }
  const parser = new JsonParser(text, limits.maxDepth ?? DEFAULT_MAX_DEPTH);
  return parser.parseDocument();
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new JsonSyntaxError('input is not valid UTF-8', 0);
  }
}

const MAX_SAFE_DIGITS = 15; // every integer with at most 15 digits is a safe integer

class JsonParser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  parseDocument(): unknown {
    const value = this.parseValue(0);
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail('unexpected text after the JSON value');
    return value;
  }

  private parseValue(depth: number): unknown {
    this.skipWhitespace();
    const code = this.text.charCodeAt(this.pos);
    switch (code) {
      case 0x7b /* { */:
        return this.parseObject(depth + 1);
      case 0x5b /* [ */:
        return this.parseArray(depth + 1);
      case 0x22 /* " */:
        return this.parseString();
      case 0x74 /* t */:
        return this.parseLiteral('true', true);
      case 0x66 /* f */:
        return this.parseLiteral('false', false);
      case 0x6e /* n */:
        return this.parseLiteral('null', null);
      default:
        if (code === 0x2d /* - */ || (code >= 0x30 && code <= 0x39)) return this.parseNumber();
        return this.fail(Number.isNaN(code) ? 'unexpected end of input' : 'unexpected character');
    }
  }

  private parseObject(depth: number): Record<string, unknown> {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth} levels`);
    this.pos++; // {
    const object: Record<string, unknown> = {};
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x7d /* } */) {
      this.pos++;
      return object;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== 0x22) this.fail('expected a string key');
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== 0x3a /* : */) this.fail("expected ':'");
      this.pos++;
      const value = this.parseValue(depth);
      if (key === '__proto__') {
        Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
      } else {
        object[key] = value;
      }
      this.skipWhitespace();
      const next = this.text.charCodeAt(this.pos++);
      if (next === 0x7d /* } */) return object;
      if (next !== 0x2c /* , */) this.fail("expected ',' or '}'", this.pos - 1);
    }
  }

  private parseArray(depth: number): unknown[] {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth} levels`);
    this.pos++; // [
    const array: unknown[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x5d /* ] */) {
      this.pos++;
      return array;
    }
    for (;;) {
      array.push(this.parseValue(depth));
      this.skipWhitespace();
      const next = this.text.charCodeAt(this.pos++);
      if (next === 0x5d /* ] */) return array;
      if (next !== 0x2c /* , */) this.fail("expected ',' or ']'", this.pos - 1);
    }
  }

  private parseString(): string {
    const text = this.text;
    const start = this.pos; // at the opening quote
    let i = start + 1;
    let plain = true;
    for (;;) {
      const code = text.charCodeAt(i);
      if (code === 0x22) break;
      if (code === 0x5c /* \ */) {
        plain = false;
        i += 2;
        continue;
      }
      if (code < 0x20 || Number.isNaN(code)) {
        if (Number.isNaN(code) || i >= text.length) this.fail('unterminated string', start);
        this.fail('control character in string', i);
      }
      i++;
    }
    this.pos = i + 1;
    if (plain) return text.slice(start + 1, i);
    try {
      return JSON.parse(text.slice(start, i + 1)) as string; // escapes: let the engine decode and check them
    } catch {
      return this.fail('invalid escape in string', start);
    }
  }

  private parseNumber(): number | bigint {
    const text = this.text;
    const start = this.pos;
    let i = start;
    if (text.charCodeAt(i) === 0x2d) i++;
    const intStart = i;
    if (text.charCodeAt(i) === 0x30) i++;
    else i = this.skipDigits(i);
    if (i === intStart) this.fail('invalid number', start);
    const intEnd = i;
    let integer = true;
    if (text.charCodeAt(i) === 0x2e /* . */) {
      integer = false;
      const fracStart = ++i;
      i = this.skipDigits(i);
      if (i === fracStart) this.fail('invalid number', start);
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      integer = false;
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 0x2b || sign === 0x2d) i++;
      const expStart = i;
      i = this.skipDigits(i);
      if (i === expStart) this.fail('invalid number', start);
    }
    this.pos = i;
    const literal = text.slice(start, i);
    if (!integer || intEnd - intStart <= MAX_SAFE_DIGITS) return Number(literal);
    const big = BigInt(literal);
    return big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : big;
  }

  private skipDigits(i: number): number {
    let code = this.text.charCodeAt(i);
    while (code >= 0x30 && code <= 0x39) code = this.text.charCodeAt(++i);
    return i;
  }

  private parseLiteral<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail('unexpected character');
    this.pos += word.length;
    return value;
  }

  private skipWhitespace(): void {
    const text = this.text;
    let code = text.charCodeAt(this.pos);
    while (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) code = text.charCodeAt(++this.pos);
  }

  private fail(detail: string, position = this.pos): never {
    throw new JsonSyntaxError(detail, position);
  }
}
