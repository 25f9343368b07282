import { SAMPLING_STRATEGY_TYPE_NUMBER, type PerOperationSampling, type SamplingStrategyResponse } from './strategy-types.js';

/**
 * Jaeger's proto-JSON rendering (`/sampling` on 5778, `/api/sampling` on 14268): jsonpb with defaults emitted
 * and then the null strategy fields removed, so keys come in proto field order, `strategyType` is the enum name
 * and nested messages carry all their fields, e.g.
 * `{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.001}}`.
 */
export function samplingStrategyToJson(strategy: SamplingStrategyResponse): string {
  return JSON.stringify(orderedFields(strategy, strategy.strategyType, true));
}

/**
 * The legacy `GET /?service=` rendering for Thrift 0.9.2 clients: the Thrift JSON form with `strategyType` as
 * its enum number, e.g. `{"strategyType":0,"probabilisticSampling":{"samplingRate":0.5}}`.
 */
export function samplingStrategyToLegacyJson(strategy: SamplingStrategyResponse): string {
  return JSON.stringify(orderedFields(strategy, SAMPLING_STRATEGY_TYPE_NUMBER[strategy.strategyType], false));
}

function orderedFields(strategy: SamplingStrategyResponse, strategyType: string | number, emitZeroUpperBound: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { strategyType };
  if (strategy.probabilisticSampling) out.probabilisticSampling = { samplingRate: strategy.probabilisticSampling.samplingRate };
  if (strategy.rateLimitingSampling) out.rateLimitingSampling = { maxTracesPerSecond: strategy.rateLimitingSampling.maxTracesPerSecond };
  if (strategy.operationSampling) out.operationSampling = operationFields(strategy.operationSampling, emitZeroUpperBound);
  return out;
}

function operationFields(ops: PerOperationSampling, emitZeroUpperBound: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    defaultSamplingProbability: ops.defaultSamplingProbability,
    defaultLowerBoundTracesPerSecond: ops.defaultLowerBoundTracesPerSecond,
    perOperationStrategies: ops.perOperationStrategies.map((op) => ({
      operation: op.operation,
      probabilisticSampling: { samplingRate: op.probabilisticSampling.samplingRate },
    })),
  };
  // Optional in the Thrift IDL (omitted when unset), always present in proto-JSON with defaults emitted.
  if (emitZeroUpperBound || ops.defaultUpperBoundTracesPerSecond !== 0) out.defaultUpperBoundTracesPerSecond = ops.defaultUpperBoundTracesPerSecond;
  return out;
}
