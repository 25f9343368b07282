/**
 * `skein agent` end to end: real clients (jaeger-client over UDP, hand-written Thrift for the other ports) → the agent
 * → a real collector (the all-in-one's Jaeger gRPC port, through a TCP proxy that can play an outage) → SQLite → the
 * query API. Also the sampling proxy on 5778, hostile datagrams, a 30 s collector outage and SIGTERM under load.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jaegerAgentBinary, jaegerAgentCompact } from '@skein/codecs';
import { stringTag, type Span } from '@skein/model';
import { emitJaegerClientSpan } from '../all-in-one/senders.js';
import { getJson, type JaegerTrace } from '../all-in-one/jaeger-json.js';
import { eventually, newDataDir, removeDataDir, startSkein, type RunningSkein } from '../all-in-one/skein-process.js';
import { issueTestCertificates } from '../../jest/test-certs.js';
import { TcpProxy } from '../ingester/tcp-proxy.js';
import { sendDatagrams, startAgentProcess, type RunningAgent } from './agent-process.js';
import { emitZipkinBatchCompact } from './zipkin-compact.js';

let skein: RunningSkein;
let dataDir: string;
let proxy: TcpProxy;
const agents: RunningAgent[] = [];

beforeAll(async () => {
  dataDir = newDataDir();
  const strategies = join(dataDir, 'strategies.json');
  writeFileSync(strategies, JSON.stringify({ default_strategy: { type: 'probabilistic', param: 0.5 }, service_strategies: [{ service: 'checkout', type: 'probabilistic', param: 0.42 }] }));
  skein = await startSkein({ dataDir, flags: [`--sampling.strategies-file=${strategies}`] });
  proxy = new TcpProxy('127.0.0.1', skein.listeners['jaeger-grpc']!.port);
  await proxy.start();
}, 90_000);

afterAll(async () => {
  for (const agent of agents) if (agent.child.exitCode === null) agent.child.kill('SIGKILL');
  await proxy?.stop();
  if (skein) await skein.stop();
  removeDataDir(dataDir);
});

async function agent(flags: string[] = [], env: NodeJS.ProcessEnv = {}, through = proxy): Promise<RunningAgent> {
  const started = await startAgentProcess(`127.0.0.1:${new URL(through.url).port}`, flags, env);
  agents.push(started);
  return started;
}

async function traceById(traceId: string, spanCount: number, timeoutMs = 20_000): Promise<JaegerTrace> {
  return eventually(async () => {
    const { status, body } = await getJson<{ data: JaegerTrace[] }>(skein.url('query', `/api/traces/${traceId}`));
    return status === 200 && body.data[0]!.spans.length >= spanCount ? body.data[0] : undefined;
  }, `trace ${traceId} with ${spanCount} spans`, timeoutMs);
}

async function storedSpans(traceId: string): Promise<number> {
  const { status, body } = await getJson<{ data: JaegerTrace[] }>(skein.url('query', `/api/traces/${traceId}`));
  return status === 200 ? body.data[0]!.spans.length : 0;
}

/** One trace of `count` spans of `service` (fresh ids per call), as one Jaeger batch. */
let nextTrace = 1;
function traceSpans(service: string, count: number): Span[] {
  const traceId = (0xa9e0000n + BigInt(nextTrace++)).toString(16).padStart(32, '0');
  const now = Date.now() * 1000;
  const process = { serviceName: service, tags: [stringTag('client', 'hand-made')] };
  return Array.from({ length: count }, (_, i) => ({
    traceId,
    spanId: (i + 1).toString(16).padStart(16, '0'),
    operationName: `op-${i % 5}`,
    references: i === 0 ? [] : [{ refType: 'CHILD_OF' as const, traceId, spanId: '0000000000000001' }],
    flags: 1,
    startTime: now + i,
    duration: 100 + i,
    tags: [stringTag('i', String(i))],
    logs: [],
    process,
    warnings: [],
  }));
}

function processTags(trace: JaegerTrace): Record<string, unknown> {
  const process = Object.values(trace.processes)[0]!;
  return Object.fromEntries(process.tags.map((tag) => [tag.key, tag.value]));
}

