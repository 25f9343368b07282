export { SqliteStorage, openSqliteStorage } from './sqlite-storage.js';
export type { SqliteStorageOptions } from './sqlite-storage.js';
export type { RetentionPolicy, SweepResult } from './retention.js';
export { SCHEMA_VERSION } from './schema.js';
export { planSpans, type PlannedBatch } from './span-plan.js';
