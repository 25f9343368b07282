/**
 * A collector in its own process, for benchmarks and profiling: the load generator runs elsewhere, so the CPU and
 * RSS read from /proc belong to the collector alone. Writer from BENCH_WRITER (`null` | `memory` | `kafka`, or
 * `kafka-decoded`: Kafka with `--collector.fast-path=false`),
 * extra options as JSON in BENCH_OPTIONS (with `collector.processes` above 1, this process is the primary of that many
 * collector processes). Prints one JSON line `{"addresses": …}` once listening; SIGTERM stops
 * it cleanly (so `node --cpu-prof` writes its profile). Compiled into dist so benchmarks run the shipped code.
 */
import cluster from 'node:cluster';
import { createLogger, loadConfig, serveGroupPrimary, startProcessGroup } from '@skein/runtime';
import { MemoryStorage } from '@skein/storage';
import { startCollector } from '../collector.js';
import { collectorOptions, type CollectorConfig } from '../options.js';
import type { ManagedSpanWriter } from '../writers/managed-writer.js';
import { storageWriter } from '../writers/storage-writer.js';

const nullWriter: ManagedSpanWriter = { backend: 'null', writer: { writeSpans: async () => undefined }, checkReady: async () => undefined, close: async () => undefined };

function writerFor(name: string): ManagedSpanWriter | undefined {
  if (name === 'null') return nullWriter;
  if (name === 'memory') return storageWriter('memory', new MemoryStorage({ maxTraces: 5_000 }));
  return undefined; // built by the collector from the options (kafka, kafka-decoded)
}

const extra = JSON.parse(process.env.BENCH_OPTIONS ?? '{}') as Record<string, string>;
const config = loadConfig(
  collectorOptions,
  {
    'admin.http.host-port': '127.0.0.1:0',
    'log-level': 'warn',
    'collector.otlp.http.host-port': '127.0.0.1:0',
    'collector.http-server.host-port': '127.0.0.1:0',
    'collector.zipkin.host-port': 'off',
    'collector.otlp.grpc.host-port': '127.0.0.1:0',
    'collector.grpc-server.host-port': 'off',
    'processor.jaeger-compact.server-host-port': 'off',
    'processor.jaeger-binary.server-host-port': 'off',
    ...extra,
  },
  {},
) as CollectorConfig;
const logger = createLogger({ component: 'bench-collector', level: 'warn' });
if (config.processes > 1 && cluster.isPrimary) {
  // `collector.processes` in BENCH_OPTIONS: this process is the primary and runs again as each collector process.
  const primary = await startProcessGroup({ component: 'collector', processes: config.processes, adminHostPort: config.adminHostPort, stopTimeoutMs: config.shutdownTimeout, logger });
  process.stdout.write(`${JSON.stringify({ addresses: primary.addresses, admin: primary.admin })}\n`);
  process.once('SIGTERM', () => {
    void primary.stop().then((code) => process.exit(code));
  });
} else {
  const writer = writerFor(process.env.BENCH_WRITER ?? 'null');
  const collector = await startCollector(config, { logger, adminServer: cluster.isPrimary, ...(writer ? { writer } : {}) });
  const release = cluster.isWorker ? serveGroupPrimary(collector) : undefined;
  if (cluster.isPrimary) process.stdout.write(`${JSON.stringify({ addresses: collector.addresses, admin: collector.admin })}\n`);
  process.once('SIGTERM', () => {
    void collector.stop().then(() => {
      release?.();
      process.exit(0);
    });
  });
}
