/**
 * `skein agent` forwarding: Jaeger Thrift compact `emitBatch` datagrams (100 spans each) sent at a fixed rate by a
 * worker thread to an agent, which forwards them over gRPC to an all-in-one on the memory store. For each rate:
 * spans delivered (the agent's `skein_agent_reporter_spans_submitted_total`), loss, and the agent's own CPU per
 * million spans and peak RSS (from /proc; the agent is its own process).
 *
 * Baseline in the same run: the same datagrams sent straight to the all-in-one's UDP 6831, its CPU per million spans
 * for receiving, decoding and storing them. The ratio says what the extra hop costs against the work the backend
 * does anyway.
 *
 * Env: BENCH_MS (per rate, 6000), BENCH_RATES (spans/s, `5000,10000,20000`), BENCH_CPU_PROF_DIR (write the agent's
 * .cpuprofile there).
 */
import { Worker } from 'node:worker_threads';
import { encodeEmitBatch } from '@skein/codecs';
import { benchmarkSpan, type Span } from '@skein/model';
import { processCpuSeconds, processRssMiB } from '@skein/runtime';
import { startAgentProcess, sumMetric, type RunningAgent } from '../e2e/agent/agent-process.js';
import { newDataDir, removeDataDir, startSkein, type RunningSkein } from '../e2e/all-in-one/skein-process.js';

const RUN_MS = Number(process.env['BENCH_MS'] ?? 6_000);
const RATES = (process.env['BENCH_RATES'] ?? '5000,10000,20000').split(',').map(Number);
const SPANS_PER_DATAGRAM = 100;
const PROFILE_DIR = process.env['BENCH_CPU_PROF_DIR'];
let nextTrace = 1;

/**
 * Every span of a run new (10 traces × 10 spans of the performance issue's shape per datagram), so neither side
 * meets a redelivery the store could skip.
 */
function datagrams(count: number): Buffer[] {
  return Array.from({ length: count }, () => {
    const spans: Span[] = [];
    for (let t = 0; t < SPANS_PER_DATAGRAM / 10; t++) {
      const trace = nextTrace++;
      const traceId = (BigInt(trace) + 0xbe0000000n).toString(16).padStart(32, '0');
      for (let i = 0; i < 10; i++) spans.push(benchmarkSpan(traceId, (trace * 16 + i + 1).toString(16).padStart(16, '0'), i, Date.now() * 1000 + i * 10, `req-${trace}-${i}`));
    }
    const bytes = encodeEmitBatch(spans[0]!.process, spans, 'compact');
    if (bytes.length > 65_000) throw new Error(`a bench datagram is ${bytes.length} bytes, over the 65,000-byte UDP packet limit`);
    return Buffer.from(bytes);
  });
}

// Plain JavaScript so the worker needs no TypeScript loader; its own event loop stands for the client processes.
const SENDER = `
const { workerData, parentPort } = require('node:worker_threads');
const socket = require('node:dgram').createSocket('udp4');
const { port, datagrams, perSecond, durationMs } = workerData;
// Never more than prepared: the datagrams are sized for the rate and duration.
const start = performance.now();
let sent = 0;
function tick() {
  const elapsed = Math.min(performance.now() - start, durationMs);
  const due = Math.floor((elapsed / 1000) * perSecond);
  while (sent < due && sent < datagrams.length) socket.send(datagrams[sent++], port, '127.0.0.1');
  if (elapsed < durationMs) setTimeout(tick, 2);
  else setTimeout(() => socket.close(() => parentPort.postMessage(sent)), 50);
}
tick();
`;

function send(port: number, payloads: Buffer[], spansPerSecond: number): Promise<number> {
  const worker = new Worker(SENDER, { eval: true, workerData: { port, datagrams: payloads, perSecond: spansPerSecond / SPANS_PER_DATAGRAM, durationMs: RUN_MS } });
  return new Promise((resolve, reject) => {
    worker.once('message', (sent: number) => {
      void worker.terminate();
      resolve(sent * SPANS_PER_DATAGRAM);
    });
    worker.once('error', reject);
  });
}

async function metricOf(url: string, name: string): Promise<number> {
  return sumMetric(await (await fetch(url)).text(), name);
}

/** Waits until `read` stops growing for a second (what was sent has been taken or lost); the last value and when it was first seen. */
async function settled(read: () => Promise<number>): Promise<{ value: number; at: number }> {
  let last = { value: await read(), at: performance.now() };
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const value = await read();
    if (value === last.value) return last;
    last = { value, at: performance.now() };
  }
}

/** Sends at `rate` into `port` and measures the process `pid`'s CPU and RSS while `delivered` counts the result. */
async function measure(pid: number, port: number, rate: number, delivered: () => Promise<number>) {
  const payloads = datagrams(Math.ceil((rate * RUN_MS) / 1000 / SPANS_PER_DATAGRAM));
  const before = await delivered();
  const cpuBefore = processCpuSeconds(pid);
  let peakRss = processRssMiB(pid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, processRssMiB(pid))), 100);
  const started = performance.now();
  const sent = await send(port, payloads, rate);
  const after = await settled(delivered);
  clearInterval(sampler);
  const spans = after.value - before;
  const cpu = processCpuSeconds(pid) - cpuBefore;
  return {
    sent,
    delivered: spans,
    lossPct: Number((100 * (1 - spans / sent)).toFixed(2)),
    cpuSecondsPerMillion: Number(((cpu / Math.max(spans, 1)) * 1e6).toFixed(1)),
    spansPerSec: Math.round(spans / ((after.at - started) / 1000)),
    peakRssMiB: Math.round(peakRss),
  };
}

const dataDir = newDataDir();
let skein: RunningSkein | undefined;
let agent: RunningAgent | undefined;
try {
  skein = await startSkein({ dataDir, env: { SPAN_STORAGE_TYPE: 'memory' }, flags: ['--memory.max-traces=20000'] });
  agent = await startAgentProcess(`127.0.0.1:${skein.listeners['jaeger-grpc']!.port}`, [], {}, PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []);
  const collectorMetrics = skein.url('admin', '/metrics');
  const agentMetrics = `http://127.0.0.1:${agent.adminPort}/metrics`;
  const ratios: Record<string, number> = {};
  for (const rate of RATES) {
    const direct = await measure(skein.child.pid!, skein.listeners['udp-compact']!.port, rate, () => metricOf(collectorMetrics, 'skein_collector_spans_received_total'));
    console.log(JSON.stringify({ bench: 'agent-forwarding', path: 'client → all-in-one UDP (baseline: the all-in-one)', rate, ...direct }));
    const forwarded = await measure(agent.child.pid!, agent.listeners['udp-compact']!.port, rate, () => metricOf(agentMetrics, 'skein_agent_reporter_spans_submitted_total'));
    console.log(JSON.stringify({ bench: 'agent-forwarding', path: 'client → agent → all-in-one gRPC (the agent)', rate, ...forwarded }));
    ratios[String(rate)] = Number((forwarded.cpuSecondsPerMillion / direct.cpuSecondsPerMillion).toFixed(2));
  }
  console.log(JSON.stringify({ bench: 'agent-forwarding', agentCpuPerSpanVsAllInOne: ratios }));
} finally {
  await agent?.stop();
  await skein?.stop();
  removeDataDir(dataDir);
}
