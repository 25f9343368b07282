/**
 * Errors raised by the model. Each names the field it is about (a path such as `spans[3].references[0].spanId`)
 * so that a receiver can answer 400 with a message the sender can act on.
 */

const MAX_SHOWN_CHARS = 64;
const MAX_SHOWN_BYTES = 32;

/** A value that breaks a rule of the model. `field` is where it was found, `detail` what is wrong with it. */
export class ModelError extends Error {
  readonly field: string;
  readonly detail: string;

  constructor(field: string, detail: string) {
    super(`${field || '(value)'}: ${detail}`);
    this.name = 'ModelError';
    this.field = field;
    this.detail = detail;
  }
}

/** A trace or span id that cannot be parsed, has the wrong length, or is all zeros. */
export class InvalidIdError extends ModelError {
  /** The offending input, already truncated and escaped for logs ({@link describeInput}). */
  readonly input: string;

  constructor(field: string, reason: string, input: unknown) {
    const shown = describeInput(input);
    super(field, `${reason} (got ${shown})`);
    this.name = 'InvalidIdError';
    this.input = shown;
  }
}

/** Text that is not JSON, or JSON beyond the configured size or nesting limits. */
export class JsonSyntaxError extends ModelError {
  /** Offset of the problem in the input, in UTF-16 code units. */
  readonly position: number;

  constructor(detail: string, position: number) {
    super('json', `${detail} at position ${position}`);
    this.name = 'JsonSyntaxError';
    this.position = position;
  }
}

/**
 * A short, log-safe rendering of any input: strings are cut to 64 characters and JSON-escaped (so control
 * characters and line breaks cannot forge log lines), byte arrays are shown as hex of their first 32 bytes.
 */
export function describeInput(input: unknown): string {
  switch (typeof input) {
    case 'string': {
      if (input.length <= MAX_SHOWN_CHARS) return JSON.stringify(input);
      return `${JSON.stringify(input.slice(0, MAX_SHOWN_CHARS))}… (${input.length} chars)`;
    }
    case 'bigint':
      return `${input}n`;
    case 'number':
    case 'boolean':
      return String(input);
    case 'undefined':
      return 'undefined';
    default:
      if (input === null) return 'null';
      if (input instanceof Uint8Array) {
        const head = Buffer.from(input.buffer, input.byteOffset, Math.min(input.length, MAX_SHOWN_BYTES));
        const more = input.length > MAX_SHOWN_BYTES ? '…' : '';
        return `${input.length} bytes 0x${head.toString('hex')}${more}`;
      }
      if (Array.isArray(input)) return `array(${input.length})`;
      return typeof input;
  }
}
