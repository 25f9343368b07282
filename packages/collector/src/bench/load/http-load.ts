import { Agent, request } from 'node:http';
import { RawGrpcClient } from '../../receivers/grpc/grpc-client.js';
import { rawClientDefinitions } from '../../receivers/grpc/service-definitions.js';

export interface HttpTarget {
  port: number;
  path: string;
  contentType: string;
}

export interface LoadResult {
  acceptedSpans: number;
  refusedRequests: number;
  elapsedSeconds: number;
  /** Sorted request latencies, ms. */
  latencies: number[];
}

function post(agent: Agent, target: HttpTarget, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: target.port, path: target.path, method: 'POST', agent, headers: { 'content-type': target.contentType, 'content-length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * `clients` keep-alive loops posting pre-encoded bodies for `durationMs`; with `rateSpansPerSecond` they pace
 * themselves to that total rate. `freshen(body, n)`, when given, edits a body in place before its n-th send (so
 * stores see new traces, not the same spans again); each client owns the bodies it sends.
 */
export async function driveHttp(
  target: HttpTarget,
  bodies: Buffer[],
  spansPerBody: number,
  clients: number,
  durationMs: number,
  rateSpansPerSecond?: number,
  freshen?: (body: Buffer, n: number) => void,
): Promise<LoadResult> {
  if (freshen && bodies.length % clients !== 0) throw new Error(`${bodies.length} bodies cannot be shared out to ${clients} clients`);
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let acceptedSpans = 0;
  let refusedRequests = 0;
  const started = performance.now();
  const end = started + durationMs;
  const interval = rateSpansPerSecond ? (1000 * spansPerBody * clients) / rateSpansPerSecond : 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      let next = performance.now();
      for (let n = client; performance.now() < end; n += clients) {
        if (interval) {
          next += interval;
          const wait = next - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
        const body = bodies[n % bodies.length]!;
        freshen?.(body, n);
        const t0 = performance.now();
        const status = await post(agent, target, body);
        latencies.push(performance.now() - t0);
        if (status >= 200 && status < 300) acceptedSpans += spansPerBody;
        else refusedRequests += 1;
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { acceptedSpans, refusedRequests, elapsedSeconds, latencies };
}

/**
 * The same loop over OTLP gRPC `Export` calls on one channel, `clients` calls in flight. A call counts as accepted
 * when it answers OK (the collector answers OK only once the writer has the spans).
 */
export async function driveOtlpGrpc(port: number, bodies: Buffer[], spansPerBody: number, clients: number, durationMs: number, freshen?: (body: Buffer) => void): Promise<LoadResult> {
  if (freshen && bodies.length % clients !== 0) throw new Error(`${bodies.length} bodies cannot be shared out to ${clients} clients`);
  // A channel, hence a connection, per client, as separate services would send (grpc-js would otherwise share one
  // connection between channels to the same address, and a multi-process collector hands out connections).
  const channels = Array.from(
    { length: clients },
    () => new RawGrpcClient(rawClientDefinitions.otlpTraceService, `127.0.0.1:${port}`, undefined, { 'grpc.max_send_message_length': 64 * 1024 * 1024, 'grpc.use_local_subchannel_pool': 1 }),
  );
  const latencies: number[] = [];
  let acceptedSpans = 0;
  let refusedRequests = 0;
  const started = performance.now();
  const end = started + durationMs;
  try {
    await Promise.all(
      Array.from({ length: clients }, async (_, lane) => {
        for (let n = lane; performance.now() < end; n += clients) {
          const body = bodies[n % bodies.length]!;
          freshen?.(body);
          const t0 = performance.now();
          const result = await channels[lane]!.call('Export', body);
          latencies.push(performance.now() - t0);
          if (result.error) refusedRequests += 1;
          else acceptedSpans += spansPerBody;
        }
      }),
    );
  } finally {
    for (const channel of channels) channel.close();
  }
  latencies.sort((a, b) => a - b);
  return { acceptedSpans, refusedRequests, elapsedSeconds: (performance.now() - started) / 1000, latencies };
}
