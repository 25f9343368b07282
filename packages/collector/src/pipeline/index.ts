export { createPipeline, transcodePlanOf, type Pipeline, type PipelineConfig, type PipelineOutput, type PipelineRejection } from './pipeline.js';
export type { RejectReason, SanitizeFix } from './reasons.js';
export { parseCollectorTags } from './enrich.js';
export { resolveTenant, type TenancyConfig } from './tenancy.js';
export { DEFAULT_MIN_START_MICROS, type TimeWindow } from './validate.js';
export type { SpanLimits } from './limits.js';
export { estimateSpanBytes } from '@skein/model';
export { EMPTY_SERVICE_NAME, EMPTY_SPAN_NAME, NULL_PROCESS_SERVICE_NAME, repairUtf8 } from './sanitize.js';
