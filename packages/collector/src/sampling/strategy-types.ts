/**
 * The sampling strategy a client receives, shaped like Jaeger's `jaeger.api_v2.SamplingStrategyResponse`
 * (proto/api_v2/sampling.proto) so that the JSON, protobuf and Thrift-JSON renderings all fall out of one value.
 */
export type SamplingStrategyType = 'PROBABILISTIC' | 'RATE_LIMITING';

/** Enum numbers of `SamplingStrategyType` on the wire (protobuf and the legacy Thrift 0.9.2 JSON). */
export const SAMPLING_STRATEGY_TYPE_NUMBER: Readonly<Record<SamplingStrategyType, number>> = {
  PROBABILISTIC: 0,
  RATE_LIMITING: 1,
};

export interface ProbabilisticSampling {
  /** 0..1 */
  samplingRate: number;
}

export interface RateLimitingSampling {
  /** int32 on the wire. */
  maxTracesPerSecond: number;
}

export interface OperationSamplingStrategy {
  operation: string;
  probabilisticSampling: ProbabilisticSampling;
}

export interface PerOperationSampling {
  defaultSamplingProbability: number;
  defaultLowerBoundTracesPerSecond: number;
  perOperationStrategies: OperationSamplingStrategy[];
  defaultUpperBoundTracesPerSecond: number;
}

export interface SamplingStrategyResponse {
  strategyType: SamplingStrategyType;
  probabilisticSampling?: ProbabilisticSampling;
  rateLimitingSampling?: RateLimitingSampling;
  operationSampling?: PerOperationSampling;
}

/** Jaeger's sampling probability when no strategies file (or no default strategy in it) says otherwise. */
export const DEFAULT_SAMPLING_PROBABILITY = 0.001;

export function probabilisticStrategy(samplingRate: number): SamplingStrategyResponse {
  return { strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate } };
}

export function rateLimitingStrategy(maxTracesPerSecond: number): SamplingStrategyResponse {
  return { strategyType: 'RATE_LIMITING', rateLimitingSampling: { maxTracesPerSecond } };
}
