import { readFileSync } from 'node:fs';
import { credentials, type ChannelCredentials } from '@grpc/grpc-js';
import {
  CollectorMetrics,
  createSamplingHttpServer,
  createUdpBinaryReceiver,
  createUdpCompactReceiver,
  createUdpZipkinCompactReceiver,
  type Receiver,
  type UdpReceiver,
} from '@skein/collector';
import { createLogger, createMetricsRegistry, HealthRegistry, startAdminServer, type AdminServer, type HostPort, type Logger, type Registry } from '@skein/runtime';
import { CollectorPool } from './collector-pool.js';
import { ForwardingIngest } from './forwarding-ingest.js';
import { ReporterMetrics } from './metrics.js';
import { agentConfigProblems, BYTES_PER_MIB, processorConfig, type AgentConfig } from './options.js';
import { Reporter } from './reporter.js';
import { CollectorStrategySource } from './sampling-proxy.js';
import { SpanBuffer } from './span-buffer.js';

export interface AgentDeps {
  logger?: Logger;
  registry?: Registry;
  /** Resolves collector names (tests); default: the system resolver. */
  resolve?: (host: string) => Promise<string[]>;
}

export interface AgentHandle {
  /** Bound address of every listener by name (real ports when 0 was configured). */
  readonly addresses: Readonly<Record<string, { host: string; port: number }>>;
  readonly admin: HostPort;
  readonly registry: Registry;
  /** Spans buffered now (waiting or being sent). */
  bufferedSpans(): number;
  /** Stops the UDP ports, sends what is buffered within `--agent.shutdown-timeout`, then closes. Safe to call twice. */
  stop(): Promise<void>;
}

/** Backoff between rounds of retries while no collector takes a batch. */
const RETRY_BACKOFF = { initialMs: 200, maxMs: 5_000 };

export class AgentConfigError extends Error {
  override readonly name = 'AgentConfigError';
}

/** Builds and starts an agent from loaded options (see `agentOptions`). */
export async function startAgent(config: AgentConfig, deps: AgentDeps = {}): Promise<AgentHandle> {
  const problems = agentConfigProblems(config);
  if (problems.length > 0) throw new AgentConfigError(problems.join('\n'));
  const logger = deps.logger ?? createLogger({ component: 'agent', level: config.logLevel });
  const registry = deps.registry ?? createMetricsRegistry();
  const health = new HealthRegistry();
  const receiverMetrics = new CollectorMetrics(registry, 'skein_agent');
  const metrics = new ReporterMetrics(registry);
  const buffer = new SpanBuffer({ spans: config.queueSize, bytes: config.queueSizeMemory * BYTES_PER_MIB });
  const pool = new CollectorPool({
    targets: config.collectors,
    credentials: channelCredentials(config),
    ...(config.tlsServerName ? { tlsServerName: config.tlsServerName } : {}),
    refreshIntervalMs: config.dnsRefreshInterval,
    logger,
    ...(deps.resolve ? { resolve: deps.resolve } : {}),
    onAddresses: (count) => metrics.collectorAddresses.set(count),
  });
  const reporter = new Reporter(
    buffer,
    pool,
    { batchSize: config.batchSize, senders: config.senders, retryMax: config.retryMax, callTimeoutMs: config.callTimeout, backoff: RETRY_BACKOFF },
    metrics,
    logger,
  );
  const ingest = new ForwardingIngest(buffer, config.agentTags, receiverMetrics, metrics);
  const udpDeps = { ingest, metrics: receiverMetrics, logger, shutdownTimeoutMs: Math.min(5_000, config.shutdownTimeout) };
  const udpReceivers: UdpReceiver[] = [];
  const compact = processorConfig(config, 'jaegerCompact');
  if (compact) udpReceivers.push(createUdpCompactReceiver(udpDeps, compact));
  const binary = processorConfig(config, 'jaegerBinary');
  if (binary) udpReceivers.push(createUdpBinaryReceiver(udpDeps, binary));
  const zipkin = processorConfig(config, 'zipkinCompact');
  if (zipkin) udpReceivers.push(createUdpZipkinCompactReceiver(udpDeps, zipkin));
  const sampling: Receiver | undefined = config.httpServerHostPort
    ? createSamplingHttpServer({ hostPort: config.httpServerHostPort, store: new CollectorStrategySource(pool, config.callTimeout), logger })
    : undefined;
  const listeners: Receiver[] = [...udpReceivers, ...(sampling ? [sampling] : [])];

  const started: Array<() => Promise<void> | void> = [];
  let admin: AdminServer | undefined;
  try {
    await pool.start();
    started.push(() => pool.close());
    reporter.start();
    started.push(() => reporter.drain(0));
    for (const listener of listeners) {
      await listener.start();
      started.push(() => listener.stop());
    }
    health.addReadinessCheck('collectors', async () => {
      const problem = reporter.deliveryProblem();
      if (problem) throw new Error(problem);
    });
    admin = await startAdminServer({ hostPort: config.adminHostPort, metrics: registry, health, logger });
  } catch (error) {
    for (const undo of started.reverse()) await undo();
    throw error;
  }

  const addresses: Record<string, { host: string; port: number }> = {};
  for (const listener of listeners) {
    const address = listener.address();
    if (address) addresses[listener.name] = address;
  }
  logger.info({ listeners: addresses, collectors: config.collectors.map((c) => `${c.host}:${c.port}`), resolved: pool.addresses() }, 'agent started');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      health.markShuttingDown();
      // The UDP ports close first and their queued datagrams are decoded into the buffer, which then drains.
      await Promise.allSettled(udpReceivers.map((receiver) => receiver.stop()));
      ingest.close();
      await reporter.drain(config.shutdownTimeout);
      await sampling?.stop();
      pool.close();
      await admin!.close();
      const [received, delivered, dropped] = await Promise.all(
        ['skein_agent_spans_received_total', 'skein_agent_reporter_spans_submitted_total', 'skein_agent_reporter_spans_dropped_total'].map((name) => counterValue(registry, name)),
      );
      logger.info({ received, delivered, dropped }, 'agent stopped');
    })();
    return stopping;
  };
  return { addresses, admin: admin.address, registry, bufferedSpans: () => buffer.spans, stop };
}

function channelCredentials(config: AgentConfig): ChannelCredentials {
  if (!config.tlsEnabled) return credentials.createInsecure();
  const read = (path: string, flag: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new AgentConfigError(`cannot read ${flag} ${path}: ${(error as Error).message}`);
    }
  };
  const ca = config.tlsCa ? read(config.tlsCa, '--reporter.grpc.tls.ca') : null;
  const key = config.tlsKey ? read(config.tlsKey, '--reporter.grpc.tls.key') : null;
  const cert = config.tlsCert ? read(config.tlsCert, '--reporter.grpc.tls.cert') : null;
  return credentials.createSsl(ca, key, cert, config.tlsSkipHostVerify ? { checkServerIdentity: () => undefined, rejectUnauthorized: false } : {});
}

async function counterValue(registry: Registry, name: string): Promise<number> {
  const metric = registry.getSingleMetric(name);
  const values = metric ? (await metric.get()).values : [];
  return values.reduce((sum, entry) => sum + entry.value, 0);
}
