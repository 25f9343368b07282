import { option, parseInteger } from '@skein/runtime';
import { DEFAULT_MEMORY_MAX_TRACES, MemoryStorage } from '@skein/storage';
import type { StorageBackend } from './backend.js';

export const memoryOptions = {
  memoryMaxTraces: option({
    flag: 'memory.max-traces',
    description: 'traces the memory store keeps before evicting the least recently written (SPAN_STORAGE_TYPE=memory)',
    parse: parseInteger(1, 100_000_000),
    defaultValue: DEFAULT_MEMORY_MAX_TRACES,
    valueName: '<traces>',
  }),
};

export const memoryBackend: StorageBackend = {
  name: 'memory',
  summary: 'process memory, bounded; nothing survives a restart',
  options: memoryOptions,
  open: async (values) => new MemoryStorage({ maxTraces: values['memoryMaxTraces'] as number }),
};
