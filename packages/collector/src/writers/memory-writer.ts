import { option, parseInteger } from '@skein/runtime';
import { DEFAULT_MEMORY_MAX_TRACES, MemoryStorage } from '@skein/storage';
import type { ManagedSpanWriter, SpanWriterKind } from './managed-writer.js';

export const memoryWriterOptions = {
  memoryMaxTraces: option({
    flag: 'memory.max-traces',
    env: 'MEMORY_MAX_TRACES',
    description: 'Traces the memory store keeps before evicting the least recently written (SPAN_STORAGE_TYPE=memory)',
    parse: parseInteger(1, 100_000_000),
    defaultValue: DEFAULT_MEMORY_MAX_TRACES,
  }),
};

/** Wraps any storage factory's writer; for embedding (all-in-one, tests) with a store built elsewhere. */
export function storageWriter(backend: string, storage: { createSpanWriter(): ManagedSpanWriter['writer']; close(): Promise<void> }): ManagedSpanWriter {
  return {
    backend,
    writer: storage.createSpanWriter(),
    checkReady: async () => undefined,
    close: () => storage.close(),
  };
}

export const memoryWriterKind: SpanWriterKind = {
  name: 'memory',
  options: memoryWriterOptions,
  async create(values) {
    return storageWriter('memory', new MemoryStorage({ maxTraces: values.memoryMaxTraces as number }));
  },
};
