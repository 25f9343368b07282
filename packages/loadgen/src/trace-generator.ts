import { boolTag, int64Tag, stringTag, type Log, type Process, type Span, type Tag } from '@skein/model';
import { Random } from './random.js';
import { SERVICES, type Operation, type ServiceName } from './service-catalogue.js';

export interface TraceShape {
  /** Most remote calls a span makes (each call draws 1..fanOut). */
  fanOut: number;
  /** Most levels of calls below the root. */
  depth: number;
  /** Share of leaf calls that fail (0..1); the failure shows on the calling span too. */
  errorRate: number;
  /** Every this many traces one is large (0: never). */
  largeTraceEvery: number;
  largeTraceSpans: number;
}

/** One generated request: its spans and the log lines its services would write. */
export interface GeneratedTrace {
  traceId: string;
  spans: Span[];
  logs: TraceLogLine[];
}

export interface TraceLogLine {
  /** µs since the epoch */
  timestamp: number;
  level: 'info' | 'warn' | 'error';
  message: string;
  service: string;
  spanId: string;
}

/**
 * HotROD-like requests (a ride-sharing front end calling customer, driver, route and pricing services, which call
 * MySQL and Redis), shaped by `--fan-out` and `--depth`, with errors, events and an occasional very large trace.
 * Deterministic for a given seed and clock.
 */
export class TraceGenerator {
  private readonly random: Random;
  private readonly processes = new Map<ServiceName, Process>();
  private generated = 0;

  constructor(
    private readonly shape: TraceShape,
    seed: number,
  ) {
    this.random = new Random(seed);
    for (const [name, service] of Object.entries(SERVICES) as Array<[ServiceName, (typeof SERVICES)[ServiceName]]>) {
      const instance = this.random.int(1, 9);
      this.processes.set(name, {
        serviceName: name,
        tags: [
          stringTag('hostname', `${name}-${instance}`),
          stringTag('ip', `10.0.${service.subnet}.${instance}`),
          stringTag('telemetry.sdk.language', service.language),
          stringTag('service.version', '1.4.2'),
          stringTag('deployment.environment', 'loadgen'),
        ],
      });
    }
  }

  /** The next request, ending at `endMicros`. */
  next(endMicros: number): GeneratedTrace {
    this.generated += 1;
    const traceId = this.random.hex(32);
    const builder = new TraceBuilder(traceId, this.random, this.processes, this.shape);
    if (this.shape.largeTraceEvery > 0 && this.generated % this.shape.largeTraceEvery === 0) builder.batchImport(endMicros, this.shape.largeTraceSpans);
    else builder.request(endMicros);
    return { traceId, spans: builder.spans, logs: builder.logs };
  }
}

class TraceBuilder {
  readonly spans: Span[] = [];
  readonly logs: TraceLogLine[] = [];

  constructor(
    private readonly traceId: string,
    private readonly random: Random,
    private readonly processes: ReadonlyMap<ServiceName, Process>,
    private readonly shape: TraceShape,
  ) {}

  request(endMicros: number): void {
    const customer = this.random.int(100, 999);
    const root = SERVICES.frontend.entry;
    const duration = this.random.latencyMicros(root.latencyMs * 4);
    const rootSpan = this.span('frontend', root, endMicros - duration, duration, undefined, [stringTag('http.url', `/dispatch?customer=${customer}`)]);
    this.log(rootSpan, 'info', `HTTP request received: GET /dispatch?customer=${customer}`);
    this.calls('frontend', rootSpan, 1);
  }

