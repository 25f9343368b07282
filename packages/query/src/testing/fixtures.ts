import type { Span, Tag } from '@skein/model';
import { MemoryStorage, type TraceLogReader } from '@skein/storage';
import { createLogger, createMetricsRegistry, type Registry } from '@skein/runtime';
import { startQueryService, type QueryServerOptions, type RunningQueryService } from '../server.js';
import { archiveStorageOf, spanMetricsReaderOf } from '../query-service.js';

/** The clock of every HTTP test: 2023-11-14T22:13:20Z in µs. */
export const NOW = 1_700_000_000_000_000;
const MINUTE = 60_000_000;

/** A 64-bit trace id (high half zero), so Jaeger prints it with 16 digits. */
export const SHORT_TRACE_ID = '0000000000000000000000000000a001';
export const LONG_TRACE_ID = 'f0000000000000010000000000000b02';
export const ZIPKIN_TRACE_ID = '00000000000000000000000000000c03';
export const BIG_INT64 = 9223372036854775807n;

export function span(overrides: Partial<Span> & Pick<Span, 'traceId' | 'spanId'>): Span {
  return {
    operationName: 'op',
    references: [],
    flags: 1,
    startTime: NOW - 10 * MINUTE,
    duration: 1000,
    tags: [],
    logs: [],
    process: { serviceName: 'svc', tags: [] },
    warnings: [],
    ...overrides,
  };
}

const kind = (value: string): Tag => ({ key: 'span.kind', type: 'string', value });

/**
 * frontend (server, root) → frontend client span → backend server span. Every tag type, a log, an int64 beyond 2^53,
 * and the backend clock 5 ms behind (its server span starts before the client's).
 */
export function shortTrace(): Span[] {
  const start = NOW - 10 * MINUTE;
  const frontend = { serviceName: 'frontend', tags: [{ key: 'ip', type: 'string', value: '10.0.0.1' } as Tag] };
  return [
    span({
      traceId: SHORT_TRACE_ID,
      spanId: '00000000000000a1',
      operationName: 'GET /dispatch',
      startTime: start,
      duration: 10_000,
      tags: [
        { key: 'z.string', type: 'string', value: 'hello' },
        kind('server'),
        { key: 'big', type: 'int64', value: BIG_INT64 },
        { key: 'small', type: 'int64', value: -42n },
        { key: 'ratio', type: 'float64', value: 0.25 },
        { key: 'error', type: 'bool', value: true },
        { key: 'blob', type: 'binary', value: new Uint8Array([1, 2, 255]) },
        { key: 'http.status_code', type: 'int64', value: 500n },
      ],
      logs: [
        { timestamp: start + 2000, fields: [{ key: 'message', type: 'string', value: 'second' }] },
        { timestamp: start + 1000, fields: [{ key: 'b', type: 'string', value: 'x' }, { key: 'event', type: 'string', value: 'first' }] },
      ],
      process: frontend,
    }),
    span({
      traceId: SHORT_TRACE_ID,
      spanId: '00000000000000a2',
      operationName: 'HTTP GET backend',
      startTime: start + 1000,
      duration: 8000,
      references: [{ refType: 'CHILD_OF', traceId: SHORT_TRACE_ID, spanId: '00000000000000a1' }],
      tags: [kind('client')],
      process: frontend,
    }),
    span({
      traceId: SHORT_TRACE_ID,
      spanId: '00000000000000a3',
      operationName: 'GET /backend',
      startTime: start - 4000, // 5 ms before its client: the backend's clock is behind
      duration: 6000,
      flags: 0,
      references: [
        { refType: 'FOLLOWS_FROM', traceId: SHORT_TRACE_ID, spanId: '00000000000000a1' },
        { refType: 'CHILD_OF', traceId: SHORT_TRACE_ID, spanId: '00000000000000a2' },
      ],
      tags: [kind('server')],
      process: { serviceName: 'backend', tags: [{ key: 'ip', type: 'string', value: '10.0.0.2' }] },
    }),
  ];
}

