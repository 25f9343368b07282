import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@skein/runtime';
import { archiveConfigFromOptions, elasticsearchArchiveOptions } from './archive-options.js';
import { elasticsearchConfigFromOptions, elasticsearchOptions } from './options.js';

describe('elasticsearchOptions', () => {
  it("uses Jaeger's environment variable names", () => {
    const envs = Object.values(elasticsearchOptions).map((o) => o.env);
    for (const name of [
      'ES_SERVER_URLS',
      'ES_USERNAME',
      'ES_PASSWORD',
      'ES_PASSWORD_FILE',
      'ES_INDEX_PREFIX',
      'ES_TLS_ENABLED',
      'ES_TLS_CA',
      'ES_TLS_CERT',
      'ES_TLS_KEY',
      'ES_TLS_SKIP_HOST_VERIFY',
      'ES_NUM_SHARDS',
      'ES_NUM_REPLICAS',
      'ES_USE_ALIASES',
      'ES_INDEX_DATE_SEPARATOR',
      'ES_MAX_SPAN_AGE',
      'ES_BULK_SIZE',
      'ES_BULK_WORKERS',
      'ES_BULK_ACTIONS',
      'ES_BULK_FLUSH_INTERVAL',
    ]) {
      expect(envs).toContain(name);
    }
  });

  it("defaults to Jaeger's values and builds a config", () => {
    const values = loadConfig(elasticsearchOptions, {}, {});
    const config = elasticsearchConfigFromOptions(values, 'opensearch');
    expect(config).toMatchObject({
      flavor: 'opensearch',
      serverUrls: ['http://127.0.0.1:9200'],
      numShards: 5,
      numReplicas: 1,
      maxSpanAgeMs: 72 * 3_600_000,
      bulk: { sizeBytes: 5_000_000, workers: 1, actions: 1000, flushIntervalMs: 200 },
    });
  });

  it('reads env values and the password file', () => {
    const values = loadConfig(elasticsearchOptions, {}, {
      ES_SERVER_URLS: 'https://a:9200, https://b:9200',
      ES_INDEX_PREFIX: 'prod',
      ES_MAX_SPAN_AGE: '24h',
      ES_BULK_FLUSH_INTERVAL: '1s',
      ES_USERNAME: 'elastic',
      ES_PASSWORD_FILE: '/secret',
    });
    const config = elasticsearchConfigFromOptions(values, 'elasticsearch', (path) => (path === '/secret' ? 's3cret\n' : ''));
    expect(config.serverUrls).toEqual(['https://a:9200', 'https://b:9200']);
    expect(config.tls.enabled).toBe(true);
    expect(config.password).toBe('s3cret');
    expect(config.maxSpanAgeMs).toBe(86_400_000);
    expect(config.bulk.flushIntervalMs).toBe(1000);
  });

  it('reports every bad value at once', () => {
    try {
      loadConfig(elasticsearchOptions, {}, { ES_SERVER_URLS: 'localhost:9200', ES_INDEX_PREFIX: 'Prod', ES_NUM_SHARDS: '0' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toHaveLength(3);
    }
  });

  it('names the option when a file cannot be read', () => {
    const values = loadConfig(elasticsearchOptions, {}, { ES_TLS_CA: '/missing.pem' });
    expect(() => elasticsearchConfigFromOptions(values, 'elasticsearch', () => { throw new Error('ENOENT'); })).toThrow('--es.tls.ca: cannot read "/missing.pem": ENOENT');
  });
});

describe('elasticsearchArchiveOptions', () => {
  const all = { ...elasticsearchOptions, ...elasticsearchArchiveOptions };

  it("repeats every --es.* option as --es-archive.* with Jaeger's ES_ARCHIVE_* variables", () => {
    const flags = Object.values(elasticsearchArchiveOptions).map((o) => o.flag);
    expect(flags).toContain('es-archive.enabled');
    for (const option of Object.values(elasticsearchOptions)) expect(flags).toContain(option.flag.replace(/^es\./, 'es-archive.'));
    const envs = Object.values(elasticsearchArchiveOptions).map((o) => o.env);
    for (const name of ['ES_ARCHIVE_ENABLED', 'ES_ARCHIVE_SERVER_URLS', 'ES_ARCHIVE_INDEX_PREFIX', 'ES_ARCHIVE_USE_ALIASES']) expect(envs).toContain(name);
  });

  it('gives no archive unless enabled, and its own cluster, prefix and aliases when enabled', () => {
    const off = loadConfig(all, { 'es.server-urls': 'http://spans:9200' }, {});
    expect(archiveConfigFromOptions(off, 'opensearch')).toBeUndefined();
    const on = loadConfig(
      all,
      { 'es-archive.enabled': 'true', 'es-archive.index-prefix': 'keep', 'es-archive.use-aliases': 'true' },
      { ES_ARCHIVE_SERVER_URLS: 'http://archive:9200', ES_INDEX_PREFIX: 'prod' },
    );
    const archive = archiveConfigFromOptions(on, 'opensearch');
    expect(archive).toMatchObject({ serverUrls: ['http://archive:9200'], indexPrefix: 'keep', useAliases: true, flavor: 'opensearch' });
    expect(elasticsearchConfigFromOptions(on, 'opensearch')).toMatchObject({ indexPrefix: 'prod', useAliases: false });
  });

  it('names the archive flag in errors', () => {
    expect(() => loadConfig(all, { 'es-archive.server-urls': 'not-a-url' }, {})).toThrow(/--es-archive\.server-urls/);
    const values = loadConfig(all, { 'es-archive.enabled': 'true', 'es-archive.tls.ca': '/nonexistent/ca.pem' }, {});
    expect(() => archiveConfigFromOptions(values, 'elasticsearch')).toThrow(/--es-archive\.tls\.ca: cannot read "\/nonexistent\/ca\.pem"/);
  });
});
