import type { StorageFactory } from '@skein/storage';
import { storageOptions, type StorageBackend } from '@skein/storage-backends';
import type { ManagedSpanWriter, SpanWriterKind } from './managed-writer.js';

/** Every store's options share one section, so `es.*` appears once though two backends read it. */
export const STORAGE_SECTION = 'storage';

/** Wraps a storage factory's writer; also for embedding (all-in-one, tests) with a store built elsewhere. */
export function storageWriter(backend: string, storage: Pick<StorageFactory, 'createSpanWriter' | 'createSpanReader' | 'close'>): ManagedSpanWriter {
  const reader = storage.createSpanReader();
  return {
    backend,
    writer: storage.createSpanWriter(),
    checkReady: async () => {
      await reader.getServices();
    },
    close: () => storage.close(),
  };
}

/** A collector writing straight into a store of the storage registry (no Kafka in between). */
export function storageWriterKind(backend: StorageBackend): SpanWriterKind {
  return {
    name: backend.name,
    section: STORAGE_SECTION,
    options: storageOptions(),
    create: async (values) => storageWriter(backend.name, await backend.open(values)),
  };
}
