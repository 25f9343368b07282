import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@skein/runtime';
import { agentConfigProblems, agentOptions, processorConfig, type AgentConfig } from './options.js';

const load = (flags: Record<string, string>, env: Record<string, string> = {}) => loadConfig(agentOptions, flags, env) as AgentConfig;

describe('agent options', () => {
  it("takes Jaeger's agent flags and environment variables", () => {
    const config = load(
      { 'reporter.grpc.host-port': 'collector-a:14250, 10.0.0.7:14250', 'processor.zipkin-compact.server-host-port': '' },
      { PROCESSOR_JAEGER_COMPACT_SERVER_QUEUE_SIZE: '5000', REPORTER_GRPC_RETRY_MAX: '5', AGENT_TAGS: 'zone=eu' },
    );
    expect(config.collectors).toEqual([{ host: 'collector-a', port: 14250 }, { host: '10.0.0.7', port: 14250 }]);
    expect(config.retryMax).toBe(5);
    expect(config.agentTags).toEqual([{ key: 'zone', type: 'string', value: 'eu' }]);
    expect(config.adminHostPort).toEqual({ host: '0.0.0.0', port: 14271 });
    expect(config.httpServerHostPort).toEqual({ host: '0.0.0.0', port: 5778 });
    expect(processorConfig(config, 'jaegerCompact')).toEqual({ hostPort: { host: '0.0.0.0', port: 6831 }, maxPacketSize: 65000, queueSize: 5000, workers: 10, socketBufferSize: 4 * 1024 * 1024 });
    expect(processorConfig(config, 'jaegerBinary')?.hostPort).toEqual({ host: '0.0.0.0', port: 6832 });
    expect(processorConfig(config, 'zipkinCompact')).toBeUndefined();
    expect(agentConfigProblems(config)).toEqual([]);
  });

  it('says what to set when the collectors are missing or TLS flags disagree', () => {
    expect(agentConfigProblems(load({}))).toEqual(['--reporter.grpc.host-port (REPORTER_GRPC_HOST_PORT) is required: the collectors\' gRPC address, e.g. "skein-collector:14250"']);
    expect(agentConfigProblems(load({ 'reporter.grpc.host-port': 'c:14250', 'reporter.grpc.tls.enabled': 'true', 'reporter.grpc.tls.cert': '/c.pem' }))).toEqual([
      '--reporter.grpc.tls.cert and --reporter.grpc.tls.key go together: set both or neither',
    ]);
    expect(agentConfigProblems(load({ 'reporter.grpc.host-port': 'c:14250', 'reporter.grpc.tls.ca': '/ca.pem' }))).toEqual([
      '--reporter.grpc.tls.* is set but --reporter.grpc.tls.enabled is false: enable TLS or drop those flags',
    ]);
  });

  it('refuses malformed values, naming the flag', () => {
    expect(() => load({ 'reporter.grpc.host-port': 'collector' })).toThrow(ConfigError);
    expect(() => load({ 'reporter.grpc.host-port': ':14250' })).toThrow('names no host');
    expect(() => load({ 'reporter.grpc.host-port': 'c:1', 'reporter.queue-size': '0' })).toThrow('reporter.queue-size');
    expect(() => load({ 'reporter.grpc.host-port': 'c:1', 'agent.tags': 'oops' })).toThrow('"oops" is not key=value');
  });
});
