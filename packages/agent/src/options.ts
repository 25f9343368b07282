import { udpProcessorOptions, type UdpReceiverConfig } from '@skein/collector';
import { commonOptions, option, parseBoolean, parseDurationMs, parseEnum, parseHostPort, parseInteger, parseOptionalHostPort, type HostPort, type Option, type OptionValues } from '@skein/runtime';
import { parseAgentTags } from './agent-tags.js';

const MiB = 1024 * 1024;

/** Jaeger's three UDP processors of the agent, with Jaeger's ports; each can be switched off with an empty host-port. */
export const UDP_PROCESSORS = [
  { key: 'jaegerCompact', processor: 'jaeger-compact', port: 6831 },
  { key: 'jaegerBinary', processor: 'jaeger-binary', port: 6832 },
  { key: 'zipkinCompact', processor: 'zipkin-compact', port: 5775 },
] as const;

type ProcessorKey = (typeof UDP_PROCESSORS)[number]['key'];

function processorOptions(processor: (typeof UDP_PROCESSORS)[number]) {
  const options = udpProcessorOptions(processor.processor, processor.port);
  return {
    ...options,
    hostPort: option({
      flag: `processor.${processor.processor}.server-host-port`,
      description: `host:port of the UDP ${processor.processor} receiver; empty or "off" switches it off`,
      parse: parseOptionalHostPort,
      defaultValue: parseHostPort(`:${processor.port}`) as HostPort | null,
      valueName: '<host:port>',
    }),
  };
}

/** `host:port[,host:port…]` of the collectors; DNS names are resolved again every refresh interval. */
function parseCollectorList(raw: string): HostPort[] {
  const items = raw.split(',').map((item) => item.trim()).filter(Boolean);
  return items.map((item) => {
    const hostPort = parseHostPort(item);
    if (hostPort.host === '0.0.0.0') throw new Error(`"${item}" names no host: give the collectors' address, e.g. "skein-collector:14250"`);
    return hostPort;
  });
}

export const agentCoreOptions = {
  ...commonOptions(14271),
  httpServerHostPort: option({
    flag: 'http-server.host-port',
    description: 'host:port of the sampling server (GET /sampling?service=, legacy GET /?service=), answered by the collectors; empty switches it off',
    parse: parseOptionalHostPort,
    defaultValue: parseHostPort(':5778') as HostPort | null,
    valueName: '<host:port>',
  }),
  agentTags: option({
    flag: 'agent.tags',
    description: 'tags added to the process of every span that lacks them: key=value,key2=${ENV_VAR:default}',
    parse: (raw: string) => parseAgentTags(raw, process.env),
    defaultValue: [],
    valueName: '<key=value,…>',
  }),
  shutdownTimeout: option({
    flag: 'agent.shutdown-timeout',
    description: 'how long SIGTERM waits for the buffered spans to reach a collector before the rest are dropped and counted',
    parse: parseDurationMs,
    defaultValue: 20_000,
    valueName: '<duration>',
  }),
  reporterType: option({ flag: 'reporter.type', description: 'how spans reach the collectors (Jaeger: grpc only)', parse: parseEnum(['grpc'] as const), defaultValue: 'grpc' as const }),
  collectors: option({
    flag: 'reporter.grpc.host-port',
    description: 'host:port of the collectors\' Jaeger gRPC port (14250), comma-separated; each name may resolve to several addresses, used in turn',
    parse: parseCollectorList,
    defaultValue: [],
    valueName: '<host:port,…>',
  }),
  retryMax: option({
    flag: 'reporter.grpc.retry.max',
    description: 'immediate retries of a failed batch on the next collector before it waits for a backoff; a batch is retried until delivered or the agent stops',
    parse: parseInteger(0, 100),
    defaultValue: 3,
    valueName: '<count>',
  }),
  minPeers: option({
    flag: 'reporter.grpc.discovery.min-peers',
    description: 'accepted for compatibility with Jaeger\'s agent; every resolved collector address is used',
    parse: parseInteger(1, 1000),
    defaultValue: 3,
    valueName: '<count>',
  }),
  dnsRefreshInterval: option({
    flag: 'reporter.grpc.dns-refresh-interval',
    description: 'how often collector names are resolved again (new collector pods join, gone ones leave)',
    parse: parseDurationMs,
    defaultValue: 30_000,
    valueName: '<duration>',
  }),
  callTimeout: option({ flag: 'reporter.grpc.timeout', description: 'deadline of one PostSpans call', parse: parseDurationMs, defaultValue: 5_000, valueName: '<duration>' }),
  tlsEnabled: option({ flag: 'reporter.grpc.tls.enabled', description: 'talk TLS to the collectors', parse: parseBoolean, defaultValue: false }),
  tlsCa: option({ flag: 'reporter.grpc.tls.ca', description: 'PEM CA file that signed the collectors\' certificates (default: the system roots)', parse: String, defaultValue: '', valueName: '<path>' }),
  tlsCert: option({ flag: 'reporter.grpc.tls.cert', description: 'PEM client certificate, for collectors that require mTLS', parse: String, defaultValue: '', valueName: '<path>' }),
  tlsKey: option({ flag: 'reporter.grpc.tls.key', description: 'PEM private key of --reporter.grpc.tls.cert', parse: String, defaultValue: '', valueName: '<path>' }),
  tlsServerName: option({ flag: 'reporter.grpc.tls.server-name', description: 'name expected in the collectors\' certificates (default: the host of --reporter.grpc.host-port)', parse: String, defaultValue: '', valueName: '<name>' }),
  tlsSkipHostVerify: option({ flag: 'reporter.grpc.tls.skip-host-verify', description: 'accept any collector certificate (testing only)', parse: parseBoolean, defaultValue: false }),
  queueSize: option({
    flag: 'reporter.queue-size',
    description: 'spans buffered for the collectors (waiting or being sent); when full, new spans are dropped and counted',
    parse: parseInteger(1, 100_000_000),
    defaultValue: 100_000,
    valueName: '<spans>',
  }),
  queueSizeMemory: option({
    flag: 'reporter.queue-size-memory',
    description: 'the same bound in MiB of span data',
    parse: parseInteger(1, 64 * 1024),
    defaultValue: 128,
    valueName: '<MiB>',
  }),
  batchSize: option({ flag: 'reporter.batch-size', description: 'most spans per PostSpans call', parse: parseInteger(1, 100_000), defaultValue: 1_000, valueName: '<spans>' }),
  senders: option({ flag: 'reporter.senders', description: 'PostSpans calls in flight at once', parse: parseInteger(1, 64), defaultValue: 2, valueName: '<count>' }),
};

