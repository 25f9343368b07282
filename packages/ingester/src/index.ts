export { startIngester, type IngesterDeps, type IngesterHandle } from './ingester.js';
export {
  ingesterOptions,
  ingesterCoreOptions,
  kafkaValuesOf,
  storageValuesOf,
  INGESTER_ADMIN_PORT,
  type IngesterConfig,
} from './options.js';
export { openIngesterStorage } from './storage.js';
export { IngesterMetrics } from './metrics.js';
export { createBatchWriter, type BatchWriterOptions } from './batch-writer.js';
export { DependencyTracker, type DependencyTrackerOptions } from './dependencies/dependency-tracker.js';
export { PartitionDependencyWindow, type ObservedCall, type WindowLimits, type WindowSpan } from './dependencies/partition-window.js';
export { CallBuckets, type BucketSnapshot, type CallBucketsOptions } from './dependencies/call-buckets.js';
