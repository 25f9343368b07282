import { option, parseBoolean, parseDurationMs, parseEnum, parseInteger, type Option, type OptionValues } from '@skein/runtime';
import type { ElasticsearchConfig, SearchEngineFlavor } from '../config.js';
import { elasticsearchConfigFromOptions, elasticsearchOptions, type ElasticsearchOptionValues } from '../options.js';

/** The `--es.*` options that say how to reach a cluster, copied as `--query.logs.*` for a logs cluster of its own. */
const CONNECTION_KEYS = ['serverUrls', 'username', 'password', 'passwordFile', 'timeout', 'tlsEnabled', 'tlsCa', 'tlsCert', 'tlsKey', 'tlsSkipHostVerify', 'tlsServerName'] as const;
type ConnectionKey = (typeof CONNECTION_KEYS)[number];
type SpanOptions = typeof elasticsearchOptions;
type LogsCopies = { [K in ConnectionKey as `logs${Capitalize<K>}`]: SpanOptions[K] };

const logsKey = (key: string): string => `logs${key[0]!.toUpperCase()}${key.slice(1)}`;

function connectionCopies(): LogsCopies {
  const copies: Record<string, Option<unknown>> = {};
  for (const key of CONNECTION_KEYS) {
    const spec = elasticsearchOptions[key] as Option<unknown>;
    const isUrls = key === 'serverUrls';
    copies[logsKey(key)] = option({
      flag: spec.flag.replace(/^es\./, 'query.logs.'),
      description: isUrls
        ? "Elasticsearch/OpenSearch URLs of the cluster holding the applications' logs; empty: the span store's cluster when it is Elasticsearch/OpenSearch"
        : `logs cluster: ${spec.description[0]!.toLowerCase()}${spec.description.slice(1)}`,
      // Unset or empty URLs mean "the span store's cluster".
      parse: isUrls ? (raw: string) => (raw.trim() === '' ? [] : spec.parse(raw)) : spec.parse,
      ...(isUrls ? { defaultValue: [] as string[] } : spec.defaultValue !== undefined ? { defaultValue: spec.defaultValue } : {}),
      valueName: spec.valueName,
    });
  }
  return copies as LogsCopies;
}

const field = (name: string, what: string, ecs: string) =>
  option({ flag: `query.logs.fields.${name}`, description: `field of a log line that holds ${what}`, parse: (raw: string) => raw.trim() || ecs, defaultValue: ecs, valueName: '<field>' });

/**
 * Where the trace page finds the log lines of a trace (`--query.logs.*`, `QUERY_LOGS_*`): a cluster (the span store's
 * when it is Elasticsearch/OpenSearch and no URLs are given), an index pattern, and the ECS field names.
 */
export const traceLogOptions = {
  logsEnabled: option({
    flag: 'query.logs.enabled',
    description: "show log lines that carry a trace's id beside the trace (needs --query.logs.server-urls, or Elasticsearch/OpenSearch span storage)",
    parse: parseBoolean,
    defaultValue: true,
  }),
  logsEngine: option({
    flag: 'query.logs.engine',
    description: "what the logs cluster runs: elasticsearch or opensearch; empty: the span store's engine, else elasticsearch",
    parse: (raw: string): '' | SearchEngineFlavor => (raw.trim() === '' ? '' : parseEnum(['elasticsearch', 'opensearch'] as const)(raw)),
    defaultValue: '' as '' | SearchEngineFlavor,
  }),
  logsIndexPattern: option({
    flag: 'query.logs.index-pattern',
    description: 'indices, aliases or data streams searched for log lines (comma-separated, wildcards allowed)',
    parse: (raw: string) => {
      const pattern = raw.split(',').map((part) => part.trim()).filter(Boolean).join(',');
      if (pattern === '') throw new Error('names no index');
      if (/[\s/?#"<>|\\]/.test(pattern)) throw new Error(`"${raw}" holds a character an index name cannot`);
      return pattern;
    },
    defaultValue: 'logs-*,filebeat-*',
    valueName: '<pattern>',
  }),
  logsTraceIdField: field('trace-id', 'the trace id', 'trace.id'),
  logsSpanIdField: field('span-id', 'the span id', 'span.id'),
  logsTimestampField: field('timestamp', 'the time', '@timestamp'),
  logsMessageField: field('message', 'the message', 'message'),
  logsLevelField: field('level', 'the level', 'log.level'),
  logsMaxLines: option({
    flag: 'query.logs.max-lines',
    description: 'log lines shown per trace, the earliest first',
    parse: parseInteger(1, 10_000),
    defaultValue: 1_000,
    valueName: '<lines>',
  }),
  logsTimeMargin: option({
    flag: 'query.logs.time-margin',
    description: "how far before a trace's first span and after its last a log line may be (Go duration)",
    parse: parseDurationMs,
    defaultValue: 15 * 60_000,
    valueName: '<duration>',
  }),
  ...connectionCopies(),
};

export type TraceLogOptionValues = OptionValues<typeof traceLogOptions>;

/** Which fields of a log line mean what. */
export interface TraceLogFields {
  traceId: string;
  spanId: string;
  timestamp: string;
  message: string;
  level: string;
}

export interface TraceLogConfig {
  cluster: ElasticsearchConfig;
  indexPattern: string;
  fields: TraceLogFields;
  maxLines: number;
  timeMarginMs: number;
}

/**
 * The logs configuration, or undefined when logs are off: `--query.logs.enabled=false`, or no URLs and a span store
 * that is not Elasticsearch/OpenSearch (`spanCluster` undefined).
 */
export function traceLogConfigFromOptions(
  values: TraceLogOptionValues,
  spanCluster: ElasticsearchConfig | undefined,
  readFile?: (path: string) => string,
): TraceLogConfig | undefined {
  if (!values.logsEnabled) return undefined;
  let cluster: ElasticsearchConfig;
  if (values.logsServerUrls.length > 0) {
    const plain: Record<string, unknown> = { ...defaultsOf(elasticsearchOptions) };
    for (const key of CONNECTION_KEYS) plain[key] = (values as Record<string, unknown>)[logsKey(key)];
    cluster = elasticsearchConfigFromOptions(plain as ElasticsearchOptionValues, values.logsEngine || spanCluster?.flavor || 'elasticsearch', readFile, 'query.logs');
  } else if (spanCluster) {
    cluster = values.logsEngine && values.logsEngine !== spanCluster.flavor ? { ...spanCluster, flavor: values.logsEngine } : spanCluster;
  } else {
    return undefined;
  }
  return {
    cluster,
    indexPattern: values.logsIndexPattern,
    fields: {
      traceId: values.logsTraceIdField,
      spanId: values.logsSpanIdField,
      timestamp: values.logsTimestampField,
      message: values.logsMessageField,
      level: values.logsLevelField,
    },
    maxLines: values.logsMaxLines,
    timeMarginMs: values.logsTimeMargin,
  };
}

function defaultsOf(options: Record<string, Option<unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).map(([key, spec]) => [key, spec.defaultValue]));
}