describe('skein agent', () => {
  let forwarding: RunningAgent;
  beforeAll(async () => {
    forwarding = await agent(['--agent.tags=agent.zone=e2e,pod=${POD_NAME:none}', '--processor.jaeger-compact.server-max-packet-size=4000'], { POD_NAME: 'pod-7' });
  }, 60_000);

  it('forwards jaeger-client UDP (6832), Thrift compact (6831) and Zipkin compact (5775) to the collector, adding --agent.tags', async () => {
    const fromClient = await emitJaegerClientSpan('svc-agent-client', { agentHost: '127.0.0.1', agentPort: forwarding.listeners['udp-binary']!.port });
    const compact = traceSpans('svc-agent-compact', 3);
    await sendDatagrams(forwarding.listeners['udp-compact']!.port, [jaegerAgentCompact.encode!(compact)]);
    const zipkinStart = BigInt(Date.now()) * 1000n;
    await sendDatagrams(forwarding.listeners['udp-zipkin-compact']!.port, [
      emitZipkinBatchCompact([{ traceId: 0x5a1b2c3d4e5f6071n, id: 0x11n, name: 'get /legacy', service: 'svc-agent-zipkin', timestamp: zipkinStart, durationMicros: 1500n, tags: { 'http.path': '/legacy' } }]),
    ]);

    const client = await traceById(fromClient.traceId, 1);
    expect(client.spans[0]!.operationName).toBe('jaeger-op');
    expect(processTags(client)).toMatchObject({ 'client.tag': 'yes', 'agent.zone': 'e2e', pod: 'pod-7' });
    expect(Object.values(client.processes)[0]!.serviceName).toBe('svc-agent-client');

    const handMade = await traceById(compact[0]!.traceId.replace(/^0{16}/, ''), 3);
    expect(handMade.spans.map((span) => span.operationName).sort()).toEqual(['op-0', 'op-1', 'op-2']);
    expect(processTags(handMade)).toMatchObject({ client: 'hand-made', 'agent.zone': 'e2e' });

    const zipkin = await traceById('5a1b2c3d4e5f6071', 1);
    expect(zipkin.spans[0]).toMatchObject({ operationName: 'get /legacy', duration: 1500, startTime: Number(zipkinStart) });
    expect(Object.values(zipkin.processes)[0]!.serviceName).toBe('svc-agent-zipkin');
    expect(zipkin.spans[0]!.tags).toContainEqual(expect.objectContaining({ key: 'http.path', value: '/legacy' }));

    // The collector stores before it answers, so the trace can be readable a moment before the agent counts the call.
    await eventually(async () => ((await forwarding.metric('skein_agent_reporter_spans_submitted_total')) === 5 ? true : undefined), 'the agent counting 5 delivered spans');
    expect(await forwarding.metric('skein_agent_reporter_spans_dropped_total')).toBe(0);
  });

  it("answers 5778's sampling endpoints with the collector's strategies", async () => {
    const sampling = await getJson<{ strategyType: string; probabilisticSampling: { samplingRate: number } }>(`http://127.0.0.1:${forwarding.listeners['sampling-http']!.port}/sampling?service=checkout`);
    expect(sampling).toEqual({ status: 200, body: expect.objectContaining({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.42 } }) });
    const legacy = await getJson<{ strategyType: number; probabilisticSampling: { samplingRate: number } }>(`http://127.0.0.1:${forwarding.listeners['sampling-http']!.port}/?service=other`);
    expect(legacy).toEqual({ status: 200, body: expect.objectContaining({ strategyType: 0, probabilisticSampling: { samplingRate: 0.5 } }) });
    const missing = await fetch(`http://127.0.0.1:${forwarding.listeners['sampling-http']!.port}/sampling`);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("'service' parameter must be provided");
  });

  it('counts malformed, truncated and oversized datagrams and keeps forwarding', async () => {
    const port = forwarding.listeners['udp-compact']!.port;
    const good = jaegerAgentCompact.encode!(traceSpans('svc-agent-after-garbage', 2));
    await sendDatagrams(port, [Buffer.from('not thrift at all'), good.subarray(0, good.length - 7), Buffer.alloc(4_500, 0x82)]);
    await sendDatagrams(forwarding.listeners['udp-zipkin-compact']!.port, [Uint8Array.from([0x82, 0x81, 0x00, 0x0f, 0x65])]);
    await eventually(async () => ((await forwarding.metric('skein_agent_requests_rejected_total', { reason: 'malformed' })) >= 3 ? true : undefined), 'malformed datagrams counted');
    expect(await forwarding.metric('skein_agent_requests_rejected_total', { receiver: 'udp-compact', reason: 'too-large' })).toBe(1);
    await sendDatagrams(port, [good]);
    const decoded = jaegerAgentCompact.decode(good).spans;
    expect((await traceById(decoded[0]!.traceId.replace(/^0{16}/, ''), 2)).spans).toHaveLength(2);
  });
});

