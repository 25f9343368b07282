import { afterEach, describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { fastify } from 'fastify';
import type { Receiver } from '../receivers/receiver.js';
import { silentLogger } from '../receivers/grpc/test-support.js';
import { buildStrategyTable } from './build-strategies.js';
import { createSamplingHttpServer } from './sampling-http-server.js';
import { registerSamplingRoutes } from './sampling-routes.js';
import { parseStrategiesFile } from './strategies-file.js';
import { StaticStrategyStore } from './strategy-store.js';

const store = new StaticStrategyStore(
  buildStrategyTable(
    parseStrategiesFile(
      JSON.stringify({
        default_strategy: { type: 'probabilistic', param: 0.25 },
        service_strategies: [
          { service: 'limited', type: 'ratelimiting', param: 3 },
          { service: 'per-op', type: 'probabilistic', param: 0.5, operation_strategies: [{ operation: 'hot', type: 'probabilistic', param: 0.01 }] },
        ],
      }),
      'test',
    ).file,
    0.001,
  ),
);

let server: Receiver | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function startServer(): Promise<string> {
  server = createSamplingHttpServer({ hostPort: { host: '127.0.0.1', port: 0 }, store, logger: silentLogger });
  await server.start();
  return `http://127.0.0.1:${server.address()!.port}`;
}

describe('sampling HTTP server (5778)', () => {
  it('GET /sampling?service= answers proto-JSON', async () => {
    const base = await startServer();
    const response = await fetch(`${base}/sampling?service=limited`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.text()).toBe('{"strategyType":"RATE_LIMITING","rateLimitingSampling":{"maxTracesPerSecond":3}}');
    expect(await (await fetch(`${base}/sampling?service=someone-else`)).json()).toEqual({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.25 } });
  });

  it('legacy GET /?service= answers with the numeric strategyType', async () => {
    const base = await startServer();
    expect(await (await fetch(`${base}/?service=limited`)).text()).toBe('{"strategyType":1,"rateLimitingSampling":{"maxTracesPerSecond":3}}');
  });

  it.each([['/sampling'], ['/sampling?service=a&service=b'], ['/?other=x']])('%s without exactly one service is a 400 saying so', async (path) => {
    const base = await startServer();
    const response = await fetch(`${base}${path}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("'service' parameter must be provided once");
  });

  it('stops listening on stop()', async () => {
    const base = await startServer();
    await server!.stop();
    server = undefined;
    await expect(fetch(`${base}/sampling?service=a`)).rejects.toThrow();
  });

  it('start fails with the address when the port is taken', async () => {
    const base = await startServer();
    const port = Number(new URL(base).port);
    const second = createSamplingHttpServer({ hostPort: { host: '127.0.0.1', port }, store, logger: silentLogger });
    await expect(second.start()).rejects.toThrow(`sampling HTTP server cannot listen on 127.0.0.1:${port}`);
  });
});

describe('registerSamplingRoutes on another Fastify app (the collector’s 14268)', () => {
  it('adds GET /api/sampling and nothing at /', async () => {
    const app = fastify();
    registerSamplingRoutes(app, store);
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const ok = await fetch(`${base}/api/sampling?service=per-op`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({
        strategyType: 'PROBABILISTIC',
        probabilisticSampling: { samplingRate: 0.5 },
        operationSampling: {
          defaultSamplingProbability: 0.5,
          defaultLowerBoundTracesPerSecond: 0,
          perOperationStrategies: [{ operation: 'hot', probabilisticSampling: { samplingRate: 0.01 } }],
          defaultUpperBoundTracesPerSecond: 0,
        },
      });
      expect((await fetch(`${base}/api/sampling`)).status).toBe(400);
      expect((await fetch(`${base}/?service=a`)).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});

interface JaegerSampler {
  name(): string;
  close(callback?: () => void): void;
  samplingRate?: number;
  _maxTracesPerSecond?: number;
}
interface JaegerClient {
  RemoteSampler: new (
    serviceName: string,
    options: { hostPort: string; refreshInterval: number; logger: { info(m: string): void; error(m: string): void }; onSamplerUpdate: (sampler: JaegerSampler) => void },
  ) => JaegerSampler;
}
const jaegerClient = createRequire(import.meta.url)('jaeger-client') as JaegerClient;

function remoteSamplerUpdate(base: string, service: string): Promise<{ sampler: JaegerSampler; errors: string[] }> {
  const errors: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      remote.close();
      reject(new Error(`jaeger-client never updated its sampler; errors: ${errors.join(' | ')}`));
    }, 5_000);
    const remote = new jaegerClient.RemoteSampler(service, {
      hostPort: new URL(base).host,
      refreshInterval: 20,
      logger: { info: () => {}, error: (m) => errors.push(m) },
      onSamplerUpdate: (sampler) => {
        clearTimeout(timer);
        remote.close();
        resolve({ sampler, errors });
      },
    });
  });
}

describe('jaeger-client RemoteSampler against the 5778 server', () => {
  it('adopts the probabilistic, rate-limiting and per-operation strategies served', async () => {
    const base = await startServer();
    const probabilistic = await remoteSamplerUpdate(base, 'anyone');
    expect(probabilistic.errors).toEqual([]);
    expect(probabilistic.sampler.name()).toBe('ProbabilisticSampler');
    expect(probabilistic.sampler.samplingRate).toBe(0.25);

    const limited = await remoteSamplerUpdate(base, 'limited');
    expect(limited.sampler.name()).toBe('RateLimitingSampler');
    expect(limited.sampler._maxTracesPerSecond).toBe(3);

    const perOperation = await remoteSamplerUpdate(base, 'per-op');
    expect(perOperation.sampler.name()).toBe('PerOperationSampler');
  });
});
