/**
 * `skein collector` (the built binary) with every receiver on must exit 0 soon after SIGTERM, even with clients
 * still connected: a gRPC channel left open, a keep-alive HTTP connection, requests in flight, UDP datagrams queued.
 * Needs `npx turbo run build --filter=@skein/cli...` (like packages/cli's own tests of the binary).
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { encodeEmitBatch, encodeJaegerBatch, encodeOtlpProto } from '@skein/codecs';
import { RawGrpcClient } from './receivers/grpc/grpc-client.js';
import { rawClientDefinitions } from './receivers/grpc/service-definitions.js';
import { testSpan } from './testing/spans.js';

const BIN = fileURLToPath(new URL('../../cli/bin/skein.js', import.meta.url));
const LOOPBACK_ANY_PORT = '127.0.0.1:0';
const EXIT_WITHIN_MS = 4_000;

const ALL_RECEIVERS_ON = [
  'collector.otlp.http.host-port',
  'collector.http-server.host-port',
  'collector.zipkin.host-port',
  'collector.otlp.grpc.host-port',
  'collector.grpc-server.host-port',
  'processor.jaeger-compact.server-host-port',
  'processor.jaeger-binary.server-host-port',
  'admin.http.host-port',
].flatMap((flag) => [`--${flag}`, LOOPBACK_ANY_PORT]);

function postThrift(agent: Agent, port: number, body: Uint8Array): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/traces', method: 'POST', agent, headers: { 'content-type': 'application/x-thrift' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

describe('skein collector shutdown', () => {
  it('exits 0 within a few seconds of SIGTERM with every receiver on and clients still connected', async () => {
    const child = spawn(process.execPath, [BIN, 'collector', '--span-storage.type', 'memory', '--log-level', 'info', ...ALL_RECEIVERS_ON], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const logLines: string[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const started = await new Promise<{ receivers: Record<string, { port: number }> }>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        logLines.push(line);
        if (line.includes('"collector started"')) resolve(JSON.parse(line) as { receivers: Record<string, { port: number }> });
      });
      void exited.then(({ code }) => reject(new Error(`collector exited with ${code} before starting: ${stderr}`)));
    });
    const port = (receiver: string): number => started.receivers[receiver]!.port;
    expect(Object.keys(started.receivers).sort()).toEqual(['jaeger-grpc', 'jaeger-http', 'otlp-grpc', 'otlp-http', 'udp-binary', 'udp-compact', 'zipkin']);

    const span = testSpan();
    const otlpGrpc = new RawGrpcClient(rawClientDefinitions.otlpTraceService, `127.0.0.1:${port('otlp-grpc')}`);
    const sampling = new RawGrpcClient(rawClientDefinitions.samplingManagerService, `127.0.0.1:${port('jaeger-grpc')}`);
    const agent = new Agent({ keepAlive: true });
    const udp = createSocket('udp4');
    try {
      expect((await otlpGrpc.call('Export', encodeOtlpProto([span]))).error).toBeUndefined();
      expect((await sampling.call('GetSamplingStrategy', new Uint8Array([0x0a, 0x01, 0x78]))).error).toBeUndefined();
      expect(await postThrift(agent, port('jaeger-http'), encodeJaegerBatch(span.process, [span]))).toBe(202);
      await new Promise((resolve) => udp.send(encodeEmitBatch(span.process, [span], 'compact'), port('udp-compact'), '127.0.0.1', resolve));

      // Traffic still arriving while the signal lands.
      const inFlight = [
        otlpGrpc.call('Export', encodeOtlpProto([testSpan()])),
        postThrift(agent, port('jaeger-http'), encodeJaegerBatch(span.process, [testSpan()])),
        new Promise((resolve) => udp.send(encodeEmitBatch(span.process, [testSpan()], 'binary'), port('udp-binary'), '127.0.0.1', resolve)),
      ];
      const signalledAt = performance.now();
      child.kill('SIGTERM');
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), EXIT_WITHIN_MS).unref());
      const outcome = await Promise.race([exited, timeout]);
      if (outcome === 'timeout') child.kill('SIGKILL');
      expect(outcome).toEqual({ code: 0, signal: null });
      expect(performance.now() - signalledAt).toBeLessThan(EXIT_WITHIN_MS);
      await Promise.allSettled(inFlight);
      expect(logLines.some((line) => line.includes('"shutdown complete"'))).toBe(true);
      expect(stderr).toBe('');
    } finally {
      otlpGrpc.close();
      sampling.close();
      agent.destroy();
      udp.close();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