  /** One wide trace of about `size` spans: an import job that handles items one by one. */
  batchImport(endMicros: number, size: number): void {
    const perItemMicros = 200;
    const duration = size * perItemMicros + 1_000;
    const root = this.span('pricing', { name: 'POST /batch/import', kind: 'server', latencyMs: 0, tags: { 'http.method': 'POST', 'http.route': '/batch/import' } }, endMicros - duration, duration, undefined, []);
    this.log(root, 'info', `importing ${size - 1} price updates`);
    for (let i = 1; i < size; i++) {
      const start = root.startTime + 500 + (i - 1) * perItemMicros;
      this.span('pricing', { name: 'import item', kind: 'internal', latencyMs: 0, tags: {} }, start, perItemMicros - 20, root, [int64Tag('item.index', i)]);
    }
  }

  /** The remote calls a span of `service` makes, laid out one after another inside it. */
  private calls(service: ServiceName, parent: Span, level: number): void {
    if (level > this.shape.depth) return;
    const downstream = SERVICES[service].calls;
    const count = this.random.int(1, this.shape.fanOut);
    const slot = Math.floor(parent.duration / (count + 1));
    let at = parent.startTime + Math.floor(slot / 2);
    for (let i = 0; i < count; i++) {
      const target = downstream.length > 0 ? downstream[this.random.int(0, downstream.length - 1)]! : undefined;
      const duration = Math.max(10, Math.min(slot - 10, this.random.latencyMicros(target ? SERVICES[target].entry.latencyMs : 1)));
      if (target) this.remoteCall(service, target, parent, at, duration, level);
      else {
        // A leaf service does its work in internal spans, so that --depth holds wherever the call graph ends.
        const work = this.span(service, { name: SERVICES[service].internal, kind: 'internal', latencyMs: 0, tags: {} }, at, duration, parent, []);
        this.calls(service, work, level + 1);
      }
      at += slot;
    }
  }

  private remoteCall(caller: ServiceName, callee: ServiceName, parent: Span, start: number, duration: number, level: number): void {
    const entry = SERVICES[callee].entry;
    const client = this.span(caller, { ...entry, kind: 'client' }, start, duration, parent, [stringTag('peer.service', callee)]);
    const server = this.span(callee, entry, start + 5, Math.max(1, duration - 10), client, []);
    const leaf = level >= this.shape.depth || SERVICES[callee].calls.length === 0;
    if (leaf && this.random.chance(this.shape.errorRate)) {
      const message = SERVICES[callee].failure;
      for (const span of [server, client]) {
        span.tags.push(boolTag('error', true), stringTag('otel.status_code', 'ERROR'));
        span.logs.push({ timestamp: span.startTime + Math.floor(span.duration / 2), fields: [stringTag('event', 'error'), stringTag('message', message)] });
      }
      this.log(server, 'error', message);
      this.log(client, 'warn', `call to ${callee} failed: ${message}`);
    } else {
      this.log(server, 'info', SERVICES[callee].message);
    }
    this.calls(callee, server, level + 1);
  }

  private span(service: ServiceName, operation: Operation, start: number, duration: number, parent: Span | undefined, extra: Tag[]): Span {
    const tags: Tag[] = [stringTag('span.kind', operation.kind)];
    for (const [key, value] of Object.entries(operation.tags)) tags.push(typeof value === 'number' ? int64Tag(key, value) : stringTag(key, value));
    tags.push(...extra);
    const logs: Log[] = operation.kind === 'server' ? [{ timestamp: start + 1, fields: [stringTag('event', 'request.received')] }] : [];
    const span: Span = {
      traceId: this.traceId,
      spanId: this.random.hex(16),
      operationName: operation.name,
      references: parent ? [{ refType: 'CHILD_OF', traceId: this.traceId, spanId: parent.spanId }] : [],
      flags: 1,
      startTime: start,
      duration,
      tags,
      logs,
      process: this.processes.get(service)!,
      warnings: [],
    };
    this.spans.push(span);
    return span;
  }

  private log(span: Span, level: TraceLogLine['level'], message: string): void {
    this.logs.push({ timestamp: span.startTime + Math.floor(span.duration / 2), level, message, service: span.process.serviceName, spanId: span.spanId });
  }
}
