export type { TraceId, SpanId, TagType, Tag, RefType, SpanReference, Log, Process, Span, Trace } from './span.js';
