import type { ManagedSpanWriter } from '@skein/collector';
import { openStorage, type SpanMetricsPipeline } from '@skein/storage-backends';

/** The one store of the all-in-one: the collector writes to it, the query service reads from it. */
export type SharedStorage = Awaited<ReturnType<typeof openStorage>>;

/**
 * Opens the store `--span-storage.type` names with its options from `values` (SQLite in `--data-dir` by default: one
 * writer connection, one reader connection).
 */
export async function openSharedStorage(type: string, values: Readonly<Record<string, unknown>>): Promise<SharedStorage> {
  try {
    return await openStorage(type, values);
  } catch (error) {
    const where = type === 'sqlite' ? ` in ${String(values['dataDir'])}` : '';
    throw new Error(`cannot open the ${type} span store${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * The collector's view of the shared store. Closing it does nothing: the query service still reads from the store
 * after the collector has drained, so the all-in-one closes the store itself, last. Spans are counted into the span
 * metrics once stored.
 */
export function collectorWriterFor(storage: SharedStorage, spanMetrics?: SpanMetricsPipeline): ManagedSpanWriter {
  const reader = storage.createSpanReader();
  const store = storage.createSpanWriter();
  return {
    backend: storage.backend,
    writer: spanMetrics
      ? {
          writeSpans: async (spans) => {
            await store.writeSpans(spans);
            spanMetrics.observe(spans);
          },
        }
      : store,
    checkReady: async () => {
      await reader.getServices();
    },
    close: async () => undefined,
  };
}
