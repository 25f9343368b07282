import type { Process, Tag } from '@skein/model';
import type { DecodedBatch } from '../codec.js';
import { protoReader, WireType, type ProtoReader } from '../protobuf/index.js';
import { anyValueToTag, type AnyValue } from './any-value.js';
import { isNoParent, otlpIdFromBytes } from './ids.js';
import { emptySpanInput, type OtlpEventInput, type OtlpLinkInput, type OtlpScopeInput, type OtlpSpanInput } from './input.js';
import { collect, resourceToProcess, translateSpan, type OtlpTranslateOptions } from './translate.js';

export const OTLP_PROTO_FORMAT = 'otlp.proto';

/**
 * Each `read*` below reads the length-delimited message at the cursor, entered in place (`enter`/`leave`): a span
 * holds some 30 such messages, and a sub-reader object for each was a tenth of decode time.
 */
function readAnyValue(r: ProtoReader): AnyValue {
  const outer = r.enter();
  let value: AnyValue = null;
  while (r.more()) {
    const tag = r.tag();
    switch (tag) {
      case 10 /* AnyValueField.stringValue */:
        value = r.key(); // short values repeat too (methods, hosts, routes): the cache spares most of them a native call
        break;
      case 16 /* AnyValueField.boolValue */:
        value = r.bool();
        break;
      case 24 /* AnyValueField.intValue */:
        value = r.int64();
        break;
      case 33 /* AnyValueField.doubleValue */:
        value = r.double();
        break;
      case 58 /* AnyValueField.bytesValue */:
        value = r.bytesCopy();
        break;
      case 42 /* AnyValueField.arrayValue */: {
        const items: AnyValue[] = [];
        const arrayEnd = r.enter();
        while (r.more()) {
          const itemTag = r.tag();
          if (itemTag === 10 /* ValuesField.values */) items.push(readAnyValue(r));
          else r.skip(itemTag & 7);
        }
        r.leave(arrayEnd);
        value = items;
        break;
      }
      case 50 /* AnyValueField.kvlistValue */: {
        const pairs: Array<[string, AnyValue]> = [];
        const listEnd = r.enter();
        while (r.more()) {
          const itemTag = r.tag();
          if (itemTag === 10 /* ValuesField.values */) pairs.push(readKeyValuePair(r));
          else r.skip(itemTag & 7);
        }
        r.leave(listEnd);
        value = { kvlist: pairs };
        break;
      }
      default:
        r.skip(tag & 7);
    }
  }
  r.leave(outer);
  return value;
}

function readKeyValuePair(r: ProtoReader): [string, AnyValue] {
  const outer = r.enter();
  let name = '';
  let value: AnyValue = null;
  while (r.more()) {
    const tag = r.tag();
    if (tag === 10 /* KeyValueField.key */) name = r.key();
    else if (tag === 18 /* KeyValueField.value */) value = readAnyValue(r);
    else r.skip(tag & 7);
  }
  r.leave(outer);
  return [name, value];
}

function readAttribute(r: ProtoReader): Tag {
  const [name, value] = readKeyValuePair(r);
  return anyValueToTag(name, value);
}

function readEvent(r: ProtoReader): OtlpEventInput {
  const outer = r.enter();
  const event: OtlpEventInput = { timeMicros: 0, name: '', attributes: [], droppedAttributesCount: 0 };
  while (r.more()) {
    const tag = r.tag();
    switch (tag) {
      case 9 /* EventField.timeUnixNano */:
        event.timeMicros = r.fixed64NanosToMicros();
        break;
      case 18 /* EventField.name */:
        event.name = r.key();
        break;
      case 26 /* EventField.attributes */:
        event.attributes.push(readAttribute(r));
        break;
      case 32 /* EventField.droppedAttributesCount */:
        event.droppedAttributesCount = r.uint32();
        break;
      default:
        r.skip(tag & 7);
    }
  }
  r.leave(outer);
  return event;
}

const EMPTY: Uint8Array = new Uint8Array(0);

function readLink(r: ProtoReader): OtlpLinkInput {
  const outer = r.enter();
  let traceId = EMPTY;
  let spanId = EMPTY;
  let traceState = '';
  const attributes: Tag[] = [];
  let droppedAttributesCount = 0;
  let flags = 0;
  while (r.more()) {
    const tag = r.tag();
    switch (tag) {
      case 10 /* LinkField.traceId */:
        traceId = r.bytesView();
        break;
      case 18 /* LinkField.spanId */:
        spanId = r.bytesView();
        break;
      case 26 /* LinkField.traceState */:
        traceState = r.string();
        break;
      case 34 /* LinkField.attributes */:
        attributes.push(readAttribute(r));
        break;
      case 40 /* LinkField.droppedAttributesCount */:
        droppedAttributesCount = r.uint32();
        break;
      case 53 /* LinkField.flags */:
        flags = r.fixed32();
        break;
      default:
        r.skip(tag & 7);
    }
  }
  r.leave(outer);
  return {
    traceId: otlpIdFromBytes(traceId, 16, 'link traceId'),
    spanId: otlpIdFromBytes(spanId, 8, 'link spanId'),
    traceState,
    attributes,
    droppedAttributesCount,
    flags,
  };
}

function readStatus(r: ProtoReader, span: OtlpSpanInput): void {
  const outer = r.enter();
  while (r.more()) {
    const tag = r.tag();
    if (tag === 18 /* StatusField.message */) span.statusMessage = r.string();
    else if (tag === 24 /* StatusField.code */) span.statusCode = r.int32();
    else r.skip(tag & 7);
  }
  r.leave(outer);
}

