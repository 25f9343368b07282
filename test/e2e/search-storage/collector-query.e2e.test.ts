/**
 * `skein collector` writing straight into Elasticsearch / OpenSearch (no Kafka), `skein query` reading it back.
 * @services opensearch, elasticsearch
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';
import { freePort, eventually } from '../all-in-one/skein-process.js';
import { startSkeinCommand as startSkein, stopSkeinCommand as stop, killSkeinCommands } from '../skein-command.js';
import { otlpJsonTrace } from '../all-in-one/otlp-json.js';

afterAll(() => killSkeinCommands());

describe.each([
  ['opensearch', 'OPENSEARCH_URL'],
  ['elasticsearch', 'ELASTICSEARCH_URL'],
] as const)('collector → %s → query', (type, urlEnv) => {
  it('stores what the collector accepted, and the query API returns it', async () => {
    const url = serviceAddress(urlEnv);
    const prefix = uniqueName('e2e');
    const storageEnv = { SPAN_STORAGE_TYPE: type, ES_SERVER_URLS: url, ES_INDEX_PREFIX: prefix, ES_NUM_SHARDS: '1', ES_NUM_REPLICAS: '0', LOG_LEVEL: 'warn' };
    const [otlpPort, collectorAdmin, queryPort, queryAdmin] = [await freePort(), await freePort(), await freePort(), await freePort()];
    try {
      const collector = await startSkein(
        ['collector', `--collector.otlp.http.host-port=127.0.0.1:${otlpPort}`, ...['collector.http-server.host-port', 'collector.zipkin.host-port', 'collector.otlp.grpc.host-port', 'collector.grpc-server.host-port', 'processor.jaeger-compact.server-host-port', 'processor.jaeger-binary.server-host-port'].map((flag) => `--${flag}=off`)],
        storageEnv,
        collectorAdmin,
      );
      const query = await startSkein(['query', `--query.http-server.host-port=127.0.0.1:${queryPort}`, '--query.grpc-server.host-port=127.0.0.1:0'], storageEnv, queryAdmin);

      const service = `svc-${type}`;
      const { traceId, body } = otlpJsonTrace(service, 5);
      const accepted = await fetch(`http://127.0.0.1:${otlpPort}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(accepted.status).toBe(200);

      // Search indices refresh about once a second: poll until the trace is searchable.
      const trace = await eventually(
        async () => {
          const response = await fetch(`http://127.0.0.1:${queryPort}/api/traces/${traceId}`);
          if (response.status !== 200) return undefined;
          const { data } = (await response.json()) as { data: Array<{ traceID: string; spans: Array<{ spanID: string; operationName: string; processID: string }>; processes: Record<string, { serviceName: string }> }> };
          return data[0]?.spans.length === 5 ? data[0] : undefined;
        },
        `trace ${traceId} in ${type}`,
        30_000,
      );
      expect(trace.traceID).toBe(traceId);
      expect(trace.spans.map((s) => s.operationName).sort()).toEqual(['root', 'step-1', 'step-2', 'step-3', 'step-4']);
      expect(new Set(trace.spans.map((s) => trace.processes[s.processID]?.serviceName))).toEqual(new Set([service]));

      // The service index refreshes on its own schedule, so it may trail the span index by a refresh interval.
      const services = await eventually(async () => {
        const { data } = (await (await fetch(`http://127.0.0.1:${queryPort}/api/services`)).json()) as { data: string[] };
        return data.includes(service) ? data : undefined;
      }, `service ${service} listed`, 15_000);
      expect(services).toContain(service);
      const found = (await (await fetch(`http://127.0.0.1:${queryPort}/api/traces?service=${service}&lookback=1h`)).json()) as { data: Array<{ traceID: string }> };
      expect(found.data.map((t) => t.traceID)).toContain(traceId);

      expect(await stop(collector.child)).toBe(0);
      expect(await stop(query.child)).toBe(0);
    } finally {
      await fetch(`${url}/${prefix}-*`, { method: 'DELETE' });
      for (const name of ['span', 'service', 'dependencies']) await fetch(`${url}/_index_template/${prefix}-jaeger-${name}`, { method: 'DELETE' });
    }
  });
});
