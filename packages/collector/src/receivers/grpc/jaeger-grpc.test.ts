import { afterEach, describe, expect, it } from '@jest/globals';
import { status as Status } from '@grpc/grpc-js';
import { encodePostSpansRequest } from '@skein/codecs';
import { buildStrategyTable } from '../../sampling/build-strategies.js';
import { decodeSamplingStrategyResponse, encodeSamplingParameters } from '../../sampling/sampling-proto.js';
import { parseStrategiesFile } from '../../sampling/strategies-file.js';
import { StaticStrategyStore, type StrategyStore } from '../../sampling/strategy-store.js';
import { OverloadedError } from '../../ingest/span-ingest.js';
import { decodeHealthCheckResponse } from './health-proto.js';
import { RawGrpcClient } from './grpc-client.js';
import { DEFAULT_GRPC_MAX_MESSAGE_SIZE } from './options.js';
import { createJaegerGrpcReceiver } from './receivers.js';
import { rawClientDefinitions } from './service-definitions.js';
import { counterValue, RecordingIngest, silentLogger, testMetrics, testSpan, testSpans } from './test-support.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const strategies = new StaticStrategyStore(
  buildStrategyTable(
    parseStrategiesFile(
      JSON.stringify({
        default_strategy: { type: 'probabilistic', param: 0.2 },
        service_strategies: [{ service: 'limited', type: 'ratelimiting', param: 7, operation_strategies: [{ operation: 'GET /', type: 'probabilistic', param: 0.5 }] }],
      }),
      'test',
    ).file,
    0.001,
  ),
);

async function startReceiver(store: StrategyStore | null = strategies, maxMessageSize = DEFAULT_GRPC_MAX_MESSAGE_SIZE) {
  const ingest = new RecordingIngest();
  const { metrics } = testMetrics();
  const receiver = createJaegerGrpcReceiver(
    { ingest, metrics, logger: silentLogger, ...(store ? { strategies: store } : {}) },
    { hostPort: { host: '127.0.0.1', port: 0 }, maxMessageSize, tlsEnabled: false, tlsCert: '', tlsKey: '', tlsClientCa: '' },
  );
  await receiver.start();
  cleanups.push(() => receiver.stop());
  const address = `127.0.0.1:${receiver.address()!.port}`;
  const client = (definition: keyof typeof rawClientDefinitions) => {
    const c = new RawGrpcClient(rawClientDefinitions[definition], address);
    cleanups.push(() => c.close());
    return c;
  };
  return { ingest, metrics, receiver, address, client };
}

describe('Jaeger gRPC CollectorService/PostSpans (14250)', () => {
  it('takes spans encoded with Jaeger proto and hands them over unchanged', async () => {
    const { client, ingest, metrics } = await startReceiver();
    const frontend = { serviceName: 'frontend', tags: [{ key: 'ip', type: 'string' as const, value: '10.0.0.1' }] };
    const spans = [...testSpans(3), testSpan({ spanId: '00000000000000ff', process: frontend })];
    const { response, error } = await client('jaegerCollectorService').call('PostSpans', encodePostSpansRequest(spans));
    expect(error).toBeUndefined();
    expect(response!.length).toBe(0);
    const received = ingest.batches.flatMap((b) => b.batch.spans);
    expect(received).toEqual(spans);
    expect(ingest.batches[0]?.context).toEqual({ receiver: 'jaeger-grpc', format: 'jaeger.proto.batch' });
    expect(await counterValue(metrics.spansReceived, { receiver: 'jaeger-grpc', format: 'jaeger.proto.batch' })).toBe(0); // the ingest's to count
  });

  it.each([
    ['random bytes', Uint8Array.from([0xde, 0xad, 0xbe, 0xef, 0xff, 0xff])],
    ['a truncated request', encodePostSpansRequest(testSpans(2)).subarray(0, 50)],
  ])('%s → INVALID_ARGUMENT naming the format; the server keeps serving', async (_name, payload) => {
    const { client, ingest, metrics } = await startReceiver();
    const { error } = await client('jaegerCollectorService').call('PostSpans', payload);
    expect(error?.code).toBe(Status.INVALID_ARGUMENT);
    expect(error?.details).toMatch(/^jaeger\.proto\.batch: /);
    expect(await counterValue(metrics.requestsRejected, { receiver: 'jaeger-grpc', reason: 'malformed' })).toBe(1);
    expect((await client('jaegerCollectorService').call('PostSpans', encodePostSpansRequest(testSpans(1)))).error).toBeUndefined();
    expect(ingest.spanCount()).toBe(1);
  });

  it('a request none of whose spans is valid → INVALID_ARGUMENT naming why (PostSpans has no partial success)', async () => {
    const { client, metrics } = await startReceiver();
    const invalid = [testSpan({ traceId: '0'.repeat(32) }), testSpan({ spanId: '0'.repeat(16) })];
    const { error } = await client('jaegerCollectorService').call('PostSpans', encodePostSpansRequest(invalid));
    expect(error?.code).toBe(Status.INVALID_ARGUMENT);
    expect(error?.details).toMatch(/^2 span\(s\) rejected: /);
    expect(await counterValue(metrics.requestsRejected, { receiver: 'jaeger-grpc', reason: 'all-spans-rejected' })).toBe(1);
    // One valid span among them: OK, as Jaeger answers a partly accepted batch.
    const mixed = await client('jaegerCollectorService').call('PostSpans', encodePostSpansRequest([...invalid, testSpan({ spanId: '00000000000000aa' })]));
    expect(mixed.error).toBeUndefined();
  });

  it('overload → RESOURCE_EXHAUSTED; oversized → RESOURCE_EXHAUSTED', async () => {
    const { client, ingest } = await startReceiver(strategies, 2048);
    expect((await client('jaegerCollectorService').call('PostSpans', encodePostSpansRequest(testSpans(50)))).error?.code).toBe(Status.RESOURCE_EXHAUSTED);
    ingest.failWith = new OverloadedError('full', 1);
    const { error } = await client('jaegerCollectorService').call('PostSpans', encodePostSpansRequest(testSpans(1)));
    expect(error?.code).toBe(Status.RESOURCE_EXHAUSTED);
    expect(error?.details).toContain('collector overloaded: full');
  });
});

