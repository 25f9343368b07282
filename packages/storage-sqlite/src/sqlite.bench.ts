/**
 * SQLite store benchmark: batched write rate while loading 1M spans, then getTrace (200-span traces) and
 * findTraces (service + tag + 1 h window, limit 20) latency over that data. Then `read-while-writing`: getTrace of a
 * 200-span trace every 5 ms while 1,000-span batches are written back to back, with the writer on its own thread
 * (the default) and, as the same-run baseline, on the caller's thread; a read's latency counts from when it was due,
 * so time spent waiting for a blocked event loop is in it. Prints one JSON line per figure.
 * SKEIN_BENCH_SPANS overrides the span count (default 1,000,000).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Span, Tag } from '@skein/model';
import { openSqliteStorage } from './index.js';

const TOTAL_SPANS = Number(process.env['SKEIN_BENCH_SPANS'] ?? 1_000_000);
const BATCH_SPANS = 5_000;
const SERVICES = 10;
const HOUR = 3_600_000_000;
const START = 1_700_000_000_000_000;
const WINDOW = 24 * HOUR;
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
const STATUS = [200n, 200n, 200n, 200n, 201n, 404n, 500n];

/** Deterministic pseudo-random numbers so runs are comparable. */
let seed = 42;
function random(): number {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed / 2 ** 32;
}
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** A trace of `size` spans over a few services, with realistic tags; every 50th trace has 200 spans. */
function buildTrace(index: number, startTime: number): Span[] {
  const size = index % 50 === 0 ? 200 : 19;
  const traceId = `${hex(index + 1, 16)}${hex(Math.floor(random() * 2 ** 32), 16)}`;
  const spans: Span[] = [];
  for (let i = 0; i < size; i += 1) {
    const service = i === 0 ? index % SERVICES : (index + 1 + (i % 4)) % SERVICES;
    const tags: Tag[] = [
      { key: 'span.kind', type: 'string', value: i === 0 ? 'server' : pick(['server', 'client', 'internal']) },
      { key: 'http.method', type: 'string', value: pick(METHODS) },
      { key: 'http.status_code', type: 'int64', value: pick(STATUS) },
      { key: 'http.route', type: 'string', value: `/api/v1/resource-${Math.floor(random() * 20)}` },
      { key: 'component', type: 'string', value: 'http' },
    ];
    if (i === 0) tags.push({ key: 'request.id', type: 'string', value: `req-${index}` });
    if (random() < 0.02) tags.push({ key: 'error', type: 'bool', value: true });
    spans.push({
      traceId,
      spanId: hex(index * 256 + i + 1, 16),
      operationName: `op-${service}-${Math.floor(random() * 8)}`,
      references: i === 0 ? [] : [{ refType: 'CHILD_OF', traceId, spanId: hex(index * 256 + Math.floor(i / 3) + 1, 16) }],
      flags: 1,
      startTime: startTime + i * 100,
      duration: Math.floor(random() * 500_000),
      tags,
      logs:
        random() < 0.1
          ? [{ timestamp: startTime + i * 100 + 5, fields: [{ key: 'event', type: 'string', value: 'cache-miss' }] }]
          : [],
      process: {
        serviceName: `service-${service}`,
        tags: [
          { key: 'host.name', type: 'string', value: `host-${service}-${index % 3}` },
          { key: 'service.version', type: 'string', value: '1.4.2' },
          { key: 'telemetry.sdk.language', type: 'string', value: 'nodejs' },
        ],
      },
      warnings: [],
    });
  }
  return spans;
}

function percentile(sortedMs: number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))]!;
}

