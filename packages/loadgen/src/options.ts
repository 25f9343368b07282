import { option, parseDurationMs, parseEnum, parseInteger, type OptionValues } from '@skein/runtime';
import { PROTOCOLS } from './transports.js';

function parseFraction(raw: string): number {
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) throw new Error(`"${raw}" is not a number from 0 to 1`);
  return value;
}

function parseRate(raw: string): number {
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1_000_000) throw new Error(`"${raw}" is not a rate from 0 to 1000000 traces per second`);
  return value;
}

function parseUrl(raw: string): string {
  const text = raw.trim();
  if (text === '') return '';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${raw}" is not a URL (e.g. http://127.0.0.1:9200)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`"${raw}" is not an http(s) URL`);
  return text;
}

export const loadgenOptions = {
  protocol: option({ flag: 'protocol', description: `how spans are sent: ${PROTOCOLS.join(', ')}`, parse: parseEnum(PROTOCOLS), defaultValue: 'otlp-grpc' as (typeof PROTOCOLS)[number], valueName: '<name>' }),
  endpoint: option({
    flag: 'endpoint',
    description: 'host:port (gRPC, UDP) or URL (HTTP) of the receiver; default: the protocol\'s standard port on 127.0.0.1',
    parse: (raw: string) => raw.trim(),
    defaultValue: '',
    valueName: '<address>',
  }),
  rate: option({ flag: 'rate', description: 'traces per second; 0 sends as fast as the receiver takes them', parse: parseRate, defaultValue: 10, valueName: '<traces/s>' }),
  durationMs: option({ flag: 'duration', description: 'stop after this long (e.g. 30s, 5m); 0: no time limit', parse: parseDurationMs, defaultValue: 0, valueName: '<duration>' }),
  traces: option({ flag: 'traces', description: 'stop after this many traces; 0: no count limit (with neither limit, run until Ctrl-C)', parse: parseInteger(0, 1_000_000_000), defaultValue: 0, valueName: '<count>' }),
  fanOut: option({ flag: 'fan-out', description: 'most calls one span makes (each draws 1..fan-out)', parse: parseInteger(1, 50), defaultValue: 3, valueName: '<count>' }),
  depth: option({ flag: 'depth', description: 'levels of calls below the root span', parse: parseInteger(1, 20), defaultValue: 3, valueName: '<levels>' }),
  errorRate: option({ flag: 'error-rate', description: 'share of leaf calls that fail, 0..1', parse: parseFraction, defaultValue: 0.05, valueName: '<0..1>' }),
  largeTraceEvery: option({ flag: 'large-trace-every', description: 'every this many traces, send one very large trace; 0: never', parse: parseInteger(0, 1_000_000_000), defaultValue: 1_000, valueName: '<count>' }),
  largeTraceSpans: option({ flag: 'large-trace-spans', description: 'spans of the very large trace', parse: parseInteger(2, 2_000_000), defaultValue: 5_000, valueName: '<count>' }),
  batchSpans: option({ flag: 'batch-spans', description: 'spans per request', parse: parseInteger(1, 100_000), defaultValue: 500, valueName: '<count>' }),
  concurrency: option({ flag: 'concurrency', description: 'requests in flight at once', parse: parseInteger(1, 256), defaultValue: 4, valueName: '<count>' }),
  seed: option({ flag: 'seed', description: 'seed of the trace generator, for a repeatable run; default: random', parse: parseInteger(0, 2 ** 32 - 1), defaultValue: -1, valueName: '<number>' }),
  logs: option({
    flag: 'logs',
    description: 'also write ECS JSON log lines carrying trace.id and span.id: off, stdout, or elasticsearch (--logs.server-urls)',
    parse: parseEnum(['off', 'stdout', 'elasticsearch'] as const),
    defaultValue: 'off' as 'off' | 'stdout' | 'elasticsearch',
    valueName: '<where>',
  }),
  logsServerUrl: option({ flag: 'logs.server-urls', description: 'Elasticsearch/OpenSearch URL for --logs=elasticsearch', parse: parseUrl, defaultValue: '', valueName: '<url>' }),
  logsIndex: option({ flag: 'logs.index', description: 'index (or data stream) the log lines go to', parse: (raw: string) => raw.trim(), defaultValue: 'logs-skein.loadgen-default', valueName: '<name>' }),
  progressIntervalMs: option({ flag: 'progress-interval', description: 'how often the progress line is written to stderr; 0: never', parse: parseDurationMs, defaultValue: 1_000, valueName: '<duration>' }),
};

export type LoadgenConfig = OptionValues<typeof loadgenOptions>;

/** Checks across options; each problem says what to set. */
export function loadgenConfigProblems(config: LoadgenConfig): string[] {
  const problems: string[] = [];
  if (config.logs === 'elasticsearch' && !config.logsServerUrl) problems.push('--logs=elasticsearch needs --logs.server-urls (e.g. http://127.0.0.1:9200)');
  if (config.logs !== 'elasticsearch' && config.logsServerUrl) problems.push('--logs.server-urls is set but --logs is not elasticsearch');
  if (config.logs === 'elasticsearch' && !/^[a-z0-9][a-z0-9._-]*$/.test(config.logsIndex)) problems.push(`--logs.index "${config.logsIndex}" is not a valid index name (lowercase letters, digits, . _ -)`);
  const overHttp = config.protocol.includes('http') || config.protocol === 'zipkin';
  if (config.endpoint && overHttp && !/^https?:\/\//.test(config.endpoint)) problems.push(`--endpoint for ${config.protocol} is a URL, e.g. http://127.0.0.1:4318/v1/traces`);
  if (config.endpoint && !overHttp && !/^(\[[^\]]+\]|[^:/]+):\d{1,5}$/.test(config.endpoint)) problems.push(`--endpoint for ${config.protocol} is host:port, e.g. 127.0.0.1:4317`);
  return problems;
}
