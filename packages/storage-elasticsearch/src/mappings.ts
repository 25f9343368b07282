import type { ElasticsearchConfig } from './config.js';
import { IndexNames, type IndexFamily } from './index-names.js';

/**
 * Index templates in Jaeger's layout (field names and types as Jaeger's span/service/dependencies templates define
 * them), written as composable templates (`_index_template`), which Elasticsearch 7.8+, 8, 9 and OpenSearch 1+ all
 * accept. Skein's additions are marked: Kibana field aliases, the `exact` float text, warnings, span kinds of
 * operations and microsecond dependency timestamps.
 */
export interface IndexTemplate {
  /** Template name, e.g. `prod-jaeger-span`. */
  name: string;
  body: Record<string, unknown>;
}

/**
 * Above the built-in `logs-*-*` / `metrics-*-*` templates (100), so a prefix such as `logs` cannot turn Jaeger
 * indices into data streams.
 */
export const TEMPLATE_PRIORITY = 200;

/** Jaeger's limit: terms longer than this are kept in `_source` but not indexed (a 1 MB tag must not fail the span). */
const TAG_VALUE_IGNORE_ABOVE = 256;
/** Names (service, operation) get more room than tag values: an unindexed operation name would vanish from lists. */
const NAME_IGNORE_ABOVE = 1024;

const keyword = (ignoreAbove = TAG_VALUE_IGNORE_ABOVE): Record<string, unknown> => ({ type: 'keyword', ignore_above: ignoreAbove });

const tagProperties = {
  key: keyword(),
  value: keyword(),
  type: keyword(),
  exact: { type: 'keyword', index: false, doc_values: false },
};

const nestedTags = { type: 'nested', dynamic: false, properties: tagProperties };

export type TemplateSettings = Pick<ElasticsearchConfig, 'numShards' | 'numReplicas' | 'useAliases'>;

function settings(config: TemplateSettings): Record<string, unknown> {
  return {
    'index.number_of_shards': config.numShards,
    'index.number_of_replicas': config.numReplicas,
    'index.mapping.nested_fields.limit': 50,
    'index.requests.cache.enable': true,
  };
}

function template(names: IndexNames, family: IndexFamily, config: TemplateSettings, mappings: Record<string, unknown>): IndexTemplate {
  return {
    name: names.base(family),
    body: {
      index_patterns: [names.pattern(family)],
      priority: TEMPLATE_PRIORITY,
      template: {
        settings: settings(config),
        mappings,
        // With rollover every new index joins the read alias as it is created; `lookback` takes old ones out.
        ...(config.useAliases ? { aliases: { [names.readAlias(family)]: {} } } : {}),
      },
    },
  };
}

export function spanMappings(): Record<string, unknown> {
  return {
    dynamic_templates: [
      { span_tags_map: { path_match: 'tag.*', mapping: keyword() } },
      { process_tags_map: { path_match: 'process.tag.*', mapping: keyword() } },
    ],
    properties: {
      traceID: keyword(),
      parentSpanID: keyword(),
      spanID: keyword(),
      operationName: keyword(NAME_IGNORE_ABOVE),
      startTime: { type: 'long' },
      startTimeMillis: { type: 'date', format: 'epoch_millis' },
      duration: { type: 'long' },
      flags: { type: 'integer' },
      logs: {
        type: 'nested',
        dynamic: false,
        properties: { timestamp: { type: 'long' }, fields: nestedTags },
      },
      process: {
        properties: {
          serviceName: keyword(NAME_IGNORE_ABOVE),
          tag: { type: 'object' },
          tags: nestedTags,
        },
      },
      references: {
        type: 'nested',
        dynamic: false,
        properties: { refType: keyword(), traceID: keyword(), spanID: keyword() },
      },
      tag: { type: 'object' },
      tags: nestedTags,
      warnings: { type: 'keyword', index: false, doc_values: false },
      contentHash: { type: 'keyword', index: false },
      // Skein: ECS names, so a Kibana data view over spans joins one over ECS logs on trace.id.
      trace: { properties: { id: { type: 'alias', path: 'traceID' } } },
      span: { properties: { id: { type: 'alias', path: 'spanID' } } },
      service: { properties: { name: { type: 'alias', path: 'process.serviceName' } } },
      '@timestamp': { type: 'alias', path: 'startTimeMillis' },
    },
  };
}

export function serviceMappings(): Record<string, unknown> {
  return {
    dynamic: false,
    properties: {
      serviceName: keyword(NAME_IGNORE_ABOVE),
      operationName: keyword(NAME_IGNORE_ABOVE),
      spanKind: keyword(),
    },
  };
}

export function dependenciesMappings(): Record<string, unknown> {
  return {
    dynamic: false,
    properties: {
      timestamp: { type: 'date' },
      timestampMicros: { type: 'long' },
      dependencies: {
        properties: { parent: keyword(NAME_IGNORE_ABOVE), child: keyword(NAME_IGNORE_ABOVE), callCount: { type: 'long' }, source: keyword() },
      },
    },
  };
}

/** A span metrics row (`SpanMetricsRow` of @skein/storage) as it is; only what reads filter and sort on is indexed. */
export function spanMetricsMappings(): Record<string, unknown> {
  return {
    dynamic: false,
    properties: {
      id: keyword(),
      bucketStartMs: { type: 'date', format: 'epoch_millis' },
      bucketMs: { type: 'long', index: false },
      service: keyword(NAME_IGNORE_ABOVE),
      operation: keyword(NAME_IGNORE_ABOVE),
      spanKind: keyword(),
      calls: { type: 'long', index: false },
      errors: { type: 'long', index: false },
      durationSumMicros: { type: 'long', index: false },
      latencies: { type: 'binary' },
    },
  };
}

export function traceLocationMappings(): Record<string, unknown> {
  return { dynamic: false, properties: { traceID: keyword(), bucket: { type: 'date', format: 'epoch_millis' } } };
}

/** Every template the backend needs, in install order. */
export function indexTemplates(config: TemplateSettings & ConstructorParameters<typeof IndexNames>[0]): IndexTemplate[] {
  const names = new IndexNames(config);
  return [
    template(names, 'span', config, spanMappings()),
    template(names, 'service', config, serviceMappings()),
    template(names, 'dependencies', config, dependenciesMappings()),
    {
      name: names.traceLocationIndex(),
      body: {
        index_patterns: [names.traceLocationIndex()],
        priority: TEMPLATE_PRIORITY,
        template: { settings: settings(config), mappings: traceLocationMappings() },
      },
    },
    {
      name: names.spanMetricsBase(),
      body: {
        index_patterns: [`${names.spanMetricsBase()}-*`],
        priority: TEMPLATE_PRIORITY,
        template: { settings: settings(config), mappings: spanMetricsMappings() },
      },
    },
  ];
}
