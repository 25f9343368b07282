import type { ServiceStrategySpec, StrategiesFile, StrategySpec } from './strategies-file.js';
import {
  probabilisticStrategy,
  rateLimitingStrategy,
  type OperationSamplingStrategy,
  type PerOperationSampling,
  type SamplingStrategyResponse,
} from './strategy-types.js';

/** What a store answers from: one strategy per configured service, and the default for every other service. */
export interface StrategyTable {
  readonly defaultStrategy: SamplingStrategyResponse;
  readonly serviceStrategies: ReadonlyMap<string, SamplingStrategyResponse>;
}

/** The table with no strategies file: every service gets probabilistic `defaultProbability`. */
export function defaultStrategyTable(defaultProbability: number): StrategyTable {
  return freezeTable({ defaultStrategy: probabilisticStrategy(defaultProbability), serviceStrategies: new Map() });
}

function toResponse(spec: StrategySpec, defaultProbability: number): SamplingStrategyResponse {
  switch (spec.kind) {
    case 'probabilistic':
      return probabilisticStrategy(spec.param);
    case 'ratelimiting':
      return rateLimitingStrategy(spec.param);
    case 'unknown':
      return probabilisticStrategy(defaultProbability);
  }
}

function toServiceResponse(spec: ServiceStrategySpec, defaultProbability: number): SamplingStrategyResponse {
  const response = toResponse(spec, defaultProbability);
  if (spec.operationStrategies.length === 0) return response;
  const perOperationStrategies: OperationSamplingStrategy[] = [];
  for (const op of spec.operationStrategies) {
    // Operation strategies can only be probabilistic; Jaeger skips rate-limiting ones (the parser warned).
    if (op.kind === 'ratelimiting') continue;
    perOperationStrategies.push({ operation: op.operation, probabilisticSampling: { samplingRate: toResponse(op, defaultProbability).probabilisticSampling!.samplingRate } });
  }
  response.operationSampling = {
    defaultSamplingProbability: response.probabilisticSampling?.samplingRate ?? defaultProbability,
    defaultLowerBoundTracesPerSecond: 0,
    perOperationStrategies,
    defaultUpperBoundTracesPerSecond: 0,
  };
  return response;
}

/**
 * Applies Jaeger's rules for the file-based provider (after jaeger#5270, which made them unconditional):
 * - a service without its own operation strategies inherits the default strategy's, with the service's own
 *   probability as `defaultSamplingProbability` when the service is probabilistic;
 * - a service with its own operation strategies gets the default's appended for operations it does not list;
 * - `defaultSamplingProbability` of a rate-limiting strategy's operation sampling is `defaultProbability`.
 */
export function buildStrategyTable(file: StrategiesFile | null, defaultProbability: number): StrategyTable {
  if (file === null) return defaultStrategyTable(defaultProbability);
  const defaultStrategy = file.defaultStrategy ? toServiceResponse(file.defaultStrategy, defaultProbability) : probabilisticStrategy(defaultProbability);
  const defaultOps = defaultStrategy.operationSampling;
  const serviceStrategies = new Map<string, SamplingStrategyResponse>();
  for (const spec of file.serviceStrategies) {
    const response = toServiceResponse(spec, defaultProbability);
    if (defaultOps) response.operationSampling = mergeOperations(response, defaultOps);
    serviceStrategies.set(spec.service, response);
  }
  return freezeTable({ defaultStrategy, serviceStrategies });
}

function mergeOperations(service: SamplingStrategyResponse, defaults: PerOperationSampling): PerOperationSampling {
  const own = service.operationSampling;
  if (!own) {
    return {
      ...defaults,
      defaultSamplingProbability: service.probabilisticSampling?.samplingRate ?? defaults.defaultSamplingProbability,
      perOperationStrategies: [...defaults.perOperationStrategies],
    };
  }
  const listed = new Set(own.perOperationStrategies.map((op) => op.operation));
  return { ...own, perOperationStrategies: [...own.perOperationStrategies, ...defaults.perOperationStrategies.filter((op) => !listed.has(op.operation))] };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Strategies are shared by every request; freezing them keeps one caller from changing another's answer. */
function freezeTable(table: StrategyTable): StrategyTable {
  deepFreeze(table.defaultStrategy);
  for (const strategy of table.serviceStrategies.values()) deepFreeze(strategy);
  return Object.freeze(table);
}