/** Every option `skein agent` takes: its own, and each UDP processor's under `processor.<name>.*`. */
export const agentOptions = {
  ...agentCoreOptions,
  ...(Object.fromEntries(
    UDP_PROCESSORS.flatMap((processor) => Object.entries(processorOptions(processor)).map(([key, value]) => [`${processor.key}.${key}`, value])),
  ) as Record<string, Option<unknown>>),
};

export type AgentCoreConfig = OptionValues<typeof agentCoreOptions>;
export type AgentConfig = AgentCoreConfig & Record<string, unknown>;

/** One processor's settings out of the loaded options, or undefined when it is switched off. */
export function processorConfig(config: AgentConfig, key: ProcessorKey): UdpReceiverConfig | undefined {
  const value = (name: string) => config[`${key}.${name}`];
  const hostPort = value('hostPort') as HostPort | null;
  if (!hostPort) return undefined;
  return {
    hostPort,
    maxPacketSize: value('maxPacketSize') as number,
    queueSize: value('queueSize') as number,
    workers: value('workers') as number,
    socketBufferSize: value('socketBufferSize') as number,
  };
}

/** The checks `loadConfig` cannot make option by option; each problem says what to set. */
export function agentConfigProblems(config: AgentConfig): string[] {
  const problems: string[] = [];
  if (config.collectors.length === 0) {
    problems.push('--reporter.grpc.host-port (REPORTER_GRPC_HOST_PORT) is required: the collectors\' gRPC address, e.g. "skein-collector:14250"');
  }
  if (Boolean(config.tlsCert) !== Boolean(config.tlsKey)) problems.push('--reporter.grpc.tls.cert and --reporter.grpc.tls.key go together: set both or neither');
  if (!config.tlsEnabled && (config.tlsCa || config.tlsCert || config.tlsServerName)) {
    problems.push('--reporter.grpc.tls.* is set but --reporter.grpc.tls.enabled is false: enable TLS or drop those flags');
  }
  return problems;
}

export const BYTES_PER_MIB = MiB;
