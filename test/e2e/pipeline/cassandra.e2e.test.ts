/**
 * The distributed path on Cassandra, all real binaries and real clients: OpenTelemetry's gRPC exporter and
 * `jaeger-client` → `skein collector` → Kafka → two `skein ingester`s → the keyspace `skein cassandra-schema` made →
 * `skein query` (with an archive keyspace), checked through Jaeger's HTTP API.
 *
 * @services kafka, cassandra
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OTLPTraceExporter as OtlpGrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';
import { emitJaegerClientSpan, emitOtelTrace, emitTwoServiceTrace, type EmittedTrace } from '../all-in-one/senders.js';
import { eventually, freePort } from '../all-in-one/skein-process.js';
import { CassandraFixture } from '../ingester/cassandra-fixture.js';
import { KafkaFixture } from '../ingester/fixtures.js';
import { IngesterProcess } from '../ingester/ingester-process.js';
import { killSkeinCommands, startSkeinCommand, stopSkeinCommand } from '../skein-command.js';

const SERVICE = uniqueName('cass_otel');
const JAEGER_SERVICE = uniqueName('cass_jaeger');
const [FRONTEND, BACKEND] = [uniqueName('cass_front'), uniqueName('cass_back')];
let kafka: KafkaFixture;
let store: CassandraFixture;
let archiveKeyspace: string;
const ingesters: IngesterProcess[] = [];
let collector: Awaited<ReturnType<typeof startSkeinCommand>>;
let query: Awaited<ReturnType<typeof startSkeinCommand>>;
const ports = { otlpGrpc: 0, jaegerHttp: 0, query: 0 };
let otel: EmittedTrace;
let jaeger: { traceId: string; spanId: string };
let twoServices: string;

const queryUrl = (path: string) => `http://127.0.0.1:${ports.query}${path}`;
const getJson = async <T>(path: string): Promise<T> => (await (await fetch(queryUrl(path))).json()) as T;
type Traces = { data: Array<{ traceID: string; spans: Array<{ spanID: string; operationName: string; tags: Array<{ key: string; value: unknown }> }> }> };

beforeAll(async () => {
  kafka = new KafkaFixture(serviceAddress('KAFKA_BROKERS'));
  store = new CassandraFixture(serviceAddress('CASSANDRA_CONTACT_POINTS'), 'pipeline');
  await store.create();
  archiveKeyspace = await store.create(0, uniqueName('pipeline_archive').toLowerCase());
  const topic = await kafka.topic('cass_pipeline_spans', 2);
  const setup = { brokers: kafka.brokers, topic, groupId: uniqueName('cass_pipeline'), deadLetterTopic: await kafka.topic('cass_pipeline_dlq', 1), storageType: 'cassandra' as const, storageUrl: store.address, indexPrefix: store.keyspace };
  ingesters.push(await IngesterProcess.start(setup), await IngesterProcess.start(setup));
  [ports.otlpGrpc, ports.jaegerHttp, ports.query] = [await freePort(), await freePort(), await freePort()];
  const off = ['collector.otlp.http.host-port', 'collector.zipkin.host-port', 'collector.grpc-server.host-port', 'processor.jaeger-compact.server-host-port', 'processor.jaeger-binary.server-host-port'];
  collector = await startSkeinCommand(
    ['collector', `--collector.otlp.grpc.host-port=127.0.0.1:${ports.otlpGrpc}`, `--collector.http-server.host-port=127.0.0.1:${ports.jaegerHttp}`, ...off.map((flag) => `--${flag}=off`)],
    { SPAN_STORAGE_TYPE: 'kafka', KAFKA_PRODUCER_BROKERS: kafka.brokers, KAFKA_PRODUCER_TOPIC: topic, LOG_LEVEL: 'warn' },
    await freePort(),
  );
  query = await startSkeinCommand(
    ['query', `--query.http-server.host-port=127.0.0.1:${ports.query}`, '--query.grpc-server.host-port=off'],
    { SPAN_STORAGE_TYPE: 'cassandra', CASSANDRA_SERVERS: store.address, CASSANDRA_KEYSPACE: store.keyspace, CASSANDRA_ARCHIVE_ENABLED: 'true', CASSANDRA_ARCHIVE_KEYSPACE: archiveKeyspace, LOG_LEVEL: 'warn' },
    await freePort(),
  );
  otel = await emitOtelTrace(SERVICE, new OtlpGrpcExporter({ url: `http://127.0.0.1:${ports.otlpGrpc}` }));
  jaeger = await emitJaegerClientSpan(JAEGER_SERVICE, { collectorEndpoint: `http://127.0.0.1:${ports.jaegerHttp}/api/traces` });
  twoServices = await emitTwoServiceTrace(FRONTEND, BACKEND, () => new OtlpGrpcExporter({ url: `http://127.0.0.1:${ports.otlpGrpc}` }));
}, 240_000);

afterAll(async () => {
  if (collector) expect(await stopSkeinCommand(collector.child)).toBe(0);
  if (query) expect(await stopSkeinCommand(query.child)).toBe(0);
  await Promise.all(ingesters.map((ingester) => ingester.stop(15_000)));
  killSkeinCommands();
  await store?.cleanup(archiveKeyspace);
  await kafka?.close();
}, 60_000);

describe('OpenTelemetry and jaeger-client → collector → Kafka → ingesters → Cassandra → query', () => {
  it('serves the OpenTelemetry trace whole, with its typed tags, and finds it by tag', async () => {
    const trace = await eventually(async () => {
      const body = await getJson<Traces>(`/api/traces/${otel.traceId}`);
      return body.data?.[0]?.spans.length === 2 ? body.data[0] : undefined;
    }, 'both spans of the OpenTelemetry trace', 60_000);
    const parent = trace.spans.find((span) => span.spanID === otel.parentId)!;
    expect(parent.operationName).toBe('GET /checkout');
    expect(parent.tags).toEqual(expect.arrayContaining([{ key: 'big.int', type: 'int64', value: '1152921504606846976' }, { key: 'error', type: 'bool', value: true }]));
    const found = await getJson<Traces>(`/api/traces?service=${SERVICE}&tags=${encodeURIComponent(JSON.stringify({ 'http.status_code': '500' }))}&lookback=1h&limit=20`);
    expect(found.data.map((t) => t.traceID)).toEqual([otel.traceId]);
    const operations = await getJson<{ data: Array<{ name: string; spanKind: string }> }>(`/api/operations?service=${SERVICE}`);
    expect(operations.data).toEqual(expect.arrayContaining([{ name: 'GET /checkout', spanKind: 'server' }]));
  });

  it('serves the jaeger-client span, finds it by its process tag, and lists every service', async () => {
    const span = await eventually(async () => (await getJson<Traces>(`/api/traces/${jaeger.traceId}`)).data?.[0]?.spans[0], 'the jaeger-client span', 60_000);
    // jaeger-client sends JavaScript numbers as float64.
    expect(span.tags).toEqual(expect.arrayContaining([{ key: 'jaeger.tag', type: 'float64', value: 42 }]));
    // Names are written beside the spans, not before them, and the two-service trace may still be on its way.
    const services = await eventually(async () => {
      const body = await getJson<{ data: string[] }>('/api/services');
      return [SERVICE, JAEGER_SERVICE, FRONTEND, BACKEND].every((name) => body.data.includes(name)) ? body.data : undefined;
    }, 'every service listed', 60_000);
    expect(services).toEqual(expect.arrayContaining([SERVICE, JAEGER_SERVICE, FRONTEND, BACKEND]));
    const byTag = await getJson<Traces>(`/api/traces?service=${JAEGER_SERVICE}&tag=client.tag:yes&lookback=1h`);
    expect(byTag.data.map((t) => t.traceID)).toEqual([jaeger.traceId]);
  });

  it('shows the call between the two services in /api/dependencies, counted by the ingesters into dependencies_v2', async () => {
    await eventually(async () => ((await getJson<Traces>(`/api/traces/${twoServices}`)).data?.[0]?.spans.length === 2 ? true : undefined), 'the two-service trace', 60_000);
    const links = await eventually(async () => {
      const body = await getJson<{ data: Array<{ parent: string; child: string; callCount: number }> }>(`/api/dependencies?endTs=${Date.now() + 60_000}&lookback=3600000`);
      const link = body.data.find((l) => l.parent === FRONTEND && l.child === BACKEND);
      return link ? body.data : undefined;
    }, 'the frontend → backend link', 60_000);
    expect(links.filter((l) => l.parent === FRONTEND)).toEqual([{ parent: FRONTEND, child: BACKEND, callCount: 1 }]);
  });

  it('archives a trace into the archive keyspace (POST /api/archive/{id})', async () => {
    const archived = await fetch(queryUrl(`/api/archive/${otel.traceId}`), { method: 'POST' });
    expect(archived.status).toBe(200);
    const client = await store.client();
    const rows = await client.execute(`SELECT span_id FROM ${archiveKeyspace}.traces WHERE trace_id = ?`, [Buffer.from(otel.traceId, 'hex')], { prepare: true });
    expect(rows.rows).toHaveLength(2);
  });
});
