import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';
import { envNameOf, option } from './option.js';
import { parseHostPort, parseInteger } from './parsers.js';

const options = {
  admin: option({ flag: 'admin.http.host-port', description: 'admin address', parse: parseHostPort, defaultValue: parseHostPort(':14269') }),
  queueSize: option({ flag: 'collector.queue-size', description: 'queue length', parse: parseInteger(1, 1_000_000), defaultValue: 2000 }),
  storage: option({ flag: 'span-storage.type', env: 'SPAN_STORAGE_TYPE', description: 'storage backend', parse: (s: string) => s }),
};

describe('loadConfig', () => {
  it('derives Jaeger-style env names from flags', () => {
    expect(envNameOf('admin.http.host-port')).toBe('ADMIN_HTTP_HOST_PORT');
    expect(options.storage.env).toBe('SPAN_STORAGE_TYPE');
  });

  it('takes flag over env over default', () => {
    const env = { ADMIN_HTTP_HOST_PORT: '127.0.0.1:1', COLLECTOR_QUEUE_SIZE: '50', SPAN_STORAGE_TYPE: 'memory' };
    expect(loadConfig(options, { 'collector.queue-size': '70' }, env)).toEqual({
      admin: { host: '127.0.0.1', port: 1 },
      queueSize: 70,
      storage: 'memory',
    });
    expect(loadConfig(options, {}, { SPAN_STORAGE_TYPE: 'sqlite' }).queueSize).toBe(2000);
  });

  it('reports every problem at once, naming flag, variable and the fix', () => {
    let caught: unknown;
    try {
      loadConfig(options, { 'admin.http.host-port': 'nope' }, { COLLECTOR_QUEUE_SIZE: '0' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^--admin\.http\.host-port: "nope" is not host:port/);
    expect(problems[1]).toMatch(/^env COLLECTOR_QUEUE_SIZE \(flag --collector\.queue-size\): "0" is not a whole number from 1/);
    expect(problems[2]).toBe('--span-storage.type (env SPAN_STORAGE_TYPE) is required: storage backend');
  });
});
