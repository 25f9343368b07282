import { readFileSync } from 'node:fs';
import {
  option,
  parseBoolean,
  parseDurationMs,
  parseEnum,
  parseInteger,
  parseList,
  type OptionValues,
} from '@skein/runtime';
import { DEFAULT_BULK_CONFIG, defaultElasticsearchConfig, type ElasticsearchConfig, type SearchEngineFlavor } from './config.js';

const text = (raw: string): string => raw;
const frequency = parseEnum(['day', 'hour'] as const);

/**
 * The backend's options under Jaeger v1's names (`--es.*` flags, `ES_*` variables), so existing deployments keep
 * their configuration. Which engine is chosen by `SPAN_STORAGE_TYPE` (`elasticsearch` or `opensearch`), read by the
 * CLI, not here.
 */
export const elasticsearchOptions = {
  serverUrls: option({
    flag: 'es.server-urls',
    description: 'Comma-separated list of Elasticsearch/OpenSearch URLs, e.g. http://localhost:9200',
    parse: (raw) => {
      const urls = parseList(raw);
      if (urls.length === 0) throw new Error(`"${raw}" holds no URL`);
      for (const url of urls) {
        if (!/^https?:\/\/[^/]+/.test(url)) throw new Error(`"${url}" is not a full http(s) URL`);
      }
      return urls;
    },
    defaultValue: ['http://127.0.0.1:9200'],
    valueName: '<urls>',
  }),
  username: option({ flag: 'es.username', description: 'Username for basic authentication', parse: text, defaultValue: '' }),
  password: option({ flag: 'es.password', description: 'Password for basic authentication', parse: text, defaultValue: '' }),
  passwordFile: option({
    flag: 'es.password-file',
    description: 'Path to a file holding the password (its content is trimmed); wins over --es.password',
    parse: text,
    defaultValue: '',
    valueName: '<path>',
  }),
  indexPrefix: option({
    flag: 'es.index-prefix',
    description: 'Prefix of the index names: "production" gives "production-jaeger-span-…"',
    parse: (raw) => {
      const prefix = raw.trim();
      if (prefix !== prefix.toLowerCase() || /[\\/*?"<>| ,#:]/.test(prefix)) {
        throw new Error(`"${raw}" is not a valid index name prefix (lowercase, no \\ / * ? " < > | , # : or space)`);
      }
      return prefix;
    },
    defaultValue: '',
  }),
  indexDateSeparator: option({
    flag: 'es.index-date-separator',
    description: 'Separator in the date of daily index names: "." gives "jaeger-span-2020.11.20"',
    parse: (raw) => {
      if (!/^[-._]?$/.test(raw)) throw new Error(`"${raw}" is not one of "-", ".", "_" or empty`);
      return raw;
    },
    defaultValue: '-',
  }),
  spanRolloverFrequency: option({
    flag: 'es.index-rollover-frequency-spans',
    description: 'New span index every "day" or every "hour"',
    parse: frequency,
    defaultValue: 'day' as const,
  }),
  serviceRolloverFrequency: option({
    flag: 'es.index-rollover-frequency-services',
    description: 'New service index every "day" or every "hour"',
    parse: frequency,
    defaultValue: 'day' as const,
  }),
  useAliases: option({
    flag: 'es.use-aliases',
    description: 'Read and write through the jaeger-*-read / jaeger-*-write aliases that es-rollover manages',
    parse: parseBoolean,
    defaultValue: false,
  }),
  createIndexTemplates: option({
    flag: 'es.create-index-templates',
    description: 'Install the index templates at start-up; false when they are installed by other means',
    parse: parseBoolean,
    defaultValue: true,
  }),
  numShards: option({ flag: 'es.num-shards', description: 'Primary shards per index', parse: parseInteger(1, 1024), defaultValue: 5 }),
  numReplicas: option({ flag: 'es.num-replicas', description: 'Replicas per index', parse: parseInteger(0, 64), defaultValue: 1 }),
  maxSpanAge: option({
    flag: 'es.max-span-age',
    description: 'How far back a trace lookup without any time hint or location record searches (Go duration)',
    parse: parseDurationMs,
    defaultValue: 72 * 3_600_000,
    valueName: '<duration>',
  }),
  timeout: option({
    flag: 'es.timeout',
    description: 'Timeout of each request (Go duration); 0 keeps the client default',
    parse: parseDurationMs,
    defaultValue: 0,
    valueName: '<duration>',
  }),
  bulkSize: option({
    flag: 'es.bulk.size',
    description: 'Bytes of queued actions that trigger a bulk request',
    parse: parseInteger(1, 1_000_000_000),
    defaultValue: DEFAULT_BULK_CONFIG.sizeBytes,
  }),
  bulkWorkers: option({
    flag: 'es.bulk.workers',
    description: 'Bulk requests in flight at once',
    parse: parseInteger(1, 64),
    defaultValue: DEFAULT_BULK_CONFIG.workers,
  }),
  bulkActions: option({
    flag: 'es.bulk.actions',
    description: 'Queued actions that trigger a bulk request',
    parse: parseInteger(1, 1_000_000),
    defaultValue: DEFAULT_BULK_CONFIG.actions,
  }),
  bulkFlushInterval: option({
    flag: 'es.bulk.flush-interval',
    description: 'Longest wait before queued actions are sent (Go duration); 0 sends at the end of every write',
    parse: parseDurationMs,
    defaultValue: DEFAULT_BULK_CONFIG.flushIntervalMs,
    valueName: '<duration>',
  }),
  tagsAsFieldsAll: option({
    flag: 'es.tags-as-fields.all',
    description: 'Also store every span and process tag as a tag.<key> field (dots replaced), for Kibana',
    parse: parseBoolean,
    defaultValue: false,
  }),
  tagsAsFieldsInclude: option({
    flag: 'es.tags-as-fields.include',
    description: 'Comma-separated tag keys to also store as tag.<key> fields',
    parse: parseList,
    defaultValue: [],
  }),
  tagDotReplacement: option({
    flag: 'es.tags-as-fields.dot-replacement',
    description: 'Character that replaces "." in tag keys stored as fields',
    parse: (raw) => {
      if (raw.length !== 1 || raw === '.') throw new Error(`"${raw}" is not a single character other than "."`);
      return raw;
    },
    defaultValue: '@',
  }),
  tlsEnabled: option({ flag: 'es.tls.enabled', description: 'Use TLS to talk to the cluster', parse: parseBoolean, defaultValue: false }),
  tlsCa: option({ flag: 'es.tls.ca', description: 'Path to a PEM CA bundle', parse: text, defaultValue: '', valueName: '<path>' }),
  tlsCert: option({ flag: 'es.tls.cert', description: 'Path to a PEM client certificate', parse: text, defaultValue: '', valueName: '<path>' }),
  tlsKey: option({ flag: 'es.tls.key', description: 'Path to the PEM key of the client certificate', parse: text, defaultValue: '', valueName: '<path>' }),
  tlsSkipHostVerify: option({
    flag: 'es.tls.skip-host-verify',
    description: "Do not verify the server's certificate chain and host name (insecure)",
    parse: parseBoolean,
    defaultValue: false,
  }),
  tlsServerName: option({
    flag: 'es.tls.server-name',
    description: 'Host name expected in the server certificate, when it differs from the URL',
    parse: text,
    defaultValue: '',
  }),
};

export type ElasticsearchOptionValues = OptionValues<typeof elasticsearchOptions>;

/**
 * Turns loaded option values into a backend configuration, reading the password and TLS files they name.
 * @throws Error naming the option and file when a file cannot be read.
 */
export function elasticsearchConfigFromOptions(
  values: ElasticsearchOptionValues,
  flavor: SearchEngineFlavor,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
  flagPrefix = 'es',
): ElasticsearchConfig {
  const read = (path: string, flag: string): string => {
    try {
      return readFile(path);
    } catch (error) {
      throw new Error(`--${flag}: cannot read "${path}": ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  };
  const password = values.passwordFile ? read(values.passwordFile, `${flagPrefix}.password-file`).trim() : values.password;
  return defaultElasticsearchConfig({
    flavor,
    serverUrls: values.serverUrls,
    ...(values.username ? { username: values.username } : {}),
    ...(password ? { password } : {}),
    tls: {
      enabled: values.tlsEnabled || values.serverUrls.some((url) => url.startsWith('https:')),
      ...(values.tlsCa ? { ca: read(values.tlsCa, `${flagPrefix}.tls.ca`) } : {}),
      ...(values.tlsCert ? { cert: read(values.tlsCert, `${flagPrefix}.tls.cert`) } : {}),
      ...(values.tlsKey ? { key: read(values.tlsKey, `${flagPrefix}.tls.key`) } : {}),
      skipHostVerify: values.tlsSkipHostVerify,
      ...(values.tlsServerName ? { serverName: values.tlsServerName } : {}),
    },
    indexPrefix: values.indexPrefix,
    indexDateSeparator: values.indexDateSeparator,
    spanRolloverFrequency: values.spanRolloverFrequency,
    serviceRolloverFrequency: values.serviceRolloverFrequency,
    useAliases: values.useAliases,
    createIndexTemplates: values.createIndexTemplates,
    numShards: values.numShards,
    numReplicas: values.numReplicas,
    maxSpanAgeMs: values.maxSpanAge,
    timeoutMs: values.timeout,
    tagsAsFieldsAll: values.tagsAsFieldsAll,
    tagsAsFieldsInclude: values.tagsAsFieldsInclude,
    tagDotReplacement: values.tagDotReplacement,
    bulk: {
      ...DEFAULT_BULK_CONFIG,
      sizeBytes: values.bulkSize,
      workers: values.bulkWorkers,
      actions: values.bulkActions,
      flushIntervalMs: values.bulkFlushInterval,
    },
  });
}
