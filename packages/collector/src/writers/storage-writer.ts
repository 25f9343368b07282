import type { StorageFactory } from '@skein/storage';
import { createSpanMetricsPipeline, spanMetricsOptions, storageOptions, type SpanMetricsConfig, type StorageBackend } from '@skein/storage-backends';
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

/**
 * A collector writing straight into a store of the storage registry (no Kafka in between). It counts the spans it
 * stored into the store's RED metrics, as the ingester does on the Kafka path.
 */
export function storageWriterKind(backend: StorageBackend): SpanWriterKind {
  return {
    name: backend.name,
    section: STORAGE_SECTION,
    options: { ...storageOptions(), ...spanMetricsOptions },
    create: async (values, context) => {
      const storage = await backend.open(values);
      const managed = storageWriter(backend.name, storage);
      const spanMetrics = createSpanMetricsPipeline(storage, values as SpanMetricsConfig, { registry: context.metrics, logger: context.logger });
      if (!spanMetrics) return managed;
      spanMetrics.start();
      return {
        ...managed,
        writer: {
          writeSpans: async (spans) => {
            await managed.writer.writeSpans(spans);
            spanMetrics.observe(spans);
          },
        },
        close: async () => {
          await spanMetrics.stop();
          await managed.close();
        },
      };
    },
  };
}
