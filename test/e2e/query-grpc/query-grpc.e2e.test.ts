/**
 * The query gRPC API (16685) of the real `skein all-in-one` binary, called by @grpc/grpc-js clients: api_v2 and
 * api_v3 QueryService with spans sent by the OpenTelemetry JS SDK, server reflection, archive, and hostile input.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status as Status } from '@grpc/grpc-js';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { emitOtelTrace, emitTwoServiceTrace, type EmittedTrace } from '../all-in-one/senders.js';
import { eventually, newDataDir, removeDataDir, startSkein, type RunningSkein } from '../all-in-one/skein-process.js';
import { grpcFrame, rawGrpcRequest } from '../../jest/raw-grpc-request.js';
import { collect, queryClients, rawUnary, reflect, unaryCall } from './client.js';

let skein: RunningSkein;
let dataDir: string;
let clients: ReturnType<typeof queryClients>;
let sent: EmittedTrace;
let twoServiceTraceId: string;

const exporter = () => new OTLPTraceExporter({ url: skein.url('otlp-http', '/v1/traces') });
const grpcPort = (): number => skein.listeners['query-grpc']!.port;
const timestamp = (ms: number) => ({ seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 });

beforeAll(async () => {
  dataDir = newDataDir();
  skein = await startSkein({ dataDir });
  clients = queryClients(grpcPort());
  sent = await emitOtelTrace('grpc-e2e', exporter());
  twoServiceTraceId = await emitTwoServiceTrace('grpc-front', 'grpc-back', exporter);
  await eventually(async () => {
    const response = await fetch(skein.url('query', `/api/traces/${twoServiceTraceId}`));
    return response.status === 200 ? true : undefined;
  }, 'the traces stored');
});

afterAll(async () => {
  clients?.close();
  if (skein) expect((await skein.stop()).code).toBe(0);
  removeDataDir(dataDir);
});

describe('jaeger.api_v2.QueryService', () => {
  it('GetTrace streams the spans as sent, in Jaeger model form', async () => {
    const chunks = await collect<{ spans: any[] }>(clients.v2.GetTrace({ traceId: Buffer.from(sent.traceId, 'hex') }));
    const spans = chunks.flatMap((chunk) => chunk.spans);
    expect(spans.map((span) => Buffer.from(span.spanId).toString('hex')).sort()).toEqual([sent.parentId, sent.childId].sort());
    const parent = spans.find((span) => Buffer.from(span.spanId).toString('hex') === sent.parentId)!;
    expect(Buffer.from(parent.traceId).toString('hex')).toBe(sent.traceId);
    expect(parent.operationName).toBe('GET /checkout');
    expect(parent.process.serviceName).toBe('grpc-e2e');
    const big = parent.tags.find((tag: any) => tag.key === 'big.int');
    expect(big).toMatchObject({ vType: 'INT64', vInt64: (2n ** 60n).toString() });
    const child = spans.find((span) => Buffer.from(span.spanId).toString('hex') === sent.childId)!;
    expect(child.references[0]).toMatchObject({ refType: 'CHILD_OF' });
    expect(Buffer.from(child.references[0].spanId).toString('hex')).toBe(sent.parentId);
  });

  it('FindTraces, GetServices, GetOperations and GetDependencies answer like the HTTP API', async () => {
    const now = Date.now();
    const query = { serviceName: 'grpc-e2e', startTimeMin: timestamp(now - 3_600_000), startTimeMax: timestamp(now + 60_000) };
    const chunks = await collect<{ spans: any[] }>(clients.v2.FindTraces({ query }));
    expect(new Set(chunks.flatMap((c) => c.spans.map((s) => Buffer.from(s.traceId).toString('hex'))))).toEqual(new Set([sent.traceId]));

    const { services } = await unaryCall<{ services: string[] }>(clients.v2, 'GetServices', {});
    expect(services).toEqual(expect.arrayContaining(['grpc-e2e', 'grpc-front', 'grpc-back']));
    const operations = await unaryCall<any>(clients.v2, 'GetOperations', { service: 'grpc-e2e' });
    expect(operations.operationNames.sort()).toEqual(['GET /checkout', 'SELECT orders']);
    expect(operations.operations).toEqual(expect.arrayContaining([{ name: 'GET /checkout', spanKind: 'server' }]));
    const server = await unaryCall<any>(clients.v2, 'GetOperations', { service: 'grpc-e2e', spanKind: 'client' });
    expect(server.operations).toEqual([{ name: 'SELECT orders', spanKind: 'client' }]);

    const { dependencies } = await unaryCall<any>(clients.v2, 'GetDependencies', { startTime: timestamp(now - 3_600_000), endTime: timestamp(now + 60_000) });
    expect(dependencies).toEqual(expect.arrayContaining([{ parent: 'grpc-front', child: 'grpc-back', callCount: '1', source: '' }]));
  });

  it('ArchiveTrace copies a stored trace and answers NOT_FOUND for an unknown one', async () => {
    await expect(unaryCall(clients.v2, 'ArchiveTrace', { traceId: Buffer.from(sent.traceId, 'hex') })).resolves.toEqual({});
    await expect(unaryCall(clients.v2, 'ArchiveTrace', { traceId: Buffer.alloc(16, 7) })).rejects.toMatchObject({ code: Status.NOT_FOUND });
  });

  it('refuses malformed requests with INVALID_ARGUMENT and unknown traces with NOT_FOUND', async () => {
    await expect(collect(clients.v2.GetTrace({ traceId: Buffer.alloc(16, 9) }))).rejects.toMatchObject({ code: Status.NOT_FOUND, details: 'trace not found' });
    await expect(collect(clients.v2.GetTrace({ traceId: Buffer.alloc(5) }))).rejects.toMatchObject({ code: Status.INVALID_ARGUMENT, details: expect.stringMatching(/16 bytes/) });
    await expect(collect(clients.v2.FindTraces({ query: { serviceName: '' } }))).rejects.toMatchObject({ code: Status.INVALID_ARGUMENT });
    await expect(collect(clients.v2.FindTraces({ query: { serviceName: 'x', searchDepth: -1 } }))).rejects.toMatchObject({ code: Status.INVALID_ARGUMENT });
    // Bytes that are no protobuf message at all, and a truncated one.
    await expect(rawUnary(grpcPort(), '/jaeger.api_v2.QueryService/GetTrace', Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]))).rejects.toMatchObject({ code: Status.INVALID_ARGUMENT });
    await expect(rawUnary(grpcPort(), '/jaeger.api_v2.QueryService/GetServices', Buffer.from([0x0a, 0x05, 0x61]))).rejects.toMatchObject({ code: Status.INVALID_ARGUMENT });
    // Frames no gRPC client would send: truncated, and flagged gzip without being gzip.
    const address = `127.0.0.1:${grpcPort()}`;
    await expect(rawGrpcRequest(address, '/jaeger.api_v2.QueryService/GetServices', Buffer.from([0, 0, 0, 0, 40, 1]))).resolves.toMatchObject({ status: Status.INVALID_ARGUMENT });
    await expect(rawGrpcRequest(address, '/jaeger.api_v3.QueryService/GetServices', grpcFrame(true, Buffer.from('not gzip')), { 'grpc-encoding': 'gzip' })).resolves.toMatchObject({
      status: Status.INVALID_ARGUMENT,
      message: expect.stringMatching(/not valid data of its grpc-encoding/),
    });
    // Over the 1 MiB request limit.
    await expect(rawUnary(grpcPort(), '/jaeger.api_v2.QueryService/GetServices', Buffer.alloc(2 * 1024 * 1024))).rejects.toMatchObject({ code: Status.RESOURCE_EXHAUSTED });
    // The service still answers.
    expect((await unaryCall<{ services: string[] }>(clients.v2, 'GetServices', {})).services.length).toBeGreaterThan(0);
  });
});

describe('jaeger.api_v3.QueryService', () => {
  const window = () => ({ startTimeMin: timestamp(Date.now() - 3_600_000), startTimeMax: timestamp(Date.now() + 60_000) });

  it('GetTrace streams OTLP TracesData', async () => {
    const messages = await collect<any>(clients.v3.GetTrace({ traceId: sent.traceId }));
    const spans = messages.flatMap((m) => m.resourceSpans.flatMap((rs: any) => rs.scopeSpans.flatMap((ss: any) => ss.spans)));
    expect(spans.map((span: any) => Buffer.from(span.spanId).toString('hex')).sort()).toEqual([sent.parentId, sent.childId].sort());
    const parent = spans.find((span: any) => span.name === 'GET /checkout');
    expect(parent.kind).toBe('SPAN_KIND_SERVER');
    expect(parent.status).toMatchObject({ code: 'STATUS_CODE_ERROR', message: 'boom' });
    const resource = messages[0].resourceSpans[0].resource.attributes.find((a: any) => a.key === 'service.name');
    expect(resource.value.stringValue).toBe('grpc-e2e');
  });

  it('FindTraces and FindTraceSummaries find the trace; the summary counts it', async () => {
    const messages = await collect<any>(clients.v3.FindTraces({ query: { serviceName: 'grpc-front', ...window() } }));
    const traceIds = new Set(messages.flatMap((m) => m.resourceSpans.flatMap((rs: any) => rs.scopeSpans.flatMap((ss: any) => ss.spans.map((s: any) => Buffer.from(s.traceId).toString('hex'))))));
    expect(traceIds).toEqual(new Set([twoServiceTraceId]));

    const [answer] = await collect<any>(clients.v3.FindTraceSummaries({ query: { serviceName: 'grpc-e2e', ...window() } }));
    expect(answer.summaries).toHaveLength(1);
    const summary = answer.summaries[0];
    expect(summary).toMatchObject({
      traceId: sent.traceId,
      rootServiceName: 'grpc-e2e',
      rootOperationName: 'GET /checkout',
      spanCount: 2,
      errorSpanCount: 1,
      orphanSpanCount: 0,
      services: [{ name: 'grpc-e2e', spanCount: 2, errorSpanCount: 1 }],
    });
    expect(BigInt(summary.maxEndTimeUnixNano)).toBeGreaterThan(BigInt(summary.minStartTimeUnixNano));

    // The HTTP gateway gives the same summary.
    const http = await fetch(
      skein.url('query', `/api/v3/trace-summaries?query.serviceName=grpc-e2e&query.startTimeMin=${new Date(Date.now() - 3_600_000).toISOString()}&query.startTimeMax=${new Date(Date.now() + 60_000).toISOString()}`),
    );
    const body = (await http.json()) as { summaries: any[] };
    expect(body.summaries[0]).toEqual({ ...summary, minStartTimeUnixNano: summary.minStartTimeUnixNano, maxEndTimeUnixNano: summary.maxEndTimeUnixNano });
  });

  it('GetServices, GetOperations and GetDependencies', async () => {
    expect((await unaryCall<{ services: string[] }>(clients.v3, 'GetServices', {})).services).toEqual(expect.arrayContaining(['grpc-e2e']));
    const { operations } = await unaryCall<any>(clients.v3, 'GetOperations', { service: 'grpc-e2e', spanKind: 'server' });
    expect(operations).toEqual([{ name: 'GET /checkout', spanKind: 'server' }]);
    const { dependencies } = await unaryCall<any>(clients.v3, 'GetDependencies', window().startTimeMin ? { startTime: window().startTimeMin, endTime: window().startTimeMax } : {});
    expect(dependencies).toEqual(expect.arrayContaining([{ parent: 'grpc-front', child: 'grpc-back', callCount: '1' }]));
  });

  it('refuses a search without its time window or service, and a malformed trace id', async () => {
    await expect(collect(clients.v3.FindTraces({ query: { serviceName: 'grpc-e2e' } }))).rejects.toMatchObject({ code: Status.INVALID_ARGUMENT, details: expect.stringMatching(/start_time_min/) });
    await expect(collect(clients.v3.FindTraceSummaries({ query: window() }))).rejects.toMatchObject({ code: Status.INVALID_ARGUMENT, details: expect.stringMatching(/service_name/) });
    await expect(collect(clients.v3.GetTrace({ traceId: 'not-hex' }))).rejects.toMatchObject({ code: Status.INVALID_ARGUMENT });
    // A structured filter is refused, never ignored (which would answer with more traces than asked for).
    await expect(collect(clients.v3.FindTraces({ query: { serviceName: 'grpc-e2e', ...window(), filter: {} } }))).rejects.toMatchObject({
      code: Status.INVALID_ARGUMENT,
      details: expect.stringMatching(/filter expressions are not supported/),
    });
    // A structured filter is refused, never ignored (which would answer with more traces than asked for).
    await expect(collect(clients.v3.FindTraces({ query: { serviceName: 'grpc-e2e', ...window(), filter: {} } }))).rejects.toMatchObject({
      code: Status.INVALID_ARGUMENT,
      details: expect.stringMatching(/filter expressions are not supported/),
    });
    await expect(collect(clients.v3.GetTrace({ traceId: 'ab'.repeat(16) }))).rejects.toMatchObject({ code: Status.NOT_FOUND });
  });
});

describe('server reflection', () => {
  it('lists both query services and describes api_v3 down to FindTraceSummaries', async () => {
    const listed = (await reflect(grpcPort(), { listServices: true })).toString('latin1');
    expect(listed).toContain('jaeger.api_v2.QueryService');
    expect(listed).toContain('jaeger.api_v3.QueryService');
    const described = (await reflect(grpcPort(), { fileContainingSymbol: 'jaeger.api_v3.QueryService' })).toString('latin1');
    expect(described).toContain('FindTraceSummaries');
    // Field names as the .proto writes them, so grpcurl's JSON uses Jaeger's names.
    expect(described).toContain('start_time_min');
  });
});
