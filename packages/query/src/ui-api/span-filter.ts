import { tagValueAsString, type Span, type Tag } from '@skein/model';
import { isErrorSpan, spanKindOf } from '@skein/storage';
import { SPAN_FILTER_CHOICES, SPAN_FILTER_OPERATORS, type SpanFilterCondition, type SpanFilterField, type SpanFilterOperator } from '@skein/query-api';

/** What a condition looks at: the span's own facts, or a key of its tags, its process's tags or its events' fields. */
export const FILTER_FIELDS = Object.keys(SPAN_FILTER_OPERATORS) as SpanFilterField[];
type FilterField = SpanFilterField;
type FilterOperator = SpanFilterOperator;
export type SpanCondition = SpanFilterCondition;

/** Bounds of one filter: conditions, and characters of a key or value (a regex included). */
export const MAX_CONDITIONS = 20;
export const MAX_FILTER_TEXT = 256;

const OPERATORS_OF: Record<FilterField, readonly FilterOperator[]> = SPAN_FILTER_OPERATORS;
const STATUSES = SPAN_FILTER_CHOICES.status;
const KINDS = SPAN_FILTER_CHOICES.kind;
const DURATION_UNITS: Record<string, number> = { ns: 0.001, us: 1, µs: 1, ms: 1000, s: 1_000_000, m: 60_000_000, h: 3_600_000_000 };

/** A filter the caller got wrong, with the position of the condition and what to fix. */
export class SpanFilterError extends Error {
  override readonly name = 'SpanFilterError';
}

/**
 * Reads the `where` parameter: a JSON array of conditions, all of which a span must meet.
 * @throws SpanFilterError naming the condition (1-based) and what is wrong with it.
 */
export function parseSpanFilter(raw: string): SpanCondition[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new SpanFilterError(`not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new SpanFilterError('must be a JSON array of conditions, e.g. [{"field":"tag","key":"http.status_code","op":"=","value":"500"}]');
  if (parsed.length > MAX_CONDITIONS) throw new SpanFilterError(`${parsed.length} conditions, at most ${MAX_CONDITIONS}`);
  return parsed.map((item, i) => checkCondition(item, i + 1));
}

function checkCondition(item: unknown, position: number): SpanCondition {
  const fail = (what: string): never => {
    throw new SpanFilterError(`condition ${position}: ${what}`);
  };
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return fail('must be an object with field, op and value');
  const { field, key, op, value } = item as Record<string, unknown>;
  if (!(FILTER_FIELDS as readonly unknown[]).includes(field)) return fail(`field ${JSON.stringify(field)} is not one of ${FILTER_FIELDS.join(', ')}`);
  const name = field as FilterField;
  if (!OPERATORS_OF[name].includes(op as FilterOperator)) return fail(`op ${JSON.stringify(op)} does not apply to ${name}: use ${OPERATORS_OF[name].join(' ')}`);
  const operator = op as FilterOperator;
  const keyed = name === 'tag' || name === 'process' || name === 'log';
  if (keyed && (typeof key !== 'string' || key === '' || key.length > MAX_FILTER_TEXT)) return fail(`${name} needs a key of 1 to ${MAX_FILTER_TEXT} characters`);
  if (!keyed && key !== undefined) return fail(`${name} takes no key`);
  const condition: SpanCondition = { field: name, op: operator, ...(keyed ? { key: key as string } : {}) };
  if (operator === 'exists' || operator === '!exists') {
    if (value !== undefined) return fail(`${operator} takes no value`);
    return condition;
  }
  if (typeof value !== 'string' || value.length > MAX_FILTER_TEXT) return fail(`needs a value: text of at most ${MAX_FILTER_TEXT} characters`);
  if (name === 'duration' && parseDurationMicros(value) === undefined) return fail(`${JSON.stringify(value)} is not a duration: use a number with a unit, e.g. 250ms, 1.5s, 800us`);
  if (name === 'status' && !(STATUSES as readonly string[]).includes(value)) return fail(`status is one of ${STATUSES.join(', ')}`);
  if (name === 'kind' && !(KINDS as readonly string[]).includes(value)) return fail(`kind is one of ${KINDS.join(', ')}`);
  if (operator === '=~' || operator === '!~') {
    try {
      new RegExp(value, 'u');
    } catch (error) {
      return fail(`${JSON.stringify(value)} is not a regular expression: ${(error as Error).message}`);
    }
  }
  return { ...condition, value };
}

/** `250ms`, `1.5s`, `800us` as µs; undefined when it is none. */
export function parseDurationMicros(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ns|us|µs|ms|s|m|h)\s*$/.exec(text);
  return match ? Number(match[1]) * DURATION_UNITS[match[2]!]! : undefined;
}

/** What Jaeger's model calls a span's status: `error` as the search decides it, `ok` from OTel, else `unset`. */
function statusOf(span: Span): (typeof STATUSES)[number] {
  if (isErrorSpan(span)) return 'error';
  return span.tags.some((tag) => tag.key === 'otel.status_code' && tag.type === 'string' && tag.value === 'OK') ? 'ok' : 'unset';
}

const textOf = (tag: Tag): string => (tag.type === 'binary' ? Buffer.from(tag.value).toString('hex') : tagValueAsString(tag));

/** One condition as a test of a span. `!=` and `!~` hold for a span without the key too. */
function compileCondition(condition: SpanCondition): (span: Span) => boolean {
  const { field, op, value = '' } = condition;
  const pattern = op === '=~' || op === '!~' ? new RegExp(value, 'u') : undefined;
  const textMatches = (text: string): boolean => (pattern ? pattern.test(text) : text === value);
  const negated = op === '!=' || op === '!~' || op === '!exists';
  const text = (read: (span: Span) => string) => (span: Span) => textMatches(read(span)) !== negated;
  switch (field) {
    case 'service':
      return text((span) => span.process.serviceName);
    case 'operation':
      return text((span) => span.operationName);
    case 'status':
      return text(statusOf);
    case 'kind':
      return text((span) => spanKindOf(span) || 'unspecified');
    case 'duration': {
      const micros = parseDurationMicros(value)!;
      const compare = { '>': (d: number) => d > micros, '>=': (d: number) => d >= micros, '<': (d: number) => d < micros, '<=': (d: number) => d <= micros, '=': (d: number) => d === micros }[op as '>' | '>=' | '<' | '<=' | '='];
      return (span) => compare(span.duration);
    }
    default: {
      const lists: (span: Span) => Array<readonly Tag[]> =
        field === 'tag' ? (span) => [span.tags] : field === 'process' ? (span) => [span.process.tags] : (span) => span.logs.map((log) => log.fields);
      const key = condition.key!;
      const hit = op === 'exists' || op === '!exists' ? () => true : (tag: Tag) => textMatches(textOf(tag));
      return (span) => lists(span).some((tags) => tags.some((tag) => tag.key === key && hit(tag))) !== negated;
    }
  }
}

/** The ids of the spans that meet every condition, in the order given. */
export function filterSpans(spans: Iterable<Span>, conditions: readonly SpanCondition[]): string[] {
  const tests = conditions.map(compileCondition);
  const ids: string[] = [];
  for (const span of spans) if (tests.every((test) => test(span))) ids.push(span.spanId);
  return ids;
}
