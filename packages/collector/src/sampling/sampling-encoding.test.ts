import { describe, expect, it } from '@jest/globals';
import { DecodeError } from '@skein/codecs';
import { samplingStrategyToJson, samplingStrategyToLegacyJson } from './sampling-json.js';
import { decodeSamplingParameters, decodeSamplingStrategyResponse, encodeSamplingParameters, encodeSamplingStrategyResponse } from './sampling-proto.js';
import { probabilisticStrategy, rateLimitingStrategy, type SamplingStrategyResponse } from './strategy-types.js';

const withOperations: SamplingStrategyResponse = {
  ...rateLimitingStrategy(5),
  operationSampling: {
    defaultSamplingProbability: 0.001,
    defaultLowerBoundTracesPerSecond: 0,
    perOperationStrategies: [{ operation: 'charge', probabilisticSampling: { samplingRate: 0.3 } }],
    defaultUpperBoundTracesPerSecond: 0,
  },
};

describe('sampling strategy JSON (as Jaeger renders it)', () => {
  it('proto-JSON: enum names, proto field order, nested defaults emitted, absent strategies left out', () => {
    expect(samplingStrategyToJson(probabilisticStrategy(0.001))).toBe('{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.001}}');
    expect(samplingStrategyToJson(rateLimitingStrategy(0))).toBe('{"strategyType":"RATE_LIMITING","rateLimitingSampling":{"maxTracesPerSecond":0}}');
    expect(samplingStrategyToJson(withOperations)).toBe(
      '{"strategyType":"RATE_LIMITING","rateLimitingSampling":{"maxTracesPerSecond":5},"operationSampling":{"defaultSamplingProbability":0.001,' +
        '"defaultLowerBoundTracesPerSecond":0,"perOperationStrategies":[{"operation":"charge","probabilisticSampling":{"samplingRate":0.3}}],' +
        '"defaultUpperBoundTracesPerSecond":0}}',
    );
  });

  it('legacy Thrift-JSON: numeric strategyType, optional upper bound omitted when unset', () => {
    expect(samplingStrategyToLegacyJson(probabilisticStrategy(0.5))).toBe('{"strategyType":0,"probabilisticSampling":{"samplingRate":0.5}}');
    expect(samplingStrategyToLegacyJson(withOperations)).toBe(
      '{"strategyType":1,"rateLimitingSampling":{"maxTracesPerSecond":5},"operationSampling":{"defaultSamplingProbability":0.001,' +
        '"defaultLowerBoundTracesPerSecond":0,"perOperationStrategies":[{"operation":"charge","probabilisticSampling":{"samplingRate":0.3}}]}}',
    );
  });
});

describe('sampling protobuf (jaeger.api_v2 sampling.proto)', () => {
  it('encodes the wire bytes proto3 expects', () => {
    // strategyType RATE_LIMITING (field 1 varint 1), rateLimitingSampling (field 2... 3) { maxTracesPerSecond (1) = 5 }
    expect([...encodeSamplingStrategyResponse(rateLimitingStrategy(5))]).toEqual([0x08, 0x01, 0x1a, 0x02, 0x08, 0x05]);
    // PROBABILISTIC is 0, so absent; probabilisticSampling (field 2) { samplingRate (1) = double 0.5 }
    expect([...encodeSamplingStrategyResponse(probabilisticStrategy(0.5))]).toEqual([0x12, 0x09, 0x09, 0, 0, 0, 0, 0, 0, 0xe0, 0x3f]);
    expect([...encodeSamplingParameters({ serviceName: 'ab' })]).toEqual([0x0a, 0x02, 0x61, 0x62]);
  });

  it('round-trips every field', () => {
    const full: SamplingStrategyResponse = {
      strategyType: 'PROBABILISTIC',
      probabilisticSampling: { samplingRate: 0.25 },
      operationSampling: {
        defaultSamplingProbability: 0.25,
        defaultLowerBoundTracesPerSecond: 0.5,
        perOperationStrategies: [
          { operation: 'GET /a', probabilisticSampling: { samplingRate: 1 } },
          { operation: 'ø-unicode', probabilisticSampling: { samplingRate: 0 } },
        ],
        defaultUpperBoundTracesPerSecond: 100,
      },
    };
    expect(decodeSamplingStrategyResponse(encodeSamplingStrategyResponse(full))).toEqual(full);
    expect(decodeSamplingStrategyResponse(encodeSamplingStrategyResponse(withOperations))).toEqual(withOperations);
    expect(decodeSamplingParameters(encodeSamplingParameters({ serviceName: 'frontend' }))).toEqual({ serviceName: 'frontend' });
    expect(decodeSamplingParameters(new Uint8Array())).toEqual({ serviceName: '' });
  });

  it('malformed parameters are a DecodeError naming the message type', () => {
    expect(() => decodeSamplingParameters(Uint8Array.of(0x0a, 0x10, 0x61))).toThrow(DecodeError);
    expect(() => decodeSamplingParameters(Uint8Array.of(0x0a, 0x10, 0x61))).toThrow(/^jaeger\.api_v2\.SamplingStrategyParameters: length 16 exceeds/);
    expect(() => decodeSamplingParameters(Uint8Array.of(0x08, 0x01))).toThrow(/wire type 0, expected 2/);
  });
});
