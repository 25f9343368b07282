export type { ManagedSpanWriter, SpanWriterKind, WriterContext } from './managed-writer.js';
export { SPAN_WRITER_KINDS, spanWriterKind } from './registry.js';
export { storageWriter } from './memory-writer.js';