function report(name: string, fields: Record<string, number | string>): void {
  console.log(JSON.stringify({ bench: `sqlite.${name}`, ...fields }));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'skein-sqlite-bench-'));
  const path = join(dir, 'bench.db');
  const storage = openSqliteStorage({ path });
  try {
    const writer = storage.createSpanWriter();
    const bigTraceIds: string[] = [];
    let written = 0;
    let writeMs = 0;
    // CPU time of this process: on a shared machine it says what the code costs when wall time says who else ran.
    let writeCpuMs = 0;
    let traceIndex = 0;
    let batch: Span[] = [];
    while (written < TOTAL_SPANS) {
      const startTime = START + Math.floor((written / TOTAL_SPANS) * WINDOW);
      const trace = buildTrace(traceIndex, startTime);
      if (trace.length === 200) bigTraceIds.push(trace[0]!.traceId);
      traceIndex += 1;
      batch.push(...trace);
      written += trace.length;
      if (batch.length >= BATCH_SPANS || written >= TOTAL_SPANS) {
        const began = performance.now();
        const cpuBefore = process.cpuUsage();
        await writer.writeSpans(batch);
        writeMs += performance.now() - began;
        const cpu = process.cpuUsage(cpuBefore);
        writeCpuMs += (cpu.user + cpu.system) / 1000;
        batch = [];
      }
    }
    report('write', {
      spans: written,
      batchSpans: BATCH_SPANS,
      spansPerSecond: Math.round((written / writeMs) * 1000),
      spansPerCpuSecond: Math.round((written / writeCpuMs) * 1000),
      target: 50_000,
      fileMiB: Math.round(statSync(path).size / 2 ** 20),
    });

    const reader = storage.createSpanReader();
    const getMs: number[] = [];
    for (let i = 0; i < 300; i += 1) {
      const traceId = bigTraceIds[Math.floor(random() * bigTraceIds.length)]!;
      const began = performance.now();
      const trace = await reader.getTrace(traceId);
      getMs.push(performance.now() - began);
      if (trace?.spans.length !== 200) throw new Error(`trace ${traceId} came back with ${trace?.spans.length} spans`);
    }
    getMs.sort((a, b) => a - b);
    report('getTrace', { spansPerTrace: 200, runs: getMs.length, p50Ms: round(percentile(getMs, 50)), p99Ms: round(percentile(getMs, 99)), targetP99Ms: 20 });

    for (const [label, tags] of [
      ['common-tag', { 'http.method': 'GET' }],
      ['rare-tag', { error: 'true' }],
      ['two-tags', { 'http.status_code': '500', 'host.name': 'host-3-1' }],
    ] as const) {
      const findMs: number[] = [];
      let found = 0;
      for (let i = 0; i < 100; i += 1) {
        const windowEnd = START + HOUR + Math.floor(random() * (WINDOW - HOUR));
        const began = performance.now();
        const traces = await reader.findTraces({
          serviceName: `service-${i % SERVICES}`,
          tags,
          startTimeMin: windowEnd - HOUR,
          startTimeMax: windowEnd,
          limit: 20,
        });
        findMs.push(performance.now() - began);
        found += traces.length;
      }
      findMs.sort((a, b) => a - b);
      report(`findTraces.${label}`, {
        window: '1h',
        limit: 20,
        runs: findMs.length,
        meanTraces: found / findMs.length,
        p50Ms: round(percentile(findMs, 50)),
        p99Ms: round(percentile(findMs, 99)),
        targetP99Ms: 100,
      });
    }
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const READ_EVERY_MS = 5;
const CONCURRENT_WRITE_SPANS = 100_000;
const CONCURRENT_BATCH_SPANS = 1_000;

async function readWhileWriting(writerThread: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'skein-sqlite-bench-'));
  const storage = openSqliteStorage({ path: join(dir, 'bench.db'), writerThread });
  try {
    const writer = storage.createSpanWriter();
    const reader = storage.createSpanReader();
    const bigTrace = buildTrace(0, START);
    await writer.writeSpans(bigTrace);
    const batches: Span[][] = [];
    for (let index = 1, batch: Span[] = []; batches.length * CONCURRENT_BATCH_SPANS < CONCURRENT_WRITE_SPANS; index += 1) {
      batch.push(...buildTrace(index === 0 ? 1 : index * 50 + 1, START + index * 1_000));
      if (batch.length >= CONCURRENT_BATCH_SPANS) {
        batches.push(batch);
        batch = [];
      }
    }
    let writing = true;
    const cpuBefore = process.cpuUsage();
    const began = performance.now();
    const writes = (async () => {
      for (const batch of batches) {
        await writer.writeSpans(batch);
        // As a server does between requests: other work (here the reads) gets its turn.
        await new Promise((resolve) => setImmediate(resolve));
      }
      writing = false;
    })();
    const readMs: number[] = [];
    for (let due = performance.now(); writing; due += READ_EVERY_MS) {
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const trace = await reader.getTrace(bigTrace[0]!.traceId);
      if (trace?.spans.length !== bigTrace.length) throw new Error(`getTrace returned ${trace?.spans.length} spans`);
      readMs.push(performance.now() - due);
      // Due times the loop could not keep count as missed, not as reads: the next read is due now.
      if (performance.now() - due > READ_EVERY_MS) due = performance.now() - READ_EVERY_MS;
    }
    await writes;
    const seconds = (performance.now() - began) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    readMs.sort((a, b) => a - b);
    const spans = batches.length * CONCURRENT_BATCH_SPANS;
    report('read-while-writing', {
      writer: writerThread ? 'thread' : 'event-loop',
      batchSpans: CONCURRENT_BATCH_SPANS,
      spansPerSecond: Math.round(spans / seconds),
      cpuSecondsPerMillionSpans: round(((cpu.user + cpu.system) / 1e6 / spans) * 1e6),
      reads: readMs.length,
      readP50Ms: round(percentile(readMs, 50)),
      readP99Ms: round(percentile(readMs, 99)),
      readMaxMs: round(readMs[readMs.length - 1]!),
    });
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

await main();
for (const writerThread of [true, false, true, false]) await readWhileWriting(writerThread);
