import type { Log, Process, Span, SpanReference, Tag } from '@skein/model';

/** Distinct values shared per tag key; past it, a key's new values are copied as before (ids, urls, timestamps). */
const MAX_VALUES_PER_KEY = 64;
/** Tag keys with shared values; past it, tags of new keys are copied. */
const MAX_KEYS = 4096;
/** Longer string values are copied, not shared: long values are seldom repeated. */
const MAX_SHARED_STRING_LENGTH = 256;

type TagValue = string | boolean | bigint | number;

/**
 * One tag object for every stored tag with the same key, type and value (`http.request.method` = `GET`, `server.port`
 * = 443), bounded per key and in keys. Most tags of real spans repeat, and a stored span that holds shared tags leaves
 * the garbage collector fewer objects to copy out of the young generation and to mark (a third of the all-in-one's
 * busy time on the memory store was garbage collection). Decoding and storing 600k of the benchmark's spans took
 * 10.5–11.3 instead of 13.1–15.6 CPU-s per 1M spans, in 607 instead of 1,059 MiB of heap. Shared tags are never
 * handed out: the store copies a span when it is read.
 */
export class TagInterner {
  private readonly byKey = new Map<string, Map<TagValue, Tag>>();

  /** The shared tag equal to `tag`, or a copy of it when it is not shared. */
  intern(tag: Tag): Tag {
    if (!isShareable(tag)) return copyTag(tag);
    let values = this.byKey.get(tag.key);
    if (values === undefined) {
      if (this.byKey.size >= MAX_KEYS) return copyTag(tag);
      values = new Map();
      this.byKey.set(tag.key, values);
    }
    // Map keys compare by SameValueZero, so values of different types (1n, 1, '1', true) never meet; -0 is not shared.
    const shared = values.get(tag.value as TagValue);
    if (shared !== undefined) return shared;
    const copy = copyTag(tag);
    if (values.size < MAX_VALUES_PER_KEY) values.set(tag.value as TagValue, copy);
    return copy;
  }
}

function isShareable(tag: Tag): boolean {
  switch (tag.type) {
    case 'string':
      return tag.value.length <= MAX_SHARED_STRING_LENGTH;
    case 'float64':
      return !Object.is(tag.value, -0);
    case 'binary':
      return false;
    default:
      return true;
  }
}

function copyTag(tag: Tag): Tag {
  return tag.type === 'binary' ? { key: tag.key, type: 'binary', value: tag.value.slice() } : ({ key: tag.key, type: tag.type, value: tag.value } as Tag);
}

/**
 * The copy of a written span that the memory store keeps: it shares nothing mutable with the writer's span, spans
 * of one batch that shared a process share its copy (`processes`), and tags come from `tags`.
 */
export function storedSpan(span: Span, processes: Map<Process, Process>, tags: TagInterner): Span {
  let process = processes.get(span.process);
  if (process === undefined) {
    process = { serviceName: span.process.serviceName, tags: internTags(span.process.tags, tags) };
    processes.set(span.process, process);
  }
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    operationName: span.operationName,
    references: span.references.map(copyReference),
    flags: span.flags,
    startTime: span.startTime,
    duration: span.duration,
    tags: internTags(span.tags, tags),
    logs: span.logs.map((log): Log => ({ timestamp: log.timestamp, fields: internTags(log.fields, tags) })),
    process,
    warnings: [...span.warnings],
  };
}

function copyReference(ref: SpanReference): SpanReference {
  return { refType: ref.refType, traceId: ref.traceId, spanId: ref.spanId };
}

function internTags(source: readonly Tag[], tags: TagInterner): Tag[] {
  const copy: Tag[] = new Array<Tag>(source.length);
  for (let i = 0; i < source.length; i++) copy[i] = tags.intern(source[i]!);
  return copy;
}
