import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface EmittedTrace {
  traceId: string;
  parentId: string;
  childId: string;
}

function providerFor(service: string, exporter: SpanExporter): BasicTracerProvider {
  return new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'deployment.environment': 'e2e', 'host.id': 'host-1' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
}

/**
 * A server span (typed attributes, an int64 beyond 2^53, error status) and its client child with an event,
 * sent through an OpenTelemetry JS exporter; resolves once the exporter has flushed.
 */
export async function emitOtelTrace(service: string, exporter: SpanExporter): Promise<EmittedTrace> {
  const provider = providerFor(service, exporter);
  const tracer = provider.getTracer('e2e-scope', '1.2.3');
  const parent = tracer.startSpan('GET /checkout', {
    kind: SpanKind.SERVER,
    attributes: { 'http.method': 'GET', 'http.status_code': 500, ratio: 0.25, ok: false, 'big.int': 2 ** 60 },
  });
  const child = tracer.startSpan('SELECT orders', { kind: SpanKind.CLIENT, attributes: { 'db.system': 'postgresql' } }, trace.setSpan(context.active(), parent));
  child.addEvent('query-start', { rows: 3 });
  child.end();
  parent.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
  parent.end();
  await provider.forceFlush();
  await provider.shutdown();
  return { traceId: parent.spanContext().traceId, parentId: parent.spanContext().spanId, childId: child.spanContext().spanId };
}

/** `frontend` (client span) calls `backend` (server span): one trace across two services, for the dependency graph. */
export async function emitTwoServiceTrace(frontend: string, backend: string, exporterFor: () => SpanExporter): Promise<string> {
  const front = providerFor(frontend, exporterFor());
  const back = providerFor(backend, exporterFor());
  const call = front.getTracer('e2e').startSpan('call backend', { kind: SpanKind.CLIENT });
  const serve = back.getTracer('e2e').startSpan('serve', { kind: SpanKind.SERVER }, trace.setSpan(context.active(), call));
  serve.end();
  call.end();
  for (const provider of [front, back]) {
    await provider.forceFlush();
    await provider.shutdown();
  }
  return call.spanContext().traceId;
}

interface JaegerSpan {
  setTag(key: string, value: unknown): void;
  log(fields: Record<string, unknown>): void;
  finish(): void;
  context(): { toSpanId(): string; toTraceId(): string };
}
interface JaegerTracer {
  startSpan(name: string): JaegerSpan;
  close(callback: () => void): void;
}

/** One span through `jaeger-client` (Thrift binary over UDP to an agent port, or over HTTP to a collector endpoint). */
export async function emitJaegerClientSpan(service: string, reporter: { agentHost: string; agentPort: number } | { collectorEndpoint: string }): Promise<{ traceId: string; spanId: string }> {
  const { initTracer } = require('jaeger-client') as { initTracer: (config: object, options: object) => JaegerTracer };
  const tracer = initTracer(
    { serviceName: service, sampler: { type: 'const', param: 1 }, reporter: { ...reporter, flushIntervalMs: 50 } },
    { tags: { 'client.tag': 'yes' }, logger: { info: () => undefined, error: (message: string) => process.stderr.write(`jaeger-client: ${message}\n`) } },
  );
  const span = tracer.startSpan('jaeger-op');
  span.setTag('jaeger.tag', 42);
  span.setTag('span.kind', 'server');
  span.log({ event: 'something', value: 'x' });
  span.finish();
  await new Promise<void>((resolve) => tracer.close(resolve));
  // jaeger-client drops leading zeros ("8d66…"); Jaeger's API renders ids zero-padded to 16 or 32 hex digits.
  return { traceId: jaegerHexId(span.context().toTraceId()), spanId: jaegerHexId(span.context().toSpanId()) };
}

function jaegerHexId(hex: string): string {
  return hex.padStart(hex.length <= 16 ? 16 : 32, '0');
}
