import { createLogger, createMetricsRegistry, HealthRegistry, startAdminServer, type AdminServer, type HostPort, type Logger, type Registry } from '@skein/runtime';
import { DEFAULT_RETRY } from './ingest/backoff.js';
import { QueuedSpanIngest } from './ingest/queued-ingest.js';
import type { ClosableSpanIngest } from './ingest/span-ingest.js';
import { CollectorMetrics } from './metrics.js';
import {
  collectorOptions,
  jaegerGrpcSectionOptions,
  otlpGrpcSectionOptions,
  samplingSectionOptions,
  sectionValues,
  udpBinarySectionOptions,
  udpCompactSectionOptions,
  type CollectorConfig,
  type CollectorCoreConfig,
} from './options.js';
import { createPipeline, transcodePlanOf, type PipelineConfig } from './pipeline/pipeline.js';
import { DEFAULT_MIN_START_MICROS } from './pipeline/validate.js';
import { createJaegerGrpcReceiver, createOtlpGrpcReceiver } from './receivers/grpc/index.js';
import { BodyBudget, DecodeOffload, HttpReceiver, registerJaegerHttpRoutes, registerOtlpHttpRoutes, registerZipkinRoutes, type TlsFiles } from './receivers/http/index.js';
import type { Receiver } from './receivers/receiver.js';
import { createUdpBinaryReceiver, createUdpCompactReceiver } from './receivers/udp/index.js';
import { FileStrategyStore, registerSamplingRoutes, type StrategyStore } from './sampling/index.js';
import type { ManagedSpanWriter } from './writers/managed-writer.js';
import { spanWriterKind, writerSection } from './writers/registry.js';

export interface CollectorDeps {
  logger?: Logger;
  /** Metrics registry to add the collector's metrics to (the all-in-one shares one). */
  registry?: Registry;
  health?: HealthRegistry;
  /** A writer built by the host (all-in-one: its embedded store) instead of one from `SPAN_STORAGE_TYPE`. */
  writer?: ManagedSpanWriter;
  strategies?: StrategyStore;
  /** false: the host serves `/metrics` and `/readyz` itself. */
  adminServer?: boolean;
  /**
   * An ingest built by the host instead of the queue in front of `writer` (the all-in-one's ingest threads, which
   * decode, check and keep spans off the event loop, with the pipeline {@link pipelineConfigOf} sets up).
   */
  ingest?: (context: { metrics: CollectorMetrics; logger: Logger }) => ClosableSpanIngest;
}

export interface CollectorHandle {
  /** Bound address of every started receiver, by receiver name (real ports when 0 was configured). */
  readonly addresses: Readonly<Record<string, { host: string; port: number }>>;
  readonly admin: HostPort | undefined;
  readonly ingest: ClosableSpanIngest;
  readonly metrics: CollectorMetrics;
  readonly registry: Registry;
  readonly health: HealthRegistry;
  readonly writer: ManagedSpanWriter;
  /**
   * Graceful stop: refuse new spans, stop the receivers (in-flight requests finish), drain the queue within
   * `--collector.shutdown-timeout`, close the writer, the strategy store and the admin server. Safe to call twice.
   */
  stop(): Promise<void>;
}

const MiB = 1024 * 1024;

function tlsFiles(enabled: boolean, cert: string, key: string, clientCa: string, flagPrefix: string): TlsFiles | undefined {
  if (!enabled) return undefined;
  if (!cert || !key) throw new Error(`--${flagPrefix}.tls.enabled needs --${flagPrefix}.tls.cert and --${flagPrefix}.tls.key`);
  return { certPath: cert, keyPath: key, ...(clientCa ? { clientCaPath: clientCa } : {}) };
}