describe('skein agent through a collector outage', () => {
  it('buffers within --reporter.queue-size for 30 s, says so on /readyz, and delivers everything once the collector is back', async () => {
    const outage = await agent(['--reporter.queue-size=2500']);
    const sampling = (service: string) => fetch(`http://127.0.0.1:${outage.listeners['sampling-http']!.port}/sampling?service=${service}`);
    expect((await sampling('checkout')).status).toBe(200);
    await proxy.stop();
    try {
      const batches = Array.from({ length: 30 }, () => traceSpans('svc-agent-outage', 100));
      await sendDatagrams(outage.listeners['udp-compact']!.port, batches.map((spans) => jaegerAgentCompact.encode!(spans)));
      // 2,500 spans fit; the other 500 are dropped at the door and counted.
      await eventually(async () => ((await outage.metric('skein_agent_spans_dropped_total', { reason: 'overloaded' })) === 500 ? true : undefined), '500 spans dropped');
      expect(await outage.metric('skein_agent_reporter_buffered_spans')).toBe(2_500);
      await new Promise((resolve) => setTimeout(resolve, 30_000));
      expect(await outage.metric('skein_agent_reporter_batches_failures_total')).toBeGreaterThan(0);
      const ready = await fetch(`http://127.0.0.1:${outage.adminPort}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.text()).toContain('no collector accepted a batch');
      expect(await outage.metric('skein_agent_reporter_buffered_spans')).toBe(2_500);
      // Sampling: a service asked before keeps its last strategy; one never seen hears why there is none.
      expect(await (await sampling('checkout')).json()).toMatchObject({ probabilisticSampling: { samplingRate: 0.42 } });
      const unseen = await sampling('never-seen');
      expect(unseen.status).toBe(503);
      expect(await unseen.text()).toMatch(/cannot get the sampling strategy of service "never-seen": no collector answered \(127\.0\.0\.1:\d+\)/);

      await proxy.start();
      await eventually(async () => ((await outage.metric('skein_agent_reporter_spans_submitted_total')) === 2_500 ? true : undefined), 'the buffered spans delivered', 30_000);
      // Whole batches were kept or dropped: 25 traces of 100 spans are stored, 5 are absent.
      const stored = [];
      for (const spans of batches) stored.push(await storedSpans(spans[0]!.traceId.replace(/^0{16}/, '')));
      expect(stored.filter((count) => count === 100)).toHaveLength(25);
      expect(stored.filter((count) => count === 0)).toHaveLength(5);
      await eventually(async () => ((await fetch(`http://127.0.0.1:${outage.adminPort}/readyz`)).status === 200 ? true : undefined), 'ready again');
      expect(await outage.metric('skein_agent_reporter_spans_submitted_total')).toBe(2_500);
      expect(await outage.stop()).toBe(0);
    } finally {
      await proxy.start().catch(() => undefined);
    }
  }, 120_000);
});

describe('skein agent on SIGTERM', () => {
  it('sends every buffered span before it exits', async () => {
    // A collector reached at 150 kB/s: the buffer drains for seconds after the signal.
    const slow = new TcpProxy('127.0.0.1', skein.listeners['jaeger-grpc']!.port, { upstreamBytesPerSecond: 150_000 });
    await slow.start();
    const draining = await agent(['--reporter.senders=1', '--reporter.batch-size=100'], {}, slow);
    const batches = Array.from({ length: 150 }, () => traceSpans('svc-agent-sigterm', 40));
    await sendDatagrams(draining.listeners['udp-binary']!.port, batches.map((spans) => jaegerAgentBinary.encode!(spans)));
    await eventually(async () => ((await draining.metric('skein_agent_spans_received_total')) === 6_000 ? true : undefined), 'all 6,000 spans read from the socket');
    expect(await draining.metric('skein_agent_reporter_buffered_spans')).toBeGreaterThan(1_000);
    expect(await draining.stop()).toBe(0);
    const stopped = JSON.parse(draining.output().split('\n').find((line) => line.includes('"agent stopped"'))!) as { received: number; delivered: number; dropped: number };
    expect(stopped).toMatchObject({ received: 6_000, delivered: 6_000, dropped: 0 });
    let total = 0;
    for (const spans of batches) total += await storedSpans(spans[0]!.traceId.replace(/^0{16}/, ''));
    expect(total).toBe(6_000);
    await slow.stop();
  }, 120_000);
});

describe('skein agent over TLS', () => {
  it('forwards to a collector that requires client certificates, resolving its name to every address in turn', async () => {
    const certs = issueTestCertificates('skein-agent-tls-');
    const tlsDir = newDataDir();
    let secure: RunningSkein | undefined;
    try {
      secure = await startSkein({
        dataDir: tlsDir,
        flags: ['--collector.grpc.tls.enabled=true', `--collector.grpc.tls.cert=${certs.file('server.crt')}`, `--collector.grpc.tls.key=${certs.file('server.key')}`, `--collector.grpc.tls.client-ca=${certs.file('ca.crt')}`],
      });
      // "localhost" may resolve to ::1 as well, where nothing listens: those calls fail and the batch goes to 127.0.0.1.
      const collector = `localhost:${secure.listeners['jaeger-grpc']!.port}`;
      const tlsFlags = ['--reporter.grpc.tls.enabled=true', `--reporter.grpc.tls.ca=${certs.file('ca.crt')}`];
      const trusted = await startAgentProcess(collector, [...tlsFlags, `--reporter.grpc.tls.cert=${certs.file('client.crt')}`, `--reporter.grpc.tls.key=${certs.file('client.key')}`]);
      agents.push(trusted);
      const spans = traceSpans('svc-agent-tls', 4);
      await sendDatagrams(trusted.listeners['udp-compact']!.port, [jaegerAgentCompact.encode!(spans)]);
      const traceId = spans[0]!.traceId.replace(/^0{16}/, '');
      const stored = await eventually(async () => {
        const { status, body } = await getJson<{ data: JaegerTrace[] }>(secure!.url('query', `/api/traces/${traceId}`));
        return status === 200 && body.data[0]!.spans.length === 4 ? body.data[0] : undefined;
      }, 'the trace sent over mTLS');
      expect(Object.values(stored.processes)[0]!.serviceName).toBe('svc-agent-tls');
      expect(await trusted.stop()).toBe(0);

      const anonymous = await startAgentProcess(collector, tlsFlags);
      agents.push(anonymous);
      await sendDatagrams(anonymous.listeners['udp-compact']!.port, [jaegerAgentCompact.encode!(traceSpans('svc-agent-no-cert', 1))]);
      await eventually(async () => ((await anonymous.metric('skein_agent_reporter_batches_failures_total')) >= 2 ? true : undefined), 'calls without a client certificate failing');
      expect(await anonymous.metric('skein_agent_reporter_spans_submitted_total')).toBe(0);
      anonymous.child.kill('SIGKILL');
    } finally {
      if (secure) await secure.stop();
      removeDataDir(tlsDir);
      certs.remove();
    }
  }, 90_000);
});
