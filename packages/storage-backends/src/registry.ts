import { option, parseEnum, type Option } from '@skein/runtime';
import type { StorageFactory } from '@skein/storage';
import type { StorageBackend } from './backend.js';
import { cassandraBackend } from './cassandra-backend.js';
import { elasticsearchBackend, opensearchBackend } from './elasticsearch-backend.js';
import { memoryBackend } from './memory-backend.js';
import { sqliteBackend } from './sqlite-backend.js';

/** Every span store, by `SPAN_STORAGE_TYPE`. Adding a store is its package plus one line here. */
export const STORAGE_BACKENDS: ReadonlyMap<string, StorageBackend> = new Map(
  [memoryBackend, sqliteBackend, elasticsearchBackend, opensearchBackend, cassandraBackend].map((backend) => [backend.name, backend]),
);

export const STORAGE_TYPES: readonly string[] = [...STORAGE_BACKENDS.keys()];

/** Jaeger's `SPAN_STORAGE_TYPE`, limited to `allowed` (e.g. a collector also offers `kafka`). */
export function spanStorageTypeOption<const T extends string>(allowed: readonly T[], defaultValue: T): Option<T> {
  return option({
    flag: 'span-storage.type',
    env: 'SPAN_STORAGE_TYPE',
    description: `where spans are stored (${allowed.join(', ')})`,
    parse: parseEnum(allowed),
    defaultValue,
    valueName: '<type>',
  });
}

/**
 * The options of every store, for a command that can open any of them. Backends that share options (Elasticsearch and
 * OpenSearch share `es.*`) share the entries; two different options under one key would be a bug, so it throws.
 */
export function storageOptions(): Record<string, Option<unknown>> {
  const merged: Record<string, Option<unknown>> = {};
  for (const backend of STORAGE_BACKENDS.values()) {
    for (const [key, opt] of Object.entries(backend.options)) {
      const existing = merged[key];
      if (existing && existing !== opt) throw new Error(`storage option "${key}" is defined by two backends differently`);
      merged[key] = opt;
    }
  }
  return merged;
}

export function storageBackend(type: string): StorageBackend {
  const backend = STORAGE_BACKENDS.get(type);
  if (!backend) throw new Error(`unknown SPAN_STORAGE_TYPE "${type}" (one of ${STORAGE_TYPES.join(', ')})`);
  return backend;
}

/** Opens the store `type` names with the loaded option values of the command. */
export function openStorage(type: string, values: Readonly<Record<string, unknown>>): Promise<StorageFactory> {
  return storageBackend(type).open(values);
}
