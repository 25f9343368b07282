import type { Log, Process, Span, SpanReference, Tag } from '@skein/model';
import type { DecodedBatch, RejectedSpan } from '../codec.js';
import { SpanKind, StatusCode, SPAN_FLAGS_SAMPLED } from './fields.js';
import type { OtlpEventInput, OtlpScopeInput, OtlpSpanInput } from './input.js';

/**
 * OTLP → Skein, by the rules Jaeger applies (OpenTelemetry collector-contrib `pkg/translator/jaeger`,
 * `traces_to_jaegerproto.go`, which Jaeger's OTLP receiver uses). The README table lists them.
 */

/** Jaeger's service name for a resource without attributes. */
export const NO_SERVICE_NAME = 'OTLPResourceNoServiceName';

export const TagKey = {
  spanKind: 'span.kind',
  statusCode: 'otel.status_code',
  statusDescription: 'otel.status_description',
  error: 'error',
  scopeName: 'otel.scope.name',
  scopeVersion: 'otel.scope.version',
  /** Pre-1.0 names, still written by older exporters and read back by Jaeger. */
  libraryName: 'otel.library.name',
  libraryVersion: 'otel.library.version',
  traceState: 'w3c.tracestate',
  event: 'event',
  refType: 'opentracing.ref_type',
  serviceName: 'service.name',
  droppedAttributes: 'otel.dropped_attributes_count',
  droppedEvents: 'otel.dropped_events_count',
  droppedLinks: 'otel.dropped_links_count',
} as const;

export const KIND_TAG_VALUES: Readonly<Record<number, string>> = {
  [SpanKind.INTERNAL]: 'internal',
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};

export interface OtlpTranslateOptions {
  /**
   * Add `otel.dropped_{attributes,events,links}_count` tags when non-zero, as the OpenTelemetry non-OTLP mapping
   * asks. Off by default because Jaeger's translator does not do it, and the same span should look the same.
   */
  recordDroppedCounts?: boolean;
}

/** Resource attributes → process: `service.name` becomes the service name and leaves the tags. */
export function resourceToProcess(attributes: Tag[]): Process {
  if (attributes.length === 0) return { serviceName: NO_SERVICE_NAME, tags: [] };
  let serviceName = '';
  const tags: Tag[] = [];
  for (const tag of attributes) {
    if (tag.key === TagKey.serviceName) serviceName = tag.type === 'string' ? tag.value : '';
    else tags.push(tag);
  }
  return { serviceName, tags };
}

const str = (key: string, value: string): Tag => ({ key, type: 'string', value });

function spanTags(input: OtlpSpanInput, scope: OtlpScopeInput, options: OtlpTranslateOptions): Tag[] {
  const tags: Tag[] = [];
  if (scope.name) tags.push(str(TagKey.scopeName, scope.name));
  if (scope.version) tags.push(str(TagKey.scopeVersion, scope.version));
  for (const attribute of input.attributes) tags.push(attribute);
  const kind = KIND_TAG_VALUES[input.kind];
  if (kind) tags.push(str(TagKey.spanKind, kind));
  if (input.statusCode === StatusCode.OK) tags.push(str(TagKey.statusCode, 'OK'));
  else if (input.statusCode === StatusCode.ERROR) {
    tags.push(str(TagKey.statusCode, 'ERROR'));
    tags.push({ key: TagKey.error, type: 'bool', value: true });
  }
  if (input.statusMessage) tags.push(str(TagKey.statusDescription, input.statusMessage));
  if (input.traceState) tags.push(str(TagKey.traceState, input.traceState));
  if (options.recordDroppedCounts) {
    const counts: Array<[string, number]> = [
      [TagKey.droppedAttributes, input.droppedAttributesCount],
      [TagKey.droppedEvents, input.droppedEventsCount],
      [TagKey.droppedLinks, input.droppedLinksCount],
    ];
    for (const [key, count] of counts) if (count > 0) tags.push({ key, type: 'int64', value: BigInt(count) });
  }
  return tags;
}