function readSpan(r: ProtoReader): OtlpSpanInput {
  const outer = r.enter();
  const span = emptySpanInput();
  let traceId = EMPTY;
  let spanId = EMPTY;
  let parentSpanId = EMPTY;
  while (r.more()) {
    const tag = r.tag();
    switch (tag) {
      case 10 /* SpanField.traceId */:
        traceId = r.bytesView();
        break;
      case 18 /* SpanField.spanId */:
        spanId = r.bytesView();
        break;
      case 26 /* SpanField.traceState */:
        span.traceState = r.string();
        break;
      case 34 /* SpanField.parentSpanId */:
        parentSpanId = r.bytesView();
        break;
      case 42 /* SpanField.name */:
        span.name = r.key();
        break;
      case 48 /* SpanField.kind */:
        span.kind = r.int32();
        break;
      case 57 /* SpanField.startTimeUnixNano */:
        span.startMicros = r.fixed64NanosToMicros();
        span.startNanosRemainder = r.nanosRemainder;
        break;
      case 65 /* SpanField.endTimeUnixNano */:
        span.endMicros = r.fixed64NanosToMicros();
        span.endNanosRemainder = r.nanosRemainder;
        break;
      case 74 /* SpanField.attributes */:
        span.attributes.push(readAttribute(r));
        break;
      case 80 /* SpanField.droppedAttributesCount */:
        span.droppedAttributesCount = r.uint32();
        break;
      case 90 /* SpanField.events */:
        span.events.push(readEvent(r));
        break;
      case 96 /* SpanField.droppedEventsCount */:
        span.droppedEventsCount = r.uint32();
        break;
      case 106 /* SpanField.links */:
        span.links.push(readLink(r));
        break;
      case 112 /* SpanField.droppedLinksCount */:
        span.droppedLinksCount = r.uint32();
        break;
      case 122 /* SpanField.status */:
        readStatus(r, span);
        break;
      case 133 /* SpanField.flags */:
        span.flags = r.fixed32();
        break;
      default:
        r.skip(tag & 7);
    }
  }
  r.leave(outer);
  span.traceId = otlpIdFromBytes(traceId, 16, 'traceId');
  span.spanId = otlpIdFromBytes(spanId, 8, 'spanId');
  const parent = otlpIdFromBytes(parentSpanId, 8, 'parentSpanId');
  span.parentSpanId = isNoParent(parent) ? undefined : parent;
  return span;
}

function readScope(r: ProtoReader): OtlpScopeInput {
  const outer = r.enter();
  const scope: OtlpScopeInput = { name: '', version: '' };
  while (r.more()) {
    const tag = r.tag();
    if (tag === 10 /* ScopeField.name */) scope.name = r.key();
    else if (tag === 18 /* ScopeField.version */) scope.version = r.key();
    else r.skip(tag & 7);
  }
  r.leave(outer);
  return scope;
}

function readScopeSpans(r: ProtoReader, process: () => Process, out: DecodedBatch, options: OtlpTranslateOptions): void {
  let scope: OtlpScopeInput = { name: '', version: '' };
  const spans: OtlpSpanInput[] = [];
  while (r.more()) {
    const tag = r.tag();
    if (tag === 10 /* ScopeSpansField.scope */) scope = readScope(r);
    else if (tag === 18 /* ScopeSpansField.spans */) spans.push(readSpan(r));
    else r.skip(tag & 7);
  }
  for (const span of spans) collect(translateSpan(span, scope, process(), options), out);
}

/** The attributes of one `Resource` message. */
export function readResourceAttributes(resource: ProtoReader): Tag[] {
  const attributes: Tag[] = [];
  while (resource.more()) {
    const tag = resource.tag();
    if (tag === 10 /* ResourceField.attributes */) attributes.push(readAttribute(resource));
    else resource.skip(tag & 7);
  }
  return attributes;
}

function readResourceSpans(r: ProtoReader, out: DecodedBatch, options: OtlpTranslateOptions): void {
  let attributes: Tag[] = [];
  const scopeReaders: ProtoReader[] = [];
  while (r.more()) {
    const tag = r.tag();
    if (tag === 10 /* ResourceSpansField.resource */) {
      attributes = readResourceAttributes(r.message());
    } else if (tag === 18 /* ResourceSpansField.scopeSpans */ || tag === 8002 /* ResourceSpansField.instrumentationLibrarySpans */) {
      // The resource may come after its spans on the wire; read spans once the whole message is known.
      scopeReaders.push(r.message());
    } else r.skip(tag & 7);
  }
  let process: Process | undefined;
  const sharedProcess = (): Process => (process ??= resourceToProcess(attributes));
  for (const scopeReader of scopeReaders) readScopeSpans(scopeReader, sharedProcess, out, options);
}

/** Decodes an `ExportTraceServiceRequest` (also `TracesData`, which has the same layout). */
export function decodeOtlpProto(payload: Uint8Array, options: OtlpTranslateOptions = {}): DecodedBatch {
  const out: DecodedBatch = { spans: [], rejected: [] };
  const r = protoReader(payload, OTLP_PROTO_FORMAT);
  while (r.more()) {
    const tag = r.tag();
    if (tag === 10 /* ExportRequestField.resourceSpans */) readResourceSpans(r.message(), out, options);
    else r.skip(tag & 7);
  }
  return out;
}
