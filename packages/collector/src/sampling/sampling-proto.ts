import { protoReader, ProtoWriter, WireType, type ProtoReader } from '@skein/codecs';
import {
  SAMPLING_STRATEGY_TYPE_NUMBER,
  type OperationSamplingStrategy,
  type PerOperationSampling,
  type SamplingStrategyResponse,
} from './strategy-types.js';

// Field numbers of jaeger-idl proto/api_v2/sampling.proto.
const ParametersField = { serviceName: 1 } as const;
const ResponseField = { strategyType: 1, probabilisticSampling: 2, rateLimitingSampling: 3, operationSampling: 4 } as const;
const ProbabilisticField = { samplingRate: 1 } as const;
const RateLimitingField = { maxTracesPerSecond: 1 } as const;
const OperationField = { operation: 1, probabilisticSampling: 2 } as const;
const PerOperationField = {
  defaultSamplingProbability: 1,
  defaultLowerBoundTracesPerSecond: 2,
  perOperationStrategies: 3,
  defaultUpperBoundTracesPerSecond: 4,
} as const;

export const SAMPLING_PARAMETERS_FORMAT = 'jaeger.api_v2.SamplingStrategyParameters';
export const SAMPLING_RESPONSE_FORMAT = 'jaeger.api_v2.SamplingStrategyResponse';

/** `SamplingStrategyParameters` → the service name. Throws DecodeError on malformed bytes. */
export function decodeSamplingParameters(bytes: Uint8Array): { serviceName: string } {
  const r = protoReader(bytes, SAMPLING_PARAMETERS_FORMAT);
  let serviceName = '';
  while (r.more()) {
    const tag = r.tag();
    if (tag >>> 3 === ParametersField.serviceName) {
      r.expect(tag, WireType.LENGTH_DELIMITED);
      serviceName = r.string();
    } else r.skip(tag & 7);
  }
  return { serviceName };
}

export function encodeSamplingParameters(params: { serviceName: string }): Uint8Array {
  const w = new ProtoWriter(64);
  if (params.serviceName) w.stringField(ParametersField.serviceName, params.serviceName);
  return w.finish();
}

// proto3 leaves zero scalars out; present sub-messages are written even when empty.
function doubleField(w: ProtoWriter, field: number, value: number): void {
  if (value !== 0) w.tag(field, WireType.FIXED64).double(value);
}

function writeProbabilistic(w: ProtoWriter, field: number, samplingRate: number): void {
  w.messageField(field);
  doubleField(w, ProbabilisticField.samplingRate, samplingRate);
  w.ldelim();
}

export function encodeSamplingStrategyResponse(strategy: SamplingStrategyResponse): Uint8Array {
  const w = new ProtoWriter(256);
  const type = SAMPLING_STRATEGY_TYPE_NUMBER[strategy.strategyType];
  if (type !== 0) w.tag(ResponseField.strategyType, WireType.VARINT).int32(type);
  if (strategy.probabilisticSampling) writeProbabilistic(w, ResponseField.probabilisticSampling, strategy.probabilisticSampling.samplingRate);
  if (strategy.rateLimitingSampling) {
    w.messageField(ResponseField.rateLimitingSampling);
    const rate = strategy.rateLimitingSampling.maxTracesPerSecond;
    if (rate !== 0) w.tag(RateLimitingField.maxTracesPerSecond, WireType.VARINT).int32(rate);
    w.ldelim();
  }
  const ops = strategy.operationSampling;
  if (ops) {
    w.messageField(ResponseField.operationSampling);
    doubleField(w, PerOperationField.defaultSamplingProbability, ops.defaultSamplingProbability);
    doubleField(w, PerOperationField.defaultLowerBoundTracesPerSecond, ops.defaultLowerBoundTracesPerSecond);
    for (const op of ops.perOperationStrategies) {
      w.messageField(PerOperationField.perOperationStrategies);
      if (op.operation) w.stringField(OperationField.operation, op.operation);
      writeProbabilistic(w, OperationField.probabilisticSampling, op.probabilisticSampling.samplingRate);
      w.ldelim();
    }
    doubleField(w, PerOperationField.defaultUpperBoundTracesPerSecond, ops.defaultUpperBoundTracesPerSecond);
    w.ldelim();
  }
  return w.finish();
}

