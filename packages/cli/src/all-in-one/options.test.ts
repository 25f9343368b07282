import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@skein/runtime';
import { allInOneOptions } from './options.js';

describe('all-in-one options', () => {
  const options = Object.values(allInOneOptions);

  it('gives every option its own flag and environment variable', () => {
    const flags = options.map((option) => option.flag);
    const envs = options.map((option) => option.env);
    expect(flags.length).toBe(new Set(flags).size);
    expect(envs.length).toBe(new Set(envs).size);
  });

  it("listens on Jaeger's all-in-one ports and stores in ./skein-data by default", () => {
    const config = loadConfig(allInOneOptions, {}, {});
    const sections = config as Record<string, unknown>; // receiver sections are keyed `section.key`
    const ports = [
      config.otlpHttpHostPort,
      sections['otlpGrpc.hostPort'],
      config.httpServerHostPort,
      sections['jaegerGrpc.hostPort'],
      config.zipkinHostPort,
      sections['udpCompact.hostPort'],
      sections['udpBinary.hostPort'],
      config.samplingHostPort,
      config.httpHostPort,
      config.grpcHostPort,
      config.adminHostPort,
    ].map((hostPort) => (hostPort as { port: number }).port);
    expect(ports).toEqual([4318, 4317, 14268, 14250, 9411, 6831, 6832, 5778, 16686, 16685, 14269]);
    expect(config.spanStorageType).toBe('sqlite');
    expect(config.dataDir).toBe('./skein-data');
  });

  it('takes "off" for every listener, and SPAN_STORAGE_TYPE / SKEIN_DATA_DIR from the environment', () => {
    const off = Object.fromEntries(options.filter((option) => option.flag.endsWith('host-port')).map((option) => [option.flag, 'off']));
    const config = loadConfig(allInOneOptions, off, { SPAN_STORAGE_TYPE: 'memory', SKEIN_DATA_DIR: '/tmp/x' });
    for (const option of options.filter((o) => o.flag.endsWith('host-port'))) {
      const key = Object.entries(allInOneOptions).find(([, value]) => value === option)![0];
      expect({ flag: option.flag, value: (config as Record<string, unknown>)[key] }).toEqual({ flag: option.flag, value: null });
    }
    expect(config.spanStorageType).toBe('memory');
    expect(config.dataDir).toBe('/tmp/x');
  });

  it("offers every registered store's options: SQLite retention, the memory store's bound, es.*", () => {
    const flags = options.map((option) => option.flag);
    expect(flags).toEqual(expect.arrayContaining(['span-storage.type', 'data-dir', 'sqlite.max-span-age', 'sqlite.max-size-mib', 'memory.max-traces', 'es.server-urls']));
  });

  it('has no span-writer options of the standalone collector (the store is shared with the query side)', () => {
    const flags = options.map((option) => option.flag);
    expect(flags.filter((flag) => flag.startsWith('kafka.') || flag === 'sqlite.path')).toEqual([]);
  });
});
