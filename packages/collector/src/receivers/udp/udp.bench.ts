/**
 * UDP compact receiver loss. Run: `npx tsx packages/collector/src/receivers/udp/udp.bench.ts`.
 * A worker thread (its own event loop, like a separate client process) sends `Agent.emitBatch` datagrams of 100
 * spans at a fixed rate to a receiver with default settings and a no-op ingest; loss is what never reached the
 * ingest. Prints one JSON line per rate: {"bench":"udp-compact-loss","spansPerSec","sent","received","lossPct"},
 * then {"bench":"udp-compact-max-sustained","spansPerSec"}: the highest rate tried with loss ≤ 1 % (doubling
 * from 10,000, then two bisection steps).
 * Env: BENCH_MS (per rate, default 2000), BENCH_MAX_RATE (default 320000).
 */
import { Worker } from 'node:worker_threads';
import { encodeEmitBatch } from '@skein/codecs';
import type { Span, Tag } from '@skein/model';
import type { SpanIngest } from '../../ingest/span-ingest.js';
import { silentLogger, testMetrics } from '../grpc/test-support.js';
import { udpCompactOptions } from './options.js';
import { createUdpCompactReceiver } from './udp-receiver.js';

const SPANS_PER_DATAGRAM = 100;
const RUN_MS = Number(process.env.BENCH_MS ?? 2000);
const MAX_RATE = Number(process.env.BENCH_MAX_RATE ?? 320_000);

function makeSpans(): Span[] {
  const process = { serviceName: 'checkout', tags: [{ key: 'hostname', type: 'string', value: 'checkout-7d9f8b6c5-x2x4p' }, { key: 'jaeger.version', type: 'string', value: 'Go-2.30.0' }] as Tag[] };
  return Array.from({ length: SPANS_PER_DATAGRAM }, (_, i) => ({
    traceId: `0000000000000000${(i % 5 + 1).toString(16).padStart(16, '0')}`,
    spanId: (i + 1).toString(16).padStart(16, '0'),
    operationName: `GET /api/items/${i % 7}`,
    references: i % 20 === 0 ? [] : [{ refType: 'CHILD_OF' as const, traceId: `0000000000000000${(i % 5 + 1).toString(16).padStart(16, '0')}`, spanId: '0000000000000001' }],
    flags: 1,
    startTime: 1_700_000_000_000_000 + i * 10,
    duration: 1_000 + i,
    tags: [
      { key: 'span.kind', type: 'string', value: 'server' },
      { key: 'http.method', type: 'string', value: 'GET' },
      { key: 'http.url', type: 'string', value: `https://shop.example.com/api/items/${i}?page=2` },
      { key: 'http.status_code', type: 'int64', value: 200n },
      { key: 'component', type: 'string', value: 'net/http' },
      { key: 'sampler.type', type: 'string', value: 'const' },
      { key: 'sampler.param', type: 'bool', value: true },
      { key: 'error', type: 'bool', value: false },
    ] as Tag[],
    logs: i % 5 === 0 ? [{ timestamp: 1_700_000_000_000_500 + i, fields: [{ key: 'event', type: 'string', value: 'cache miss' } as Tag] }] : [],
    process,
    warnings: [],
  }));
}

// The sender is plain JavaScript so the worker needs no TypeScript loader.
const SENDER = `
const { workerData, parentPort } = require('node:worker_threads');
const dgram = require('node:dgram');
const { port, datagram, datagramsPerSec, durationMs } = workerData;
const socket = dgram.createSocket('udp4');
const start = performance.now();
let sent = 0;
let sendErrors = 0;
function tick() {
  const elapsed = performance.now() - start;
  const due = Math.min(Math.floor((elapsed / 1000) * datagramsPerSec), Math.floor((durationMs / 1000) * datagramsPerSec));
  while (sent < due) {
    sent++;
    socket.send(datagram, port, '127.0.0.1', (error) => { if (error) sendErrors++; });
  }
  if (elapsed < durationMs) setTimeout(tick, 2);
  else setTimeout(() => socket.close(() => parentPort.postMessage({ sent, sendErrors })), 50);
}
tick();
`;

function runSender(port: number, datagram: Uint8Array, spansPerSec: number): Promise<{ sent: number; sendErrors: number }> {
  const worker = new Worker(SENDER, { eval: true, workerData: { port, datagram: Buffer.from(datagram), datagramsPerSec: spansPerSec / SPANS_PER_DATAGRAM, durationMs: RUN_MS } });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: { sent: number; sendErrors: number }) => {
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', reject);
  });
}

async function measure(spansPerSec: number, datagram: Uint8Array): Promise<number> {
  let received = 0;
  const ingest: SpanIngest = {
    prepare: (codec, payload) => codec.decode(payload),
    submit: (batch) => {
      if (!('spans' in batch)) throw new Error('the UDP bench expects decoded batches');
      received += batch.spans.length;
      return Promise.resolve({ accepted: batch.spans.length, rejected: batch.rejected });
    },
  };
  const defaults = {
    maxPacketSize: udpCompactOptions.maxPacketSize.defaultValue!,
    queueSize: udpCompactOptions.queueSize.defaultValue!,
    workers: udpCompactOptions.workers.defaultValue!,
    socketBufferSize: udpCompactOptions.socketBufferSize.defaultValue!,
  };
  const receiver = createUdpCompactReceiver({ ingest, metrics: testMetrics().metrics, logger: silentLogger }, { hostPort: { host: '127.0.0.1', port: 0 }, ...defaults });
  await receiver.start();
  const { sent, sendErrors } = await runSender(receiver.address()!.port, datagram, spansPerSec);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const stats = receiver.stats();
  await receiver.stop();
  const sentSpans = sent * SPANS_PER_DATAGRAM;
  const lossPct = sentSpans === 0 ? 0 : (100 * (sentSpans - received)) / sentSpans;
  console.log(
    JSON.stringify({
      bench: 'udp-compact-loss',
      spansPerSec,
      sent: sentSpans,
      received,
      lossPct: Number(lossPct.toFixed(3)),
      queueDropped: stats.packetsDropped * SPANS_PER_DATAGRAM,
      sendErrors,
      datagramBytes: datagram.length,
      socketBufferBytes: stats.socketBufferSize,
    }),
  );
  return lossPct;
}

const spans = makeSpans();
const datagram = encodeEmitBatch(spans[0]!.process, spans, 'compact');
let maxSustained = 0;
let firstFailing: number | undefined;
for (let rate = 10_000; rate <= MAX_RATE; rate *= 2) {
  if ((await measure(rate, datagram)) > 1) {
    firstFailing = rate;
    break;
  }
  maxSustained = rate;
}
// Two bisection steps between the last good and the first failing rate.
for (let step = 0; step < 2 && firstFailing !== undefined && maxSustained > 0; step++) {
  const rate = Math.round((maxSustained + firstFailing) / 2 / 1000) * 1000;
  if ((await measure(rate, datagram)) > 1) firstFailing = rate;
  else maxSustained = rate;
}
console.log(JSON.stringify({ bench: 'udp-compact-max-sustained', spansPerSec: maxSustained, target: 10_000, meetsTarget: maxSustained >= 10_000 }));
