export {
  DEFAULT_SAMPLING_PROBABILITY,
  SAMPLING_STRATEGY_TYPE_NUMBER,
  probabilisticStrategy,
  rateLimitingStrategy,
  type SamplingStrategyType,
  type SamplingStrategyResponse,
  type ProbabilisticSampling,
  type RateLimitingSampling,
  type OperationSamplingStrategy,
  type PerOperationSampling,
} from './strategy-types.js';
export { parseStrategiesFile, StrategiesFileError, type StrategiesFile, type ParsedStrategiesFile } from './strategies-file.js';
export { buildStrategyTable, defaultStrategyTable, type StrategyTable } from './build-strategies.js';
export { FileStrategyStore, StaticStrategyStore, type StrategyStore, type StrategySource, type FileStrategyStoreOptions, type ReloadOutcome } from './strategy-store.js';
export { samplingStrategyToJson, samplingStrategyToLegacyJson } from './sampling-json.js';
export {
  encodeSamplingStrategyResponse,
  decodeSamplingStrategyResponse,
  encodeSamplingParameters,
  decodeSamplingParameters,
} from './sampling-proto.js';
export { registerSamplingRoutes, SERVICE_PARAMETER_MESSAGE, type SamplingRoutesOptions } from './sampling-routes.js';
export { createSamplingHttpServer, type SamplingHttpServerOptions } from './sampling-http-server.js';
export { samplingOptions } from './options.js';