/** A 128-bit trace of the backend alone: one slow span (2 s) five minutes ago. */
export function longTrace(): Span[] {
  return [
    span({
      traceId: LONG_TRACE_ID,
      spanId: '00000000000000b1',
      operationName: 'batch job',
      startTime: NOW - 5 * MINUTE,
      duration: 2_000_000,
      tags: [kind('internal'), { key: 'job', type: 'string', value: 'a:b:c' }],
      process: { serviceName: 'backend', tags: [{ key: 'host.name', type: 'string', value: 'worker-1' }] },
    }),
  ];
}

/** Zipkin-style: client and server share span id c2. */
export function zipkinTrace(): Span[] {
  return [
    span({ traceId: ZIPKIN_TRACE_ID, spanId: '00000000000000c1', operationName: 'root', startTime: NOW - 3 * MINUTE, duration: 5000, tags: [kind('server')], process: { serviceName: 'zipkin-a', tags: [] } }),
    span({
      traceId: ZIPKIN_TRACE_ID,
      spanId: '00000000000000c2',
      operationName: 'call',
      startTime: NOW - 3 * MINUTE + 100,
      duration: 3000,
      references: [{ refType: 'CHILD_OF', traceId: ZIPKIN_TRACE_ID, spanId: '00000000000000c1' }],
      tags: [kind('client')],
      process: { serviceName: 'zipkin-a', tags: [] },
    }),
    span({
      traceId: ZIPKIN_TRACE_ID,
      spanId: '00000000000000c2',
      operationName: 'call',
      startTime: NOW - 3 * MINUTE + 200,
      duration: 2000,
      references: [{ refType: 'CHILD_OF', traceId: ZIPKIN_TRACE_ID, spanId: '00000000000000c1' }],
      tags: [kind('server')],
      process: { serviceName: 'zipkin-b', tags: [] },
    }),
  ];
}

/** `count` one-span frontend traces a minute apart, ids d…01, d…02, … (newest last), three days back at most. */
export function manyTraces(count: number): Span[] {
  return Array.from({ length: count }, (_, i) =>
    span({
      traceId: `d${(i + 1).toString(16).padStart(31, '0')}`,
      spanId: '00000000000000d1',
      operationName: 'GET /many',
      startTime: NOW - 2 * 86_400_000_000 - 60 * MINUTE + i * MINUTE,
      tags: [kind('server')],
      process: { serviceName: 'many', tags: [] },
    }),
  );
}

export interface TestServer {
  base: string;
  server: RunningQueryService;
  storage: MemoryStorage;
  metrics: Registry;
  get(path: string): Promise<{ status: number; text: string; json: any; contentType: string | null }>;
  stop(): Promise<void>;
}

/** The query service on 127.0.0.1:0 over a memory store holding the fixture traces. */
export async function startTestServer(
  options: Partial<QueryServerOptions> = {},
  spans?: Span[],
  { withArchive = false, withSpanMetrics = false, traceLogs }: { withArchive?: boolean; withSpanMetrics?: boolean; traceLogs?: TraceLogReader } = {},
): Promise<TestServer> {
  const storage = new MemoryStorage();
  await storage.createSpanWriter().writeSpans(spans ?? [...shortTrace(), ...longTrace(), ...zipkinTrace(), ...manyTraces(5)]);
  const metrics = createMetricsRegistry();
  const server = await startQueryService({
    reader: storage.createSpanReader(),
    dependencyReader: storage.createDependencyReader(),
    archive: withArchive ? archiveStorageOf(storage) : undefined,
    spanMetrics: withSpanMetrics ? spanMetricsReaderOf(storage) : undefined,
    traceLogs,
    options: { hostPort: { host: '127.0.0.1', port: 0 }, ...options },
    logger: createLogger({ component: 'query-test', level: 'silent' }),
    metrics,
    nowMicros: () => NOW,
  });
  const base = `http://127.0.0.1:${server.address.port}`;
  return {
    base,
    server,
    storage,
    metrics,
    async get(path: string) {
      const response = await fetch(base + path);
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, text, json, contentType: response.headers.get('content-type') };
    },
    stop: async () => {
      await server.stop();
      await storage.close();
    },
  };
}
