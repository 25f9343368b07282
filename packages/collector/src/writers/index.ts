export type { ManagedSpanWriter, SpanWriterKind, WriterContext } from './managed-writer.js';
export { SPAN_WRITER_KINDS, spanWriterKind, writerSection } from './registry.js';
export { storageWriter, storageWriterKind, STORAGE_SECTION } from './storage-writer.js';
