import { openStorage } from '@skein/storage-backends';
import type { StorageFactory } from '@skein/storage';
import { storageValuesOf, type IngesterConfig } from './options.js';

/** Opens the backend named by `span-storage.type` with the storage options (`es.*`, `data-dir`, …). */
export function openIngesterStorage(config: IngesterConfig): Promise<StorageFactory> {
  return openStorage(config.spanStorageType, storageValuesOf(config));
}
