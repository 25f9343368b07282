import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MemoryStorage, type StorageFactory } from '@skein/storage';
import { openSqliteStorage } from '@skein/storage-sqlite';

export interface StorageContext {
  /** `--data-dir` / `SKEIN_DATA_DIR`: where embedded stores keep their files. */
  dataDir: string;
}

type StorageOpener = (context: StorageContext) => Promise<StorageFactory>;

/** File name of the embedded store inside the data directory. */
export const SQLITE_FILE_NAME = 'skein.sqlite';

/**
 * Every `SPAN_STORAGE_TYPE` Skein knows. Adding a backend is one line here; the ones marked "not built yet" are
 * being written in their own packages and will replace their line.
 */
export const STORAGE_BACKENDS: Readonly<Record<string, StorageOpener>> = {
  memory: async () => new MemoryStorage(),
  sqlite: async ({ dataDir }) => {
    mkdirSync(resolve(dataDir), { recursive: true });
    return openSqliteStorage({ path: join(resolve(dataDir), SQLITE_FILE_NAME) });
  },
  elasticsearch: notBuiltYet('elasticsearch'),
  opensearch: notBuiltYet('opensearch'),
  cassandra: notBuiltYet('cassandra'),
};

export const STORAGE_TYPES = Object.keys(STORAGE_BACKENDS);

/** Opens the backend `type` names. */
export async function openStorage(type: string, context: StorageContext): Promise<StorageFactory> {
  const open = Object.hasOwn(STORAGE_BACKENDS, type) ? STORAGE_BACKENDS[type] : undefined;
  if (open === undefined) throw new Error(`unknown SPAN_STORAGE_TYPE "${type}" (one of ${STORAGE_TYPES.join(', ')})`);
  return open(context);
}

function notBuiltYet(type: string): StorageOpener {
  return async () => {
    throw new Error(`SPAN_STORAGE_TYPE=${type} is not available in this build yet (use memory or sqlite)`);
  };
}
