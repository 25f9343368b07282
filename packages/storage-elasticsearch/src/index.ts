export {
  type ElasticsearchConfig,
  type SearchEngineFlavor,
  type IndexRolloverFrequency,
  type TlsConfig,
  type BulkConfig,
  DEFAULT_BULK_CONFIG,
  defaultElasticsearchConfig,
} from './config.js';
export { elasticsearchOptions, elasticsearchConfigFromOptions, type ElasticsearchOptionValues } from './options.js';
export {
  elasticsearchArchiveOptions,
  archiveConfigFromOptions,
  type ElasticsearchArchiveOptionValues,
} from './archive-options.js';
export {
  createElasticsearchStorage,
  ElasticsearchStorage,
  type CreateElasticsearchStorageOptions,
} from './elasticsearch-storage.js';
export { createSearchTransport } from './client/create-transport.js';
export type { SearchTransport, SearchRequest, SearchResponse } from './client/transport.js';
export { SearchRequestError } from './client/errors.js';
export { BulkWriteError, type BulkFailure } from './bulk/bulk-errors.js';
export { classifyBulkItem, backoffDelayMs, isRetryableStatus, type BulkItemResult, type BulkItemOutcome } from './bulk/bulk-classification.js';
export { IndexNames, MAX_LISTED_INDICES, type IndexFamily } from './index-names.js';
export { indexTemplates, spanMappings, TEMPLATE_PRIORITY, type IndexTemplate } from './mappings.js';
export { toSpanDocument, fromSpanDocument, type SpanDocument, type TagDocument } from './span-document.js';
export { spanDocumentId } from './document-ids.js';
export {
  rolloverInit,
  rolloverRollover,
  rolloverLookback,
  DEFAULT_ROLLOVER_CONDITIONS,
  type RolloverSettings,
  type RolloverFamilyResult,
  type LookbackUnit,
} from './tools/rollover.js';
export { cleanIndices, type IndexCleanerOptions, type IndexCleanerResult } from './tools/index-cleaner.js';
export { renderIndexTemplates, templatesFor, type MappingsPrinterOptions } from './tools/mappings-printer.js';
export {
  traceLogOptions,
  traceLogConfigFromOptions,
  type TraceLogOptionValues,
  type TraceLogConfig,
  type TraceLogFields,
} from './logs/trace-log-options.js';
export { ElasticsearchTraceLogReader, traceIdSpellings, traceLogSearchBody } from './logs/es-trace-log-reader.js';