/** Builds and starts a collector from loaded options (see {@link collectorOptions}). */
export async function startCollector(config: CollectorConfig, deps: CollectorDeps = {}): Promise<CollectorHandle> {
  const logger = deps.logger ?? createLogger({ component: 'collector', level: config.logLevel });
  const registry = deps.registry ?? createMetricsRegistry();
  const health = deps.health ?? new HealthRegistry();
  const metrics = new CollectorMetrics(registry);
  const cleanups: Array<() => Promise<void> | void> = [];
  const cleanUp = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        logger.error({ err: error }, 'collector cleanup step failed');
      }
    }
  };

  try {
    const writer = deps.writer ?? (await createWriter(config, logger, registry));
    cleanups.push(() => writer.close());
    health.addReadinessCheck(`span-writer:${writer.backend}`, () => writer.checkReady());

    const ingest = deps.ingest ? deps.ingest({ metrics, logger }) : queuedIngest(config, writer, pipelineConfigOf(config), metrics, logger);
    cleanups.push(() => ingest.close(0));

    const strategies = deps.strategies ?? (await openStrategies(config, logger));
    if (!deps.strategies) cleanups.push(() => (strategies as FileStrategyStore).close());

    const offload = new DecodeOffload();
    cleanups.push(() => offload.close());
    const receivers = buildReceivers(config, { ingest, metrics, logger, strategies, offload });
    for (const receiver of receivers) {
      await receiver.start();
      cleanups.push(() => receiver.stop());
    }

    let admin: AdminServer | undefined;
    if (deps.adminServer !== false) {
      admin = await startAdminServer({ hostPort: config.adminHostPort, metrics: registry, health, logger });
      cleanups.push(() => admin!.close());
    }

    const addresses: Record<string, { host: string; port: number }> = {};
    for (const receiver of receivers) {
      const address = receiver.address();
      if (address) addresses[receiver.name] = address;
    }
    logger.info({ receivers: addresses, writer: writer.backend }, 'collector started');

    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> => {
      stopping ??= (async () => {
        health.markShuttingDown();
        // Refuse new spans at once (503 + Retry-After, UNAVAILABLE) while the queue drains and in-flight requests get
        // their answers; the ports stay open meanwhile, so every client hears why instead of a reset or a refusal.
        for (const receiver of receivers) receiver.beginShutdown?.();
        const linger = new Promise((resolve) => setTimeout(resolve, Math.min(config.shutdownLinger, config.shutdownTimeout)));
        await Promise.all([ingest.close(config.shutdownTimeout), linger]);
        await Promise.allSettled(receivers.map((receiver) => receiver.stop()));
        await offload.close();
        await writer.close().catch((error: unknown) => logger.error({ err: error }, 'closing the span writer failed'));
        if (!deps.strategies) (strategies as FileStrategyStore).close();
        await admin?.close();
        logger.info('collector stopped');
      })();
      return stopping;
    };
    return { addresses, admin: admin?.address, ingest, metrics, registry, health, writer, stop };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** The pipeline's settings from the collector's options: the time window, the limits and the added tags. */
export function pipelineConfigOf(config: Pick<CollectorCoreConfig, 'maxFuture' | 'maxDuration' | 'maxTagsPerSpan' | 'maxTagValueLength' | 'maxSpanBytes' | 'collectorTags'>): PipelineConfig {
  return {
    window: { minStartMicros: DEFAULT_MIN_START_MICROS, maxFutureMicros: config.maxFuture * 1000, maxDurationMicros: config.maxDuration * 1000 },
    limits: { maxTags: config.maxTagsPerSpan, maxTagValueLength: config.maxTagValueLength, maxSpanBytes: config.maxSpanBytes },
    collectorTags: config.collectorTags,
  };
}

/** The collector's own ingest: the pipeline, then the bounded queue in front of the span writer. */
function queuedIngest(config: CollectorConfig, writer: ManagedSpanWriter, pipelineConfig: PipelineConfig, metrics: CollectorMetrics, logger: Logger): QueuedSpanIngest {
  const pipeline = createPipeline(pipelineConfig, { onFix: (fix) => metrics.spansSanitized.inc({ fix }) });
  return new QueuedSpanIngest({
    writer: writer.writer,
    pipeline,
    ...(writer.protobufRecords && config.fastPath ? { fastPath: { records: writer.protobufRecords, plan: transcodePlanOf(pipelineConfig) } } : {}),
    tenancy: { enabled: config.multiTenancyEnabled, header: config.multiTenancyHeader, tenants: config.multiTenancyTenants },
    settings: {
      maxSpans: config.queueSize,
      maxBytes: config.queueSizeMemory * MiB,
      workers: config.numWorkers,
      maxBatchSpans: config.batchMaxSpans,
      lingerMs: config.batchLinger,
      maxWaitMs: config.queueMaxWait,
      maxDelayMs: config.queueMaxDelay,
      retry: { initialMs: DEFAULT_RETRY.initialMs, maxMs: config.writerRetryMaxInterval },
    },
    metrics,
    logger,
  });
}

async function createWriter(config: CollectorConfig, logger: Logger, registry: Registry): Promise<ManagedSpanWriter> {
  const kind = spanWriterKind(config.spanStorageType);
  return kind.create(sectionValues(config, writerSection(kind), kind.options), { logger, metrics: registry });
}

async function openStrategies(config: CollectorConfig, logger: Logger): Promise<FileStrategyStore> {
  const sampling = sectionValues(config, 'sampling', samplingSectionOptions);
  return FileStrategyStore.open({
    strategiesFile: sampling.strategiesFile,
    reloadIntervalMs: sampling.strategiesReloadIntervalMs,
    defaultProbability: sampling.defaultSamplingProbability,
    logger,
  });
}

function buildReceivers(
  config: CollectorConfig,
  deps: { ingest: ClosableSpanIngest; metrics: CollectorMetrics; logger: Logger; strategies: StrategyStore; offload: DecodeOffload },
): Receiver[] {
  const { ingest, metrics, logger, strategies } = deps;
  const limits = { maxBytes: config.maxBodyBytes, maxDecompressedBytes: config.maxDecompressedBytes };
  const budget = new BodyBudget(config.maxBytesInFlight);
  const http = { limits, budget, offload: deps.offload, ingest, metrics, logger, tenantHeader: config.multiTenancyHeader };
  const receivers: Receiver[] = [];

  if (config.otlpEnabled && config.otlpHttpHostPort) {
    const tls = tlsFiles(config.otlpHttpTlsEnabled, config.otlpHttpTlsCert, config.otlpHttpTlsKey, config.otlpHttpTlsClientCa, 'collector.otlp.http');
    receivers.push(new HttpReceiver({ ...http, name: 'otlp-http', hostPort: config.otlpHttpHostPort, ...(tls ? { tls } : {}) }, registerOtlpHttpRoutes));
  }
  if (config.httpServerHostPort) {
    const tls = tlsFiles(config.httpServerTlsEnabled, config.httpServerTlsCert, config.httpServerTlsKey, config.httpServerTlsClientCa, 'collector.http');
    receivers.push(
      new HttpReceiver({ ...http, name: 'jaeger-http', hostPort: config.httpServerHostPort, ...(tls ? { tls } : {}) }, (app, tools) => {
        registerJaegerHttpRoutes(app, tools);
        registerSamplingRoutes(app, strategies, { basePath: '/api' });
      }),
    );
  }
  if (config.zipkinHostPort) {
    const tls = tlsFiles(config.zipkinTlsEnabled, config.zipkinTlsCert, config.zipkinTlsKey, config.zipkinTlsClientCa, 'collector.zipkin');
    receivers.push(new HttpReceiver({ ...http, name: 'zipkin', hostPort: config.zipkinHostPort, ...(tls ? { tls } : {}) }, registerZipkinRoutes));
  }

  const grpcDeps = { ingest, metrics, logger, tenantHeader: config.multiTenancyHeader, shutdownTimeoutMs: config.shutdownTimeout };
  const otlpGrpc = sectionValues(config, 'otlpGrpc', otlpGrpcSectionOptions);
  if (config.otlpEnabled && otlpGrpc.hostPort) receivers.push(createOtlpGrpcReceiver(grpcDeps, { ...otlpGrpc, hostPort: otlpGrpc.hostPort }));
  const jaegerGrpc = sectionValues(config, 'jaegerGrpc', jaegerGrpcSectionOptions);
  if (jaegerGrpc.hostPort) receivers.push(createJaegerGrpcReceiver({ ...grpcDeps, strategies }, { ...jaegerGrpc, hostPort: jaegerGrpc.hostPort }));

  const udpDeps = { ingest, metrics, logger, shutdownTimeoutMs: Math.min(5_000, config.shutdownTimeout) };
  const udpCompact = sectionValues(config, 'udpCompact', udpCompactSectionOptions);
  if (udpCompact.hostPort) receivers.push(createUdpCompactReceiver(udpDeps, { ...udpCompact, hostPort: udpCompact.hostPort }));
  const udpBinary = sectionValues(config, 'udpBinary', udpBinarySectionOptions);
  if (udpBinary.hostPort) receivers.push(createUdpBinaryReceiver(udpDeps, { ...udpBinary, hostPort: udpBinary.hostPort }));
  return receivers;
}

export { collectorOptions };