function references(input: OtlpSpanInput, traceId: string, warnings: string[]): SpanReference[] {
  const refs: SpanReference[] = [];
  const parent = input.parentSpanId?.ok ? input.parentSpanId.id : undefined;
  if (parent) refs.push({ refType: 'CHILD_OF', traceId, spanId: parent });
  for (const link of input.links) {
    if (!link.traceId.ok || !link.spanId.ok) {
      warnings.push(`link dropped: ${link.traceId.ok ? (link.spanId as { reason: string }).reason : link.traceId.reason}`);
      continue;
    }
    const refTypeTag = link.attributes.find((tag) => tag.key === TagKey.refType);
    const refType = refTypeTag?.type === 'string' && refTypeTag.value === 'child_of' ? 'CHILD_OF' : 'FOLLOWS_FROM';
    if (parent && link.traceId.id === traceId && link.spanId.id === parent) {
      // The parent was already added; the link only says which kind of reference it is.
      refs[0]!.refType = refType;
      continue;
    }
    refs.push({ refType, traceId: link.traceId.id, spanId: link.spanId.id });
  }
  return refs;
}

/** Translates one span, or returns why it is refused. */
export function translateSpan(
  input: OtlpSpanInput,
  scope: OtlpScopeInput,
  process: Process,
  options: OtlpTranslateOptions = {},
): Span | RejectedSpan {
  const problem = !input.traceId.ok
    ? input.traceId.reason
    : !input.spanId.ok
      ? input.spanId.reason
      : input.parentSpanId && !input.parentSpanId.ok && !isNoParentReason(input.parentSpanId.reason)
        ? input.parentSpanId.reason
        : undefined;
  if (!input.traceId.ok || !input.spanId.ok || problem !== undefined) {
    const rejected: RejectedSpan = { reason: problem ?? 'invalid ids' };
    if (input.traceId.ok) rejected.traceId = input.traceId.id;
    if (input.spanId.ok) rejected.spanId = input.spanId.id;
    return rejected;
  }
  const warnings: string[] = [];
  const traceId = input.traceId.id;
  let duration = Math.trunc(
    ((input.endMicros - input.startMicros) * 1000 + (input.endNanosRemainder - input.startNanosRemainder)) / 1000,
  );
  if (!(duration >= 0)) {
    warnings.push(`end time before start time by ${-duration}µs; duration set to 0`);
    duration = 0;
  }
  return {
    traceId,
    spanId: input.spanId.id,
    operationName: input.name,
    references: references(input, traceId, warnings),
    flags: input.flags & SPAN_FLAGS_SAMPLED ? 1 : 0,
    startTime: input.startMicros,
    duration,
    tags: spanTags(input, scope, options),
    logs: eventLogs(input.events),
    process,
    warnings,
  };
}

function eventLogs(events: OtlpEventInput[]): Log[] {
  const logs: Log[] = new Array<Log>(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const attributes = event.attributes;
    let fields = attributes;
    if (event.name && !hasKey(attributes, TagKey.event)) {
      fields = [str(TagKey.event, event.name)];
      for (let a = 0; a < attributes.length; a++) fields.push(attributes[a]!);
    }
    logs[i] = { timestamp: event.timeMicros, fields };
  }
  return logs;
}

function hasKey(tags: Tag[], key: string): boolean {
  for (let i = 0; i < tags.length; i++) if (tags[i]!.key === key) return true;
  return false;
}

function isNoParentReason(reason: string): boolean {
  return reason.endsWith(': missing') || reason.endsWith(': all zeros');
}

/** Adds a translated span or its rejection to the batch outcome. */
export function collect(result: Span | RejectedSpan, out: DecodedBatch): void {
  if ('reason' in result) out.rejected.push(result);
  else out.spans.push(result);
}
