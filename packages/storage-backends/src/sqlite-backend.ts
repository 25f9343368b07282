import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { option, parseDurationMs, parseInteger } from '@skein/runtime';
import { openSqliteStorage } from '@skein/storage-sqlite';
import type { StorageBackend } from './backend.js';

/** The database file inside `--data-dir`. */
export const SQLITE_FILE_NAME = 'skein.sqlite';

/** The archive's file beside it: traces kept with `POST /api/archive/{id}`, outside retention. */
export const SQLITE_ARCHIVE_FILE_NAME = 'skein-archive.sqlite';

export const sqliteOptions = {
  dataDir: option({
    flag: 'data-dir',
    env: 'SKEIN_DATA_DIR',
    description: `directory of the embedded store (SPAN_STORAGE_TYPE=sqlite; the file is ${SQLITE_FILE_NAME}, one writing process per file)`,
    parse: (raw: string) => {
      if (raw.trim() === '') throw new Error('a directory is required');
      return raw.trim();
    },
    defaultValue: './skein-data',
    valueName: '<dir>',
  }),
  sqliteMaxSpanAge: option({
    flag: 'sqlite.max-span-age',
    description: 'delete spans older than this (Go duration, e.g. 72h); 0 keeps them',
    parse: parseDurationMs,
    defaultValue: 0,
    valueName: '<duration>',
  }),
  sqliteMaxSizeMiB: option({
    flag: 'sqlite.max-size-mib',
    description: 'delete the least recently written spans while the store exceeds this many MiB; 0 means no limit',
    parse: parseInteger(0, 16 * 1024 * 1024),
    defaultValue: 0,
    valueName: '<MiB>',
  }),
};

export const sqliteBackend: StorageBackend = {
  name: 'sqlite',
  summary: 'the embedded store: one SQLite file in --data-dir',
  options: sqliteOptions,
  async open(values) {
    const dir = resolve(values['dataDir'] as string);
    mkdirSync(dir, { recursive: true });
    const maxAgeMs = values['sqliteMaxSpanAge'] as number;
    const maxSizeMiB = values['sqliteMaxSizeMiB'] as number;
    return openSqliteStorage({
      path: join(dir, SQLITE_FILE_NAME),
      archivePath: join(dir, SQLITE_ARCHIVE_FILE_NAME),
      retention: {
        ...(maxAgeMs > 0 ? { maxAgeMicros: Math.round(maxAgeMs * 1000) } : {}),
        ...(maxSizeMiB > 0 ? { maxBytes: maxSizeMiB * 1024 * 1024 } : {}),
      },
    });
  },
};
