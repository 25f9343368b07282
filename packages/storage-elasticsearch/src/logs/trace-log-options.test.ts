import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@skein/runtime';
import { defaultElasticsearchConfig } from '../config.js';
import { traceIdSpellings, traceLogSearchBody } from './es-trace-log-reader.js';
import { traceLogConfigFromOptions, traceLogOptions } from './trace-log-options.js';

const load = (flags: string[], env: NodeJS.ProcessEnv = {}) =>
  loadConfig(traceLogOptions, Object.fromEntries(flags.map((flag) => /^--([^=]+)=(.*)$/s.exec(flag)!.slice(1))), env);

describe('traceLogConfigFromOptions', () => {
  const spanCluster = defaultElasticsearchConfig({ flavor: 'opensearch', serverUrls: ['http://spans:9200'], username: 'jaeger', password: 'secret' });

  it("uses the span store's cluster when no URLs are given, with ECS fields and Jaeger-style defaults", () => {
    const config = traceLogConfigFromOptions(load([]), spanCluster)!;
    expect(config.cluster).toBe(spanCluster);
    expect(config).toMatchObject({
      indexPattern: 'logs-*,filebeat-*',
      fields: { traceId: 'trace.id', spanId: 'span.id', timestamp: '@timestamp', message: 'message', level: 'log.level' },
      maxLines: 1000,
      timeMarginMs: 900_000,
    });
  });

  it('is off without a cluster to search, or when turned off', () => {
    expect(traceLogConfigFromOptions(load([]), undefined)).toBeUndefined();
    expect(traceLogConfigFromOptions(load(['--query.logs.enabled=false']), spanCluster)).toBeUndefined();
  });

  it('opens a cluster of its own from --query.logs.* (or QUERY_LOGS_*), reading the password file', () => {
    const values = load(['--query.logs.server-urls=https://logs-1:9200,https://logs-2:9200', '--query.logs.username=reader', '--query.logs.password-file=/run/pw', '--query.logs.fields.trace-id=traceId'], {
      QUERY_LOGS_INDEX_PATTERN: 'app-logs-*',
      QUERY_LOGS_ENGINE: 'opensearch',
    });
    const config = traceLogConfigFromOptions(values, undefined, (path) => (path === '/run/pw' ? 'pw\n' : ''))!;
    expect(config.cluster).toMatchObject({ flavor: 'opensearch', serverUrls: ['https://logs-1:9200', 'https://logs-2:9200'], username: 'reader', password: 'pw', tls: { enabled: true } });
    expect(config.indexPattern).toBe('app-logs-*');
    expect(config.fields.traceId).toBe('traceId');
  });

  it("takes the span store's engine for a separate cluster unless told, and Elasticsearch without a span cluster", () => {
    expect(traceLogConfigFromOptions(load(['--query.logs.server-urls=http://logs:9200']), spanCluster)!.cluster.flavor).toBe('opensearch');
    expect(traceLogConfigFromOptions(load(['--query.logs.server-urls=http://logs:9200']), undefined)!.cluster.flavor).toBe('elasticsearch');
  });

  it('says what is wrong with a bad value', () => {
    expect(() => load(['--query.logs.server-urls=logs:9200'])).toThrow(/query\.logs\.server-urls.*not a full http\(s\) URL/s);
    expect(() => load(['--query.logs.index-pattern=logs /x'])).toThrow(/query\.logs\.index-pattern.*character an index name cannot/s);
    expect(() => load(['--query.logs.index-pattern= , '])).toThrow(/names no index/);
    expect(() => load(['--query.logs.max-lines=0'])).toThrow(/query\.logs\.max-lines/);
    expect(() => load(['--query.logs.engine=splunk'])).toThrow(/not one of elasticsearch, opensearch/);
    expect(() => traceLogConfigFromOptions(load(['--query.logs.server-urls=http://l:9200', '--query.logs.password-file=/nope']), undefined, () => {
      throw new Error('ENOENT');
    })).toThrow('--query.logs.password-file: cannot read "/nope": ENOENT');
  });
});

describe('the search for a trace', () => {
  it('spells a 64-bit id the ways Jaeger clients log it', () => {
    expect(traceIdSpellings('4bf92f3577b34da6a3ce929d0e0e4736')).toEqual(['4bf92f3577b34da6a3ce929d0e0e4736', '4BF92F3577B34DA6A3CE929D0E0E4736']);
    expect(traceIdSpellings('00000000000000000a3ce929d0e0e473')).toEqual([
      '00000000000000000a3ce929d0e0e473',
      '0a3ce929d0e0e473',
      'a3ce929d0e0e473',
      '00000000000000000A3CE929D0E0E473',
      '0A3CE929D0E0E473',
      'A3CE929D0E0E473',
    ]);
  });

  it('filters by id and the widened time range, earliest first, at most max-lines', () => {
    const config = traceLogConfigFromOptions(load(['--query.logs.server-urls=http://l:9200', '--query.logs.time-margin=1m', '--query.logs.max-lines=50']), undefined)!;
    const body = traceLogSearchBody(config, { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', startMicros: 1_700_000_000_000_000, endMicros: 1_700_000_001_000_000, limit: 1e9 });
    expect(body).toEqual({
      size: 50,
      track_total_hits: 100_000,
      sort: [{ '@timestamp': { order: 'asc', unmapped_type: 'date' } }],
      query: {
        bool: {
          filter: [
            { terms: { 'trace.id': traceIdSpellings('4bf92f3577b34da6a3ce929d0e0e4736') } },
            { range: { '@timestamp': { gte: '2023-11-14T22:12:20.000Z', lte: '2023-11-14T22:14:21.001Z', format: 'strict_date_optional_time' } } },
          ],
        },
      },
    });
  });
});
