/**
 * Cassandra store benchmark on the real server (`npm run bench` starts it): writing the performance issue's span
 * (10 per trace, 1,000 per batch) through the store, then `getTrace` of 200-span traces and searches by service, by
 * tag and by duration over everything stored (`storedSpans`: the timed write, 20,000 spans that warmed the server up
 * and the 200-span traces). Prints one JSON line per figure: spans/s, the client's CPU-s per 1M spans, and, with
 * CASSANDRA_PID (set by `npm run bench`), Cassandra's CPU-s per 1M spans read once it idles.
 *
 * Env: CASSANDRA_CONTACT_POINTS (127.0.0.1:9042), BENCH_SPANS (100,000; the read targets are for 1,000,000
 * stored), CASSANDRA_PID.
 */
import { randomBytes } from 'node:crypto';
import { benchmarkSpan, type Span } from '@skein/model';
import { loadConfig, processCpuSeconds, processCpuSecondsWhenIdle } from '@skein/runtime';
import { cassandraConnectionOptions } from './connection-options.js';
import { applySchema, dropKeyspaces } from './schema/apply.js';
import { singleNodeSchema } from './schema/params.js';
import { CassandraStorage } from './store/cassandra-storage.js';

const SPANS = Number(process.env['BENCH_SPANS'] ?? 100_000);
const BATCH = 1_000;
const PER_TRACE = 10;
const WARM_UP_SPANS = 20_000;
const SERVER_PID = process.env['CASSANDRA_PID'] ? Number(process.env['CASSANDRA_PID']) : undefined;
const connection = loadConfig(cassandraConnectionOptions, {}, { CASSANDRA_SERVERS: process.env['CASSANDRA_CONTACT_POINTS'] ?? '127.0.0.1:9042' });
const keyspace = `bench_${Date.now().toString(36)}`;

const report = (fields: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify({ bench: 'cassandra', ...fields })}\n`);
const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

function trace(size: number, start: number): Span[] {
  const traceId = randomBytes(16).toString('hex');
  return Array.from({ length: size }, (_, i) => benchmarkSpan(traceId, randomBytes(8).toString('hex'), i, start + i * 10, randomBytes(6).toString('hex')));
}

async function main(): Promise<void> {
  await applySchema(connection, singleNodeSchema(keyspace, 3_600));
  const storage = await CassandraStorage.open({ connection, keyspace });
  try {
    const writer = storage.createSpanWriter();
    const start = Date.now() * 1000;
    const batchCount = Math.ceil(SPANS / BATCH);
    const batch = (b: number): Span[] => Array.from({ length: BATCH / PER_TRACE }, (_, t) => trace(PER_TRACE, start + (b * BATCH + t * PER_TRACE) * 10)).flat();
    const big = Array.from({ length: 20 }, (_, i) => trace(200, start + i));
    for (const spans of big) await writer.writeSpans(spans);
    // A freshly started JVM writes at a fraction of its speed for its first few thousand writes (about a third here).
    for (let i = 0; i < WARM_UP_SPANS / BATCH; i++) await writer.writeSpans(Array.from({ length: BATCH / PER_TRACE }, (_, t) => trace(PER_TRACE, start - 1_000_000_000 - (i * BATCH + t * PER_TRACE))).flat());
    const serverBefore = SERVER_PID ? processCpuSeconds(SERVER_PID) : 0;
    // Batches are made between writes (a million spans held at once would not fit), so only the writes are timed.
    let [seconds, cpuSeconds] = [0, 0];
    for (let b = 0; b < batchCount; b++) {
      const spans = batch(b);
      const cpuBefore = process.cpuUsage();
      const began = performance.now();
      await writer.writeSpans(spans);
      seconds += (performance.now() - began) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      cpuSeconds += (cpu.user + cpu.system) / 1e6;
    }
    const written = batchCount * BATCH;
    const serverCpu = SERVER_PID ? (await processCpuSecondsWhenIdle(SERVER_PID)) - serverBefore : undefined;
    report({
      figure: 'write',
      span: 'issue',
      spans: written,
      batchSpans: BATCH,
      spansPerSecond: Math.round(written / seconds),
      clientCpuSecondsPerMillionSpans: round((cpuSeconds / written) * 1e6),
      ...(serverCpu !== undefined ? { cassandraCpuSecondsPerMillionSpans: round((serverCpu / written) * 1e6) } : {}),
    });

    const reader = storage.createSpanReader();
    const timed = async (name: string, runs: number, call: (i: number) => Promise<unknown>, target: number): Promise<void> => {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await call(i);
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      report({ figure: name, storedSpans: written + WARM_UP_SPANS + big.length * 200, runs, p50Ms: round(percentile(ms, 50)), p99Ms: round(percentile(ms, 99)), targetP99Ms: target });
    };
    await timed('getTrace-200-spans', 200, async (i) => {
      const got = await reader.getTrace(big[i % big.length]![0]!.traceId);
      if (got?.spans.length !== 200) throw new Error(`getTrace returned ${got?.spans.length} spans`);
    }, 30);
    const window = { startTimeMin: start - 1, startTimeMax: start + SPANS * 10 + 1_000, limit: 20 };
    await timed('search-by-service', 50, () => reader.findTraceIds({ serviceName: 'shop-frontend', ...window }), 150);
    await timed('search-by-tag', 50, (i) => reader.findTraceIds({ serviceName: 'shop-frontend', tags: { 'cache.key': `item:${i % 10}` }, ...window }), 150);
    await timed('search-by-duration', 50, () => reader.findTraceIds({ serviceName: 'shop-frontend', durationMin: 1505, durationMax: 1507, ...window }), 150);
  } finally {
    await storage.close();
    await dropKeyspaces(connection, keyspace);
  }
}

await main();
