import type { Tag } from '@skein/model';
import { commonOptions, option, processesOption, parseOptionalHostPort, tlsServerOptions, parseBoolean, parseDurationMs, parseEnum, parseHostPort, parseInteger, parseList, type HostPort, type Option, type OptionValues } from '@skein/runtime';
import { parseCollectorTags } from './pipeline/enrich.js';
import { jaegerGrpcOptions, otlpGrpcOptions } from './receivers/grpc/options.js';
import { udpBinaryOptions, udpCompactOptions } from './receivers/udp/options.js';
import { samplingOptions } from './sampling/options.js';
import { SPAN_WRITER_KINDS, writerSection } from './writers/registry.js';

const MiB = 1024 * 1024;

export { parseOptionalHostPort };

function hostPortOption(flag: string, defaultPort: number, what: string): Option<HostPort | null> {
  return option({
    flag,
    description: `host:port of ${what}; empty or "off" disables it`,
    parse: parseOptionalHostPort,
    defaultValue: parseHostPort(`:${defaultPort}`),
    valueName: '<host:port>',
  });
}

const tlsOptions = tlsServerOptions;

function prefixed<P extends string, O extends Record<string, Option<unknown>>>(prefix: P, options: O): { [K in keyof O & string as `${P}${Capitalize<K>}`]: O[K] } {
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [`${prefix}${k[0]!.toUpperCase()}${k.slice(1)}`, v])) as never;
}

const byteSize = (min: number, max: number) => parseInteger(min, max);