function readSamplingRate(r: ProtoReader): number {
  let rate = 0;
  while (r.more()) {
    const tag = r.tag();
    if (tag >>> 3 === ProbabilisticField.samplingRate && (tag & 7) === WireType.FIXED64) rate = r.double();
    else r.skip(tag & 7);
  }
  return rate;
}

function readOperation(r: ProtoReader): OperationSamplingStrategy {
  const op: OperationSamplingStrategy = { operation: '', probabilisticSampling: { samplingRate: 0 } };
  while (r.more()) {
    const tag = r.tag();
    const field = tag >>> 3;
    if (field === OperationField.operation && (tag & 7) === WireType.LENGTH_DELIMITED) op.operation = r.string();
    else if (field === OperationField.probabilisticSampling && (tag & 7) === WireType.LENGTH_DELIMITED) op.probabilisticSampling = { samplingRate: readSamplingRate(r.message()) };
    else r.skip(tag & 7);
  }
  return op;
}

function readPerOperation(r: ProtoReader): PerOperationSampling {
  const ops: PerOperationSampling = { defaultSamplingProbability: 0, defaultLowerBoundTracesPerSecond: 0, perOperationStrategies: [], defaultUpperBoundTracesPerSecond: 0 };
  while (r.more()) {
    const tag = r.tag();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case PerOperationField.defaultSamplingProbability:
        if (wire === WireType.FIXED64) ops.defaultSamplingProbability = r.double();
        else r.skip(wire);
        break;
      case PerOperationField.defaultLowerBoundTracesPerSecond:
        if (wire === WireType.FIXED64) ops.defaultLowerBoundTracesPerSecond = r.double();
        else r.skip(wire);
        break;
      case PerOperationField.perOperationStrategies:
        r.expect(tag, WireType.LENGTH_DELIMITED);
        ops.perOperationStrategies.push(readOperation(r.message()));
        break;
      case PerOperationField.defaultUpperBoundTracesPerSecond:
        if (wire === WireType.FIXED64) ops.defaultUpperBoundTracesPerSecond = r.double();
        else r.skip(wire);
        break;
      default:
        r.skip(wire);
    }
  }
  return ops;
}

/** Decodes a `SamplingStrategyResponse` (the agent's sampling proxy and tests use it). */
export function decodeSamplingStrategyResponse(bytes: Uint8Array): SamplingStrategyResponse {
  const r = protoReader(bytes, SAMPLING_RESPONSE_FORMAT);
  const out: SamplingStrategyResponse = { strategyType: 'PROBABILISTIC' };
  while (r.more()) {
    const tag = r.tag();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case ResponseField.strategyType:
        r.expect(tag, WireType.VARINT);
        out.strategyType = r.int32() === SAMPLING_STRATEGY_TYPE_NUMBER.RATE_LIMITING ? 'RATE_LIMITING' : 'PROBABILISTIC';
        break;
      case ResponseField.probabilisticSampling:
        r.expect(tag, WireType.LENGTH_DELIMITED);
        out.probabilisticSampling = { samplingRate: readSamplingRate(r.message()) };
        break;
      case ResponseField.rateLimitingSampling: {
        r.expect(tag, WireType.LENGTH_DELIMITED);
        const sub = r.message();
        let rate = 0;
        while (sub.more()) {
          const inner = sub.tag();
          if (inner >>> 3 === RateLimitingField.maxTracesPerSecond && (inner & 7) === WireType.VARINT) rate = sub.int32();
          else sub.skip(inner & 7);
        }
        out.rateLimitingSampling = { maxTracesPerSecond: rate };
        break;
      }
      case ResponseField.operationSampling:
        r.expect(tag, WireType.LENGTH_DELIMITED);
        out.operationSampling = readPerOperation(r.message());
        break;
      default:
        r.skip(wire);
    }
  }
  return out;
}
