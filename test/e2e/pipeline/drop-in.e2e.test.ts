/**
 * What Jaeger's current UI and tools call, through the whole distributed path: `skein collector` → Kafka →
 * `skein ingester` → OpenSearch → `skein query` (HTTP and gRPC, with `--es-archive.enabled`), all real binaries.
 * Trace summaries are aggregated in OpenSearch; an archived trace outlives its span index.
 *
 * @services kafka, opensearch
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';
import { otlpJsonTrace } from '../all-in-one/otlp-json.js';
import { eventually, freePort } from '../all-in-one/skein-process.js';
import { KafkaFixture, SearchFixture } from '../ingester/fixtures.js';
import { IngesterProcess } from '../ingester/ingester-process.js';
import { collect, queryClients } from '../query-grpc/client.js';
import { killSkeinCommands, startSkeinCommand, stopSkeinCommand } from '../skein-command.js';

const SERVICE = uniqueName('dropin');
let kafka: KafkaFixture;
let search: SearchFixture;
let ingester: IngesterProcess;
let collector: Awaited<ReturnType<typeof startSkeinCommand>>;
let query: Awaited<ReturnType<typeof startSkeinCommand>>;
const ports = { otlp: 0, query: 0, grpc: 0 };
let sent: { traceId: string; body: string };

const window = () => `query.startTimeMin=${new Date(Date.now() - 3_600_000).toISOString()}&query.startTimeMax=${new Date(Date.now() + 60_000).toISOString()}`;
const queryUrl = (path: string) => `http://127.0.0.1:${ports.query}${path}`;

beforeAll(async () => {
  kafka = new KafkaFixture(serviceAddress('KAFKA_BROKERS'));
  search = new SearchFixture(serviceAddress('OPENSEARCH_URL'), uniqueName('dropin_e2e'));
  const topic = await kafka.topic('dropin_spans', 2);
  ingester = await IngesterProcess.start({
    brokers: kafka.brokers,
    topic,
    groupId: uniqueName('dropin_group'),
    deadLetterTopic: await kafka.topic('dropin_dlq', 1),
    storageType: 'opensearch',
    storageUrl: search.url,
    indexPrefix: search.indexPrefix,
  });
  [ports.otlp, ports.query, ports.grpc] = [await freePort(), await freePort(), await freePort()];
  const off = ['collector.http-server.host-port', 'collector.zipkin.host-port', 'collector.otlp.grpc.host-port', 'collector.grpc-server.host-port', 'processor.jaeger-compact.server-host-port', 'processor.jaeger-binary.server-host-port'];
  collector = await startSkeinCommand(
    ['collector', `--collector.otlp.http.host-port=127.0.0.1:${ports.otlp}`, ...off.map((flag) => `--${flag}=off`)],
    { SPAN_STORAGE_TYPE: 'kafka', KAFKA_PRODUCER_BROKERS: kafka.brokers, KAFKA_PRODUCER_TOPIC: topic, LOG_LEVEL: 'warn' },
    await freePort(),
  );
  const es = { ES_SERVER_URLS: search.url, ES_INDEX_PREFIX: search.indexPrefix, ES_NUM_SHARDS: '1', ES_NUM_REPLICAS: '0' };
  const archive = { ES_ARCHIVE_ENABLED: 'true', ES_ARCHIVE_SERVER_URLS: search.url, ES_ARCHIVE_INDEX_PREFIX: search.indexPrefix, ES_ARCHIVE_NUM_SHARDS: '1', ES_ARCHIVE_NUM_REPLICAS: '0' };
  query = await startSkeinCommand(
    ['query', `--query.http-server.host-port=127.0.0.1:${ports.query}`, `--query.grpc-server.host-port=127.0.0.1:${ports.grpc}`],
    { SPAN_STORAGE_TYPE: 'opensearch', ...es, ...archive, LOG_LEVEL: 'warn' },
    await freePort(),
  );
  sent = otlpJsonTrace(SERVICE, 5);
  const accepted = await fetch(`http://127.0.0.1:${ports.otlp}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: sent.body });
  expect(accepted.status).toBe(200);
}, 180_000);

afterAll(async () => {
  if (collector) expect(await stopSkeinCommand(collector.child)).toBe(0);
  if (query) expect(await stopSkeinCommand(query.child)).toBe(0);
  await ingester?.stop(15_000);
  killSkeinCommands();
  await search?.cleanup();
  await kafka?.close();
}, 60_000);

describe('collector → Kafka → ingester → OpenSearch → query', () => {
  it('answers GET /api/v3/trace-summaries with the exact api_v3 shape, and gRPC FindTraceSummaries alike', async () => {
    const body = await eventually(async () => {
      const response = await fetch(queryUrl(`/api/v3/trace-summaries?query.serviceName=${SERVICE}&${window()}`));
      const json = (await response.json()) as { summaries: Array<Record<string, unknown>> };
      return json.summaries?.[0]?.['spanCount'] === 5 ? json : undefined;
    }, 'the summary of all five spans', 60_000);
    const spans = (JSON.parse(sent.body) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ startTimeUnixNano: string; endTimeUnixNano: string }> }> }> })
      .resourceSpans[0]!.scopeSpans[0]!.spans;
    // Jaeger's model keeps µs, so the nanosecond bounds are those of the sent spans rounded down to whole µs.
    const micros = (nanos: string) => (BigInt(nanos) / 1000n) * 1000n;
    expect(body).toEqual({
      summaries: [
        {
          traceId: sent.traceId,
          rootServiceName: SERVICE,
          rootOperationName: 'root',
          minStartTimeUnixNano: String(micros(spans[0]!.startTimeUnixNano)),
          maxEndTimeUnixNano: String(spans.map((s) => micros(s.startTimeUnixNano) + (micros(s.endTimeUnixNano) - micros(s.startTimeUnixNano))).reduce((a, b) => (a > b ? a : b))),
          spanCount: 5,
          errorSpanCount: 0,
          orphanSpanCount: 0,
          services: [{ name: SERVICE, spanCount: 5, errorSpanCount: 0 }],
        },
      ],
    });

    const clients = queryClients(ports.grpc);
    try {
      const now = Date.now();
      const ts = (ms: number) => ({ seconds: String(Math.floor(ms / 1000)), nanos: 0 });
      const [answer] = await collect<{ summaries: unknown[] }>(
        clients.v3.FindTraceSummaries({ query: { serviceName: SERVICE, startTimeMin: ts(now - 3_600_000), startTimeMax: ts(now + 60_000) } }),
      );
      expect(answer!.summaries).toEqual(body.summaries);
    } finally {
      clients.close();
    }
  });

  it('archives the trace (POST /api/archive/{id}) and serves it from the archive once its span index is gone', async () => {
    const archived = await fetch(queryUrl(`/api/archive/${sent.traceId}`), { method: 'POST' });
    expect(archived.status).toBe(200);
    expect(await archived.json()).toEqual({ data: [], total: 0, limit: 0, offset: 0, errors: null });
    const archiveIndex = `${search.indexPrefix}-jaeger-span-archive`;
    await fetch(`${search.url}/${archiveIndex}/_refresh`, { method: 'POST' });
    const count = (await (await fetch(`${search.url}/${archiveIndex}/_count`)).json()) as { count: number };
    expect(count.count).toBe(5);

    // The index cleaner's job, done by hand: drop every daily span index.
    const deleted = await fetch(`${search.url}/${search.indexPrefix}-jaeger-span-2*`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    const trace = await fetch(queryUrl(`/api/traces/${sent.traceId}`));
    expect(trace.status).toBe(200);
    const { data } = (await trace.json()) as { data: Array<{ traceID: string; spans: unknown[] }> };
    expect(data[0]!.traceID).toBe(sent.traceId);
    expect(data[0]!.spans).toHaveLength(5);

    const clients = queryClients(ports.grpc);
    try {
      const chunks = await collect<{ spans: unknown[] }>(clients.v2.GetTrace({ traceId: Buffer.from(sent.traceId, 'hex') }));
      expect(chunks.flatMap((chunk) => chunk.spans)).toHaveLength(5);
    } finally {
      clients.close();
    }
    // Searches read the span indices only: the archived copy is not found again by a search.
    const summaries = (await (await fetch(queryUrl(`/api/v3/trace-summaries?query.serviceName=${SERVICE}&${window()}`))).json()) as { summaries: unknown[] };
    expect(summaries.summaries).toEqual([]);
  });
});
