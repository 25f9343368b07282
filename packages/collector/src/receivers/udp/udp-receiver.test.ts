import { afterEach, describe, expect, it } from '@jest/globals';
import { createSocket } from 'node:dgram';
import { createRequire } from 'node:module';
import { encodeEmitBatch } from '@skein/codecs';
import { WriterUnavailableError } from '../../ingest/errors.js';
import { OverloadedError } from '../../ingest/span-ingest.js';
import { counterValue, RecordingIngest, silentLogger, testMetrics, testSpan, testSpans } from '../grpc/test-support.js';
import type { UdpReceiverConfig } from './options.js';
import { createUdpBinaryReceiver, createUdpCompactReceiver, type UdpReceiver } from './udp-receiver.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function config(overrides: Partial<UdpReceiverConfig> = {}): UdpReceiverConfig {
  return { hostPort: { host: '127.0.0.1', port: 0 }, maxPacketSize: 65_000, queueSize: 100, workers: 4, socketBufferSize: 1 << 20, ...overrides };
}

async function start(kind: 'compact' | 'binary' = 'compact', overrides: Partial<UdpReceiverConfig> = {}) {
  const ingest = new RecordingIngest();
  const { metrics } = testMetrics();
  const create = kind === 'compact' ? createUdpCompactReceiver : createUdpBinaryReceiver;
  const receiver = create({ ingest, metrics, logger: silentLogger, shutdownTimeoutMs: 1_000 }, config(overrides));
  await receiver.start();
  cleanups.push(() => receiver.stop());
  const sender = createSocket('udp4');
  cleanups.push(() => new Promise<void>((resolve) => sender.close(() => resolve())));
  const port = receiver.address()!.port;
  const send = (datagram: Uint8Array) => new Promise<void>((resolve, reject) => sender.send(datagram, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
  return { ingest, metrics, receiver, port, send };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 3_000): Promise<void> {
  const startedAt = Date.now();
  while (!(await condition())) {
    if (Date.now() - startedAt > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

interface JaegerSpan {
  setTag(key: string, value: unknown): JaegerSpan;
  log(fields: Record<string, unknown>): JaegerSpan;
  finish(): void;
  context(): { toTraceId(): string; toSpanId(): string };
}
interface JaegerTracer {
  startSpan(name: string, options?: { childOf?: unknown }): JaegerSpan;
  close(callback: () => void): void;
}
const jaegerClient = createRequire(import.meta.url)('jaeger-client') as {
  initTracer(config: Record<string, unknown>, options: Record<string, unknown>): JaegerTracer;
};

// jaeger-client for Node speaks only Thrift binary (its UDPSender targets 6832); compact senders are the Go, Java
// and Python clients, so the compact receiver is fed by Skein's own compact encoder below.
describe('UDP binary receiver (6832) fed by the real jaeger-client', () => {
  it('receives the spans jaeger-client reports over UDP', async () => {
    const { ingest, port, metrics } = await start('binary');
    const errors: string[] = [];
    const tracer = jaegerClient.initTracer(
      { serviceName: 'udp-test-service', sampler: { type: 'const', param: 1 }, reporter: { agentHost: '127.0.0.1', agentPort: port, flushIntervalMs: 10 } },
      { logger: { info: () => {}, error: (m: string) => errors.push(m) }, tags: { 'deploy.zone': 'z1' } },
    );
    const root = tracer.startSpan('handle request').setTag('http.status_code', 201).setTag('user', 'ada');
    root.log({ event: 'cache miss', key: 'k1' });
    const child = tracer.startSpan('query db', { childOf: root.context() });
    child.finish();
    root.finish();
    await new Promise<void>((resolve) => tracer.close(resolve));
    await ingest.waitForSpans(2);

    expect(errors).toEqual([]);
    const spans = ingest.batches.flatMap((b) => b.batch.spans);
    const received = spans.find((s) => s.operationName === 'handle request')!;
    expect(received.spanId).toBe(root.context().toSpanId().padStart(16, '0'));
    expect(received.traceId).toBe(root.context().toTraceId().padStart(32, '0'));
    expect(received.tags).toEqual(expect.arrayContaining([
      // jaeger-client sends every number as a Thrift double.
      { key: 'http.status_code', type: 'float64', value: 201 },
      { key: 'user', type: 'string', value: 'ada' },
      { key: 'sampler.type', type: 'string', value: 'const' },
    ]));
    expect(received.logs[0]?.fields).toEqual([
      { key: 'event', type: 'string', value: 'cache miss' },
      { key: 'key', type: 'string', value: 'k1' },
    ]);
    expect(received.process.serviceName).toBe('udp-test-service');
    expect(received.process.tags).toContainEqual({ key: 'deploy.zone', type: 'string', value: 'z1' });
    const dbSpan = spans.find((s) => s.operationName === 'query db')!;
    expect(dbSpan.references).toEqual([{ refType: 'CHILD_OF', traceId: received.traceId, spanId: received.spanId }]);
    expect(ingest.batches[0]?.context).toEqual({ receiver: 'udp-binary', format: 'jaeger.agent.binary' });
    expect(await counterValue(metrics.spansReceived, { receiver: 'udp-binary', format: 'jaeger.agent.binary' })).toBe(0); // the ingest's to count
  });
});

describe.each([
  ['compact', 'udp-compact', 'jaeger.agent.compact'],
  ['binary', 'udp-binary', 'jaeger.agent.binary'],
] as const)('UDP %s receiver', (protocol, receiverName, format) => {
  it('decodes Agent.emitBatch and hands the spans over unchanged', async () => {
    const { ingest, send } = await start(protocol);
    const spans = testSpans(5);
    await send(encodeEmitBatch(spans[0]!.process, spans, protocol));
    await ingest.waitForSpans(5);
    expect(ingest.batches[0]?.batch.spans).toEqual(spans);
    expect(ingest.batches[0]?.context).toEqual({ receiver: receiverName, format });
  });
});

describe('UDP receivers never crash on bad datagrams', () => {
  const valid = encodeEmitBatch(testSpan().process, testSpans(3), 'compact');
  it.each([
    ['random bytes', Uint8Array.from([0xde, 0xad, 0xbe, 0xef, 0x01, 0x02, 0x03])],
    ['a truncated emitBatch', valid.subarray(0, Math.floor(valid.length / 2))],
    ['an empty datagram', new Uint8Array(0)],
    ['a binary-protocol datagram on the compact port', encodeEmitBatch(testSpan().process, testSpans(1), 'binary')],
    ['a huge declared list size', Uint8Array.from([0x82, 0x81, 0x00, 0x09, ...Buffer.from('emitBatch'), 0x1c, 0x19, 0xfc, 0xff, 0xff, 0xff, 0x0f])],
  ])('%s is counted as malformed and the socket keeps working', async (_name, datagram) => {
    const { ingest, receiver, metrics, send } = await start('compact');
    await send(datagram);
    await until(() => receiver.stats().packetsMalformed === 1, 'the malformed datagram to be counted');
    expect(await counterValue(metrics.requestsRejected, { receiver: 'udp-compact', reason: 'malformed' })).toBe(1);
    expect(ingest.batches).toHaveLength(0);
    await send(valid);
    await ingest.waitForSpans(3);
  });

  it('a datagram over the max packet size is counted as too large', async () => {
    const { ingest, receiver, metrics, send } = await start('compact', { maxPacketSize: 200 });
    await send(encodeEmitBatch(testSpan().process, testSpans(20), 'compact'));
    await until(() => receiver.stats().packetsTooLarge === 1, 'the large datagram to be counted');
    expect(await counterValue(metrics.requestsRejected, { receiver: 'udp-compact', reason: 'too-large' })).toBe(1);
    expect(ingest.batches).toHaveLength(0);
  });
});

describe('UDP receivers under overload', () => {
  it('a full datagram queue drops and counts, without blocking the socket', async () => {
    const { ingest, receiver, metrics, send } = await start('compact', { queueSize: 2, workers: 1 });
    let release!: () => void;
    ingest.gate = new Promise((resolve) => (release = resolve));
    const datagram = encodeEmitBatch(testSpan().process, testSpans(2), 'compact');
    for (let i = 0; i < 10; i++) await send(datagram);
    // One datagram is with the (blocked) worker, two wait in the queue, seven are dropped.
    await until(() => receiver.stats().packetsReceived === 10, 'all datagrams to arrive');
    expect(receiver.stats()).toMatchObject({ packetsDropped: 7, queueLength: 2 });
    expect(await counterValue(metrics.requestsRejected, { receiver: 'udp-compact', reason: 'queue-full' })).toBe(7);
    release();
    await ingest.waitForSpans(6);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ingest.spanCount()).toBe(6);
  });

  it('spans the collector refuses as overloaded are counted as dropped', async () => {
    const { ingest, receiver, metrics, send } = await start('compact');
    ingest.failWith = new OverloadedError('full', 1);
    await send(encodeEmitBatch(testSpan().process, testSpans(4), 'compact'));
    await until(() => receiver.stats().spansDropped === 4, 'the spans to be dropped');
    expect(await counterValue(metrics.spansDropped, { receiver: 'udp-compact', reason: 'overloaded' })).toBe(4);
  });

  it('spans refused because the writer stayed down are counted as writer-unavailable, not internal', async () => {
    const { ingest, receiver, metrics, send } = await start('compact');
    ingest.failWith = new WriterUnavailableError('broker down', 2);
    await send(encodeEmitBatch(testSpan().process, testSpans(3), 'compact'));
    await until(() => receiver.stats().spansDropped === 3, 'the spans to be dropped');
    expect(await counterValue(metrics.spansDropped, { receiver: 'udp-compact', reason: 'writer-unavailable' })).toBe(3);
  });

  it('stop() hands queued datagrams to the collector before returning', async () => {
    const { ingest, receiver, send } = await start('compact', { queueSize: 10, workers: 1 });
    let release!: () => void;
    ingest.gate = new Promise((resolve) => (release = resolve));
    for (let i = 0; i < 3; i++) await send(encodeEmitBatch(testSpan().process, testSpans(1), 'compact'));
    await until(() => receiver.stats().packetsReceived === 3, 'all datagrams to arrive');
    const stopped = receiver.stop();
    release();
    await stopped;
    expect(ingest.spanCount()).toBe(3);
    expect(receiver.address()).toBeUndefined();
  });

  it('start fails with the address when the port is taken', async () => {
    const { port } = await start('compact');
    const second = createUdpCompactReceiver({ ingest: new RecordingIngest(), metrics: testMetrics().metrics, logger: silentLogger }, config({ hostPort: { host: '127.0.0.1', port } }));
    await expect(second.start()).rejects.toThrow(`udp-compact: cannot listen on udp 127.0.0.1:${port}`);
  });
});
