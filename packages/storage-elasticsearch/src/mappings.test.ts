import { describe, expect, it } from '@jest/globals';
import { indexTemplates } from './mappings.js';
import { renderIndexTemplates } from './tools/mappings-printer.js';

const config = { indexPrefix: 'prod', indexDateSeparator: '-', useAliases: false, spanRolloverFrequency: 'day', serviceRolloverFrequency: 'day', numShards: 3, numReplicas: 2 } as const;

describe('index templates', () => {
  it('cover the prefixed families with the configured shards and Kibana aliases', () => {
    const templates = indexTemplates(config);
    expect(templates.map((t) => t.name)).toEqual(['prod-jaeger-span', 'prod-jaeger-service', 'prod-jaeger-dependencies', 'prod-skein-trace-locations', 'prod-jaeger-spanmetrics']);
    const span = templates[0]!.body as { index_patterns: string[]; template: { settings: Record<string, unknown>; mappings: { properties: Record<string, any> }; aliases?: unknown } };
    expect(span.index_patterns).toEqual(['prod-jaeger-span-*']);
    expect(span.template.settings['index.number_of_shards']).toBe(3);
    expect(span.template.aliases).toBeUndefined();
    const props = span.template.mappings.properties;
    expect(props.trace.properties.id).toEqual({ type: 'alias', path: 'traceID' });
    expect(props.span.properties.id).toEqual({ type: 'alias', path: 'spanID' });
    expect(props.service.properties.name).toEqual({ type: 'alias', path: 'process.serviceName' });
    expect(props.startTimeMillis).toEqual({ type: 'date', format: 'epoch_millis' });
    expect(props.tags.type).toBe('nested');
    expect(props.logs.properties.fields.type).toBe('nested');
    expect(props.tags.properties.value).toEqual({ type: 'keyword', ignore_above: 256 });
  });

  it('keep span metrics in daily indices that the span pattern does not match', () => {
    const metrics = indexTemplates({ ...config, useAliases: true })[4]!.body as { index_patterns: string[]; template: { aliases?: unknown } };
    expect(metrics.index_patterns).toEqual(['prod-jaeger-spanmetrics-*']);
    expect(metrics.template.aliases).toBeUndefined();
    expect(/^prod-jaeger-span-/.test('prod-jaeger-spanmetrics-2024-05-01')).toBe(false);
  });

  it('add the read alias to every new index in rollover mode', () => {
    const span = indexTemplates({ ...config, useAliases: true })[0]!.body as { template: { aliases: unknown } };
    expect(span.template.aliases).toEqual({ 'prod-jaeger-span-read': {} });
  });

  it('print as PUT requests with valid JSON bodies', () => {
    const text = renderIndexTemplates({ indexPrefix: 'x' });
    const parts = text.split(/^PUT _index_template\/(\S+)\n/m).slice(1);
    expect(parts.filter((_, i) => i % 2 === 0)).toEqual(['x-jaeger-span', 'x-jaeger-service', 'x-jaeger-dependencies', 'x-skein-trace-locations', 'x-jaeger-spanmetrics']);
    for (const body of parts.filter((_, i) => i % 2 === 1)) expect(() => JSON.parse(body)).not.toThrow();
  });
});