/** Options of the collector itself (receivers, pipeline, queue, shutdown), under Jaeger's names where Jaeger has one. */
export const collectorCoreOptions = {
  ...commonOptions(14269),
  spanStorageType: option({
    flag: 'span-storage.type',
    env: 'SPAN_STORAGE_TYPE',
    description: `Where spans go: ${[...SPAN_WRITER_KINDS.keys()].join(', ')}`,
    parse: parseEnum([...SPAN_WRITER_KINDS.keys()]),
    defaultValue: 'kafka',
  }),

  // Receivers
  otlpEnabled: option({ flag: 'collector.otlp.enabled', description: 'Receive OTLP (HTTP 4318; gRPC 4317 when built)', parse: parseBoolean, defaultValue: true }),
  otlpHttpHostPort: hostPortOption('collector.otlp.http.host-port', 4318, 'the OTLP/HTTP receiver (POST /v1/traces)'),
  ...prefixed('otlpHttpTls', tlsOptions('collector.otlp.http', 'the OTLP/HTTP receiver')),
  httpServerHostPort: hostPortOption('collector.http-server.host-port', 14268, 'the Jaeger Thrift HTTP receiver (POST /api/traces, GET /api/sampling)'),
  ...prefixed('httpServerTls', tlsOptions('collector.http', 'the Jaeger HTTP receiver')),
  zipkinHostPort: hostPortOption('collector.zipkin.host-port', 9411, 'the Zipkin receiver (POST /api/v1/spans, /api/v2/spans); on by default, unlike Jaeger'),
  ...prefixed('zipkinTls', tlsOptions('collector.zipkin', 'the Zipkin receiver')),
  maxBodyBytes: option({
    flag: 'collector.http.max-body-size',
    description: 'Largest HTTP request body accepted, in bytes as sent (compressed); larger bodies get 413',
    parse: byteSize(1024, 1024 * MiB),
    defaultValue: 10 * MiB,
    valueName: '<bytes>',
  }),
  maxDecompressedBytes: option({
    flag: 'collector.http.max-decompressed-size',
    description: 'Largest HTTP request body after gzip/deflate decompression, in bytes (guards against gzip bombs)',
    parse: byteSize(1024, 1024 * MiB),
    defaultValue: 20 * MiB,
    valueName: '<bytes>',
  }),
  maxBytesInFlight: option({
    flag: 'collector.http.max-bytes-in-flight',
    description: 'Request body bytes all HTTP receivers read and decode at once; beyond it requests get 429 + Retry-After (bounds the memory of many large or hostile bodies)',
    parse: byteSize(1024 * 1024, 64 * 1024 * MiB),
    defaultValue: 64 * MiB,
    valueName: '<bytes>',
  }),

  // Queue and writer
  queueSize: option({ flag: 'collector.queue-size', description: 'Spans the queue holds (waiting or being written) before requests get 429', parse: parseInteger(1, 10_000_000), defaultValue: 20_000 }),
  queueSizeMemory: option({ flag: 'collector.queue-size-memory', description: 'Approximate MiB of spans the queue holds before requests get 429', parse: parseInteger(1, 64 * 1024), defaultValue: 64, valueName: '<MiB>' }),
  numWorkers: option({ flag: 'collector.num-workers', description: 'Batches handed to the span writer concurrently', parse: parseInteger(1, 1000), defaultValue: 4 }),
  batchMaxSpans: option({ flag: 'collector.queue.batch-size', description: 'Most spans per span-writer call', parse: parseInteger(1, 100_000), defaultValue: 1000 }),
  batchLinger: option({ flag: 'collector.queue.batch-linger', description: 'How long a worker waits for a batch to fill before writing (0 = write what arrived in the same turn of the event loop)', parse: parseDurationMs, defaultValue: 0, valueName: '<duration>' }),
  queueMaxWait: option({
    flag: 'collector.queue.max-wait',
    description: 'How long an accepted request waits for a failing span writer before it is answered 503',
    parse: parseDurationMs,
    defaultValue: 10_000,
    valueName: '<duration>',
  }),
  queueMaxDelay: option({
    flag: 'collector.queue.max-delay',
    description: 'Longest a request may wait behind the queue while the writer works: beyond it, 429 with Retry-After at once (0 = off)',
    parse: parseDurationMs,
    defaultValue: 5_000,
    valueName: '<duration>',
  }),
  writerRetryMaxInterval: option({ flag: 'collector.writer.retry-max-interval', description: 'Longest pause between retries of a failed batch (jittered exponential backoff from 100ms)', parse: parseDurationMs, defaultValue: 5_000, valueName: '<duration>' }),
  shutdownLinger: option({
    flag: 'collector.shutdown-linger',
    description: 'How long the ports stay open after SIGTERM, answering 503 + Retry-After with Connection: close so clients move elsewhere before they close',
    parse: parseDurationMs,
    defaultValue: 1_000,
    valueName: '<duration>',
  }),
  processes: processesOption('collector.processes', 'collector'),
  shutdownTimeout: option({ flag: 'collector.shutdown-timeout', description: 'How long SIGTERM waits for the queue to drain and the writer to close', parse: parseDurationMs, defaultValue: 25_000, valueName: '<duration>' }),

  // Pipeline
  collectorTags: option<Tag[]>({
    flag: 'collector.tags',
    description: 'Tags added to the process of every span: key=value,key2=${ENV_VAR:default}',
    parse: (raw) => parseCollectorTags(raw),
    defaultValue: [],
    valueName: '<key=value,…>',
  }),
  maxTagsPerSpan: option({ flag: 'collector.span.max-tags', description: 'Tags kept per span, process and log; the rest are dropped with a span warning', parse: parseInteger(1, 1_000_000), defaultValue: 1000 }),
  maxTagValueLength: option({ flag: 'collector.span.max-tag-value-length', description: 'Longest string/binary tag value kept; longer ones are truncated with a span warning', parse: parseInteger(16, 100 * MiB), defaultValue: 64 * 1024, valueName: '<chars>' }),
  maxSpanBytes: option({ flag: 'collector.span.max-size', description: 'Largest span accepted (approximate bytes, after truncation); larger spans are rejected', parse: parseInteger(1024, 100 * MiB), defaultValue: 900_000, valueName: '<bytes>' }),
  maxFuture: option({ flag: 'collector.span.max-future', description: 'How far in the future a span may start (clock skew allowance)', parse: parseDurationMs, defaultValue: 24 * 3_600_000, valueName: '<duration>' }),
  fastPath: option({
    flag: 'collector.fast-path',
    description: 'With span-storage.type=kafka and the protobuf encoding: transcode OTLP protobuf requests straight into Kafka records when every span passes the checks untouched (the same bytes as decoding them, at about half the CPU); false decodes every request into spans',
    parse: parseBoolean,
    defaultValue: true,
  }),
  maxDuration: option({ flag: 'collector.span.max-duration', description: 'Longest span duration accepted', parse: parseDurationMs, defaultValue: 7 * 24 * 3_600_000, valueName: '<duration>' }),

  // Multi-tenancy
  multiTenancyEnabled: option({ flag: 'multi-tenancy.enabled', description: 'Require a tenant header on every request', parse: parseBoolean, defaultValue: false }),
  multiTenancyHeader: option({ flag: 'multi-tenancy.header', description: 'HTTP header (gRPC metadata key) carrying the tenant', parse: (raw) => raw.trim().toLowerCase(), defaultValue: 'x-tenant' }),
  multiTenancyTenants: option({ flag: 'multi-tenancy.tenants', description: 'Comma-separated allowed tenants; empty allows any tenant', parse: parseList, defaultValue: [] as string[], valueName: '<tenant,…>' }),
};