describe('Jaeger gRPC SamplingManager/GetSamplingStrategy (14250)', () => {
  it('answers the strategy of the service, and the default for others', async () => {
    const { client } = await startReceiver();
    const sampling = client('samplingManagerService');
    const limited = await sampling.call('GetSamplingStrategy', encodeSamplingParameters({ serviceName: 'limited' }));
    expect(decodeSamplingStrategyResponse(limited.response!)).toEqual(strategies.getStrategy('limited'));
    expect(decodeSamplingStrategyResponse(limited.response!)).toMatchObject({ strategyType: 'RATE_LIMITING', rateLimitingSampling: { maxTracesPerSecond: 7 } });
    const other = await sampling.call('GetSamplingStrategy', encodeSamplingParameters({ serviceName: 'other' }));
    expect(decodeSamplingStrategyResponse(other.response!)).toEqual({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.2 } });
    const empty = await sampling.call('GetSamplingStrategy', new Uint8Array());
    expect(decodeSamplingStrategyResponse(empty.response!).probabilisticSampling).toEqual({ samplingRate: 0.2 });
  });

  it('garbage parameters → INVALID_ARGUMENT, server still serving', async () => {
    const { client } = await startReceiver();
    const sampling = client('samplingManagerService');
    const { error } = await sampling.call('GetSamplingStrategy', Uint8Array.from([0x0a, 0x7f, 0x01]));
    expect(error?.code).toBe(Status.INVALID_ARGUMENT);
    expect(error?.details).toMatch(/^jaeger\.api_v2\.SamplingStrategyParameters: length 127 exceeds/);
    expect((await sampling.call('GetSamplingStrategy', encodeSamplingParameters({ serviceName: 'x' }))).error).toBeUndefined();
  });

  it('without a strategy store SamplingManager is UNIMPLEMENTED', async () => {
    const { client } = await startReceiver(null);
    const { error } = await client('samplingManagerService').call('GetSamplingStrategy', encodeSamplingParameters({ serviceName: 'x' }));
    expect(error?.code).toBe(Status.UNIMPLEMENTED);
  });
});

describe('gRPC health service', () => {
  it('SERVING for the server and its services, NOT_FOUND for others', async () => {
    const { client } = await startReceiver();
    const health = client('healthService');
    const check = async (service: string) => health.call('Check', service ? Uint8Array.from([0x0a, service.length, ...Buffer.from(service)]) : new Uint8Array());
    expect(decodeHealthCheckResponse((await check('')).response!)).toBe('SERVING');
    expect(decodeHealthCheckResponse((await check('jaeger.api_v2.CollectorService')).response!)).toBe('SERVING');
    expect(decodeHealthCheckResponse((await check('jaeger.api_v2.SamplingManager')).response!)).toBe('SERVING');
    expect((await check('nope.Service')).error?.code).toBe(Status.NOT_FOUND);
  });
});

describe('gRPC receiver start', () => {
  it('fails with the address when the port is taken', async () => {
    const { receiver } = await startReceiver();
    const port = receiver.address()!.port;
    const second = createJaegerGrpcReceiver(
      { ingest: new RecordingIngest(), metrics: testMetrics().metrics, logger: silentLogger },
      { hostPort: { host: '127.0.0.1', port }, maxMessageSize: 1024, tlsEnabled: false, tlsCert: '', tlsKey: '', tlsClientCa: '' },
    );
    await expect(second.start()).rejects.toThrow(`jaeger-grpc: cannot listen on 127.0.0.1:${port}`);
  });

  it('TLS enabled without cert and key fails naming the flags', async () => {
    const receiver = createJaegerGrpcReceiver(
      { ingest: new RecordingIngest(), metrics: testMetrics().metrics, logger: silentLogger },
      { hostPort: { host: '127.0.0.1', port: 0 }, maxMessageSize: 1024, tlsEnabled: true, tlsCert: '', tlsKey: '', tlsClientCa: '' },
    );
    await expect(receiver.start()).rejects.toThrow('--collector.grpc.tls.enabled is set, so --collector.grpc.tls.cert and --collector.grpc.tls.key are required');
  });
});
