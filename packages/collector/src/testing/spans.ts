/** Span and collector fixtures for the collector's own tests (not built, not exported). */
import { randomBytes } from 'node:crypto';
import type { Span } from '@skein/model';
import { createLogger, createMetricsRegistry, loadConfig } from '@skein/runtime';
import { MemoryStorage } from '@skein/storage';
import { startCollector, type CollectorHandle } from '../collector.js';
import { collectorOptions, type CollectorConfig } from '../options.js';
import { storageWriter } from '../writers/storage-writer.js';

export const hexId = (bytes: number): string => randomBytes(bytes).toString('hex');

export function testSpan(overrides: Partial<Span> = {}): Span {
  return {
    traceId: hexId(16),
    spanId: hexId(8),
    operationName: 'GET /users',
    references: [],
    flags: 1,
    startTime: Date.now() * 1000,
    duration: 1234,
    tags: [
      { key: 'http.method', type: 'string', value: 'GET' },
      { key: 'http.status_code', type: 'int64', value: 200n },
    ],
    logs: [],
    process: { serviceName: 'users', tags: [{ key: 'hostname', type: 'string', value: 'h1' }] },
    warnings: [],
    ...overrides,
  };
}

/** Loaded collector options with every listener on a free loopback port and UDP/gRPC off unless asked. */
export function testConfig(flags: Record<string, string> = {}): CollectorConfig {
  return loadConfig(
    collectorOptions,
    {
      'admin.http.host-port': '127.0.0.1:0',
      'log-level': 'silent',
      'span-storage.type': 'memory',
      'collector.otlp.http.host-port': '127.0.0.1:0',
      'collector.http-server.host-port': '127.0.0.1:0',
      'collector.zipkin.host-port': '127.0.0.1:0',
      'collector.otlp.grpc.host-port': 'off',
      'collector.grpc-server.host-port': 'off',
      'processor.jaeger-compact.server-host-port': 'off',
      'processor.jaeger-binary.server-host-port': 'off',
      ...flags,
    },
    {},
  ) as CollectorConfig;
}

/** A collector writing to a fresh memory store, for receiver tests. */
export async function startTestCollector(flags: Record<string, string> = {}): Promise<{ collector: CollectorHandle; storage: MemoryStorage; url: (receiver: string, path: string) => string }> {
  const storage = new MemoryStorage();
  const collector = await startCollector(testConfig(flags), {
    logger: createLogger({ component: 'collector-test', level: 'silent' }),
    registry: createMetricsRegistry(),
    writer: storageWriter('memory', storage),
  });
  const url = (receiver: string, path: string): string => {
    const address = collector.addresses[receiver];
    if (!address) throw new Error(`receiver ${receiver} is not running (running: ${Object.keys(collector.addresses).join(', ')})`);
    return `http://127.0.0.1:${address.port}${path}`;
  };
  return { collector, storage, url };
}