/** Prefixes option keys with `section.` so sections with the same keys (tlsEnabled, hostPort…) share one table. */
function section<P extends string, O extends Record<string, Option<unknown>>>(prefix: P, options: O): { [K in keyof O & string as `${P}.${K}`]: O[K] } {
  return Object.fromEntries(Object.entries(options).map(([key, value]) => [`${prefix}.${key}`, value])) as never;
}

/** The values of one section, keys without the prefix. */
export function sectionValues<O extends Record<string, Option<unknown>>>(values: Record<string, unknown>, prefix: string, options: O): OptionValues<O> {
  return Object.fromEntries(Object.keys(options).map((key) => [key, values[`${prefix}.${key}`]])) as OptionValues<O>;
}

/** The gRPC and UDP receivers' own options, with host-ports that also accept "off". */
export const otlpGrpcSectionOptions = { ...otlpGrpcOptions, hostPort: hostPortOption('collector.otlp.grpc.host-port', 4317, 'the OTLP gRPC receiver') };
export const jaegerGrpcSectionOptions = { ...jaegerGrpcOptions, hostPort: hostPortOption('collector.grpc-server.host-port', 14250, 'the Jaeger gRPC receiver (PostSpans, SamplingManager)') };
export const udpCompactSectionOptions = { ...udpCompactOptions, hostPort: hostPortOption('processor.jaeger-compact.server-host-port', 6831, 'the UDP Thrift-compact emitBatch receiver') };
export const udpBinarySectionOptions = { ...udpBinaryOptions, hostPort: hostPortOption('processor.jaeger-binary.server-host-port', 6832, 'the UDP Thrift-binary emitBatch receiver') };
const { httpServerHostPort: _agentSamplingPort, ...collectorSamplingOptions } = samplingOptions;
export const samplingSectionOptions = collectorSamplingOptions;

/** Every option `skein collector` takes: core, each receiver's, sampling's, and every span writer kind's. */
export const collectorOptions = {
  ...collectorCoreOptions,
  ...section('otlpGrpc', otlpGrpcSectionOptions),
  ...section('jaegerGrpc', jaegerGrpcSectionOptions),
  ...section('udpCompact', udpCompactSectionOptions),
  ...section('udpBinary', udpBinarySectionOptions),
  ...section('sampling', samplingSectionOptions),
  ...Object.assign({}, ...[...SPAN_WRITER_KINDS.values()].map((kind) => section(writerSection(kind), kind.options))),
} as typeof collectorCoreOptions & Record<string, Option<unknown>>;

export type CollectorCoreConfig = OptionValues<typeof collectorCoreOptions>;

/** Loaded option values: the typed core plus the sectioned values of receivers, sampling and writers. */
export type CollectorConfig = CollectorCoreConfig & Record<string, unknown>;
