import { STORAGE_BACKENDS } from '@skein/storage-backends';
import type { SpanWriterKind } from './managed-writer.js';
import { kafkaWriterKind } from './kafka-writer.js';
import { storageWriterKind } from './storage-writer.js';

/** Every `SPAN_STORAGE_TYPE` the collector writes to: Kafka, or any store of the storage registry directly. */
export const SPAN_WRITER_KINDS: ReadonlyMap<string, SpanWriterKind> = new Map(
  [kafkaWriterKind, ...[...STORAGE_BACKENDS.values()].map(storageWriterKind)].map((kind) => [kind.name, kind]),
);

export function spanWriterKind(name: string): SpanWriterKind {
  const kind = SPAN_WRITER_KINDS.get(name);
  if (!kind) throw new Error(`SPAN_STORAGE_TYPE=${name} is not supported by the collector (known: ${[...SPAN_WRITER_KINDS.keys()].join(', ')})`);
  return kind;
}

/** The option section a writer kind's values live in. */
export function writerSection(kind: SpanWriterKind): string {
  return kind.section ?? `writer.${kind.name}`;
}
