import { option } from '@skein/runtime';
import { openSqliteStorage } from '@skein/storage-sqlite';
import type { SpanWriterKind } from './managed-writer.js';

export const sqliteWriterOptions = {
  sqlitePath: option({
    flag: 'sqlite.path',
    description: 'SQLite database file the spans are written to (SPAN_STORAGE_TYPE=sqlite); one writing process per file',
    parse: (raw) => {
      if (raw.trim() === '') throw new Error('a file path is required');
      return raw.trim();
    },
    defaultValue: './skein-data/skein.sqlite',
    valueName: '<path>',
  }),
};

export const sqliteWriterKind: SpanWriterKind = {
  name: 'sqlite',
  options: sqliteWriterOptions,
  async create(values) {
    const storage = openSqliteStorage({ path: values.sqlitePath as string });
    const reader = storage.createSpanReader();
    return {
      backend: 'sqlite',
      writer: storage.createSpanWriter(),
      checkReady: async () => {
        await reader.getServices();
      },
      close: () => storage.close(),
    };
  },
};
