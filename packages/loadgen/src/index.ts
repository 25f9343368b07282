export { loadgenOptions, loadgenConfigProblems, type LoadgenConfig } from './options.js';
export { runLoad, type LoadSettings, type LoadSummary, type LoadDeps } from './run-load.js';
export { TraceGenerator, type TraceShape, type GeneratedTrace, type TraceLogLine } from './trace-generator.js';
export { createTransport, DEFAULT_ENDPOINTS, PROTOCOLS, type Protocol, type Transport, type SendResult } from './transports.js';
export { ElasticsearchLogSink, StreamLogSink, ecsDocument, type LogSink } from './ecs-logs.js';
