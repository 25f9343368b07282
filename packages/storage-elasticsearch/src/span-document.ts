import {
  formatJaegerTraceId,
  spanIdFromHex,
  tagValueAsString,
  traceIdFromHex,
  type Span,
  type Tag,
  type TagType,
} from '@skein/model';

/** A tag as Jaeger stores it: the value is its string rendering, which is what tag searches match. */
export interface TagDocument {
  key: string;
  type: TagType;
  value: string;
  /**
   * Skein's addition, only on float64 tags whose Go-style rendering (10 significant digits) loses precision:
   * the exact value as JavaScript prints it (`-0`, `NaN` and `Infinity` included). Not indexed.
   */
  exact?: string;
}

export interface SpanDocument {
  traceID: string;
  spanID: string;
  flags?: number;
  operationName: string;
  references: Array<{ refType: 'CHILD_OF' | 'FOLLOWS_FROM'; traceID: string; spanID: string }>;
  /** Microseconds. */
  startTime: number;
  startTimeMillis: number;
  duration: number;
  tags: TagDocument[];
  tag?: Record<string, string>;
  logs: Array<{ timestamp: number; fields: TagDocument[] }>;
  process: { serviceName: string; tags: TagDocument[]; tag?: Record<string, string> };
  /** Skein's addition: the model's warnings (Jaeger's document has no place for them). */
  warnings?: string[];
  /** Skein's addition: the content hash of the document id, a unique tiebreaker for paging through a trace. */
  contentHash?: string;
}

/** Which tags are copied into the `tag` / `process.tag` objects, under keys with dots replaced. */
export interface TagFieldPolicy {
  all: boolean;
  include: ReadonlySet<string>;
  dotReplacement: string;
}

export const NO_TAG_FIELDS: TagFieldPolicy = { all: false, include: new Set(), dotReplacement: '@' };

/** Longest tag key copied into a field: longer keys would bloat the mapping and are left in the nested array. */
const MAX_TAG_FIELD_KEY_LENGTH = 256;

/** The Elasticsearch document of a span, in Jaeger's shape (see `mappings.ts`). */
export function toSpanDocument(span: Span, tagFields: TagFieldPolicy = NO_TAG_FIELDS): SpanDocument {
  const doc: SpanDocument = {
    traceID: formatJaegerTraceId(span.traceId),
    spanID: span.spanId,
    flags: span.flags,
    operationName: span.operationName,
    references: span.references.map((ref) => ({
      refType: ref.refType,
      traceID: formatJaegerTraceId(ref.traceId),
      spanID: ref.spanId,
    })),
    startTime: span.startTime,
    startTimeMillis: Math.floor(span.startTime / 1000),
    duration: span.duration,
    tags: span.tags.map(toTagDocument),
    logs: span.logs.map((log) => ({ timestamp: log.timestamp, fields: log.fields.map(toTagDocument) })),
    process: { serviceName: span.process.serviceName, tags: span.process.tags.map(toTagDocument) },
  };
  if (span.warnings.length > 0) doc.warnings = [...span.warnings];
  const spanTagFields = tagFieldsOf(span.tags, tagFields);
  if (spanTagFields) doc.tag = spanTagFields;
  const processTagFields = tagFieldsOf(span.process.tags, tagFields);
  if (processTagFields) doc.process.tag = processTagFields;
  return doc;
}

export function toTagDocument(tag: Tag): TagDocument {
  const value = tagValueAsString(tag);
  const doc: TagDocument = { key: tag.key, type: tag.type, value };
  if (tag.type === 'float64' && !sameFloat(parseGoFloat(value), tag.value)) doc.exact = exactFloatText(tag.value);
  return doc;
}

/**
 * Builds the tag-as-field object on a null-prototype object, so a key like `__proto__` becomes an ordinary
 * property that JSON.stringify writes out, instead of changing the object's prototype.
 */
function tagFieldsOf(tags: readonly Tag[], policy: TagFieldPolicy): Record<string, string> | undefined {
  if (!policy.all && policy.include.size === 0) return undefined;
  let fields: Record<string, string> | undefined;
  for (const tag of tags) {
    if (tag.type === 'binary') continue; // as in Jaeger: binary tags stay in the nested array only
    if (!policy.all && !policy.include.has(tag.key)) continue;
    if (tag.key === '' || tag.key.length > MAX_TAG_FIELD_KEY_LENGTH) continue;
    const field = tag.key.split('.').join(policy.dotReplacement);
    fields ??= Object.create(null) as Record<string, string>;
    if (!(field in fields)) fields[field] = tagValueAsString(tag);
  }
  return fields;
}

/** The span a document holds. Accepts Jaeger-written documents too (64-bit trace ids, no `exact`, no warnings). */
export function fromSpanDocument(doc: SpanDocument): Span {
  const traceId = traceIdFromHex(doc.traceID, 'traceID');
  return {
    traceId,
    spanId: spanIdFromHex(doc.spanID, 'spanID'),
    operationName: doc.operationName ?? '',
    references: (doc.references ?? []).map((ref) => ({
      refType: ref.refType === 'FOLLOWS_FROM' ? 'FOLLOWS_FROM' : 'CHILD_OF',
      traceId: traceIdFromHex(ref.traceID, 'references.traceID'),
      spanId: spanIdFromHex(ref.spanID, 'references.spanID'),
    })),
    flags: doc.flags ?? 0,
    startTime: doc.startTime,
    duration: doc.duration,
    tags: (doc.tags ?? []).map(fromTagDocument),
    logs: (doc.logs ?? []).map((log) => ({ timestamp: log.timestamp, fields: (log.fields ?? []).map(fromTagDocument) })),
    process: { serviceName: doc.process?.serviceName ?? '', tags: (doc.process?.tags ?? []).map(fromTagDocument) },
    warnings: doc.warnings ? [...doc.warnings] : [],
  };
}

export function fromTagDocument(doc: TagDocument): Tag {
  const key = doc.key;
  const raw = doc.value as unknown;
  // Jaeger writes every value as a string, but other writers put typed JSON values; take both.
  const text = typeof raw === 'string' ? raw : String(raw);
  switch (doc.type) {
    case 'bool':
      return { key, type: 'bool', value: raw === true || text === 'true' };
    case 'int64':
      return { key, type: 'int64', value: BigInt(text) };
    case 'float64':
      return { key, type: 'float64', value: doc.exact !== undefined ? parseExactFloat(doc.exact) : parseGoFloat(text) };
    case 'binary':
      return { key, type: 'binary', value: new Uint8Array(Buffer.from(text, 'hex')) };
    default:
      return { key, type: 'string', value: text };
  }
}

/** Reads the renderings of `formatFloatLikeGo` (`+Inf`, `-Inf`, `NaN`, `1e+21`, `-0`). */
export function parseGoFloat(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  return Number(text);
}

function exactFloatText(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

function parseExactFloat(text: string): number {
  return text === '-0' ? -0 : Number(text);
}

function sameFloat(a: number, b: number): boolean {
  return Object.is(a, b);
}
