import type { SpanWriterKind } from './managed-writer.js';
import { kafkaWriterKind } from './kafka-writer.js';
import { memoryWriterKind } from './memory-writer.js';
import { sqliteWriterKind } from './sqlite-writer.js';

/**
 * Every `SPAN_STORAGE_TYPE` the collector can write to. A backend plugs in with one line here once its package
 * exports a `SpanWriterKind` (or a StorageFactory wrapped with `storageWriter`):
 *   elasticsearch / opensearch: packages/storage-elasticsearch (in progress)
 *   cassandra: packages/storage-cassandra (to come)
 */
export const SPAN_WRITER_KINDS: ReadonlyMap<string, SpanWriterKind> = new Map(
  [kafkaWriterKind, memoryWriterKind, sqliteWriterKind].map((kind) => [kind.name, kind]),
);

export function spanWriterKind(name: string): SpanWriterKind {
  const kind = SPAN_WRITER_KINDS.get(name);
  if (!kind) throw new Error(`SPAN_STORAGE_TYPE=${name} is not supported by the collector (known: ${[...SPAN_WRITER_KINDS.keys()].join(', ')})`);
  return kind;
}
