import { randomBytes } from 'node:crypto';

/** Services by call depth, so that the service map is a layered graph as in a real system. */
const TIERS = [['frontend'], ['gateway'], ['checkout', 'cart', 'search'], ['payments', 'inventory', 'auth'], ['shipping', 'email', 'ads', 'currency']];
const VERBS = ['GET', 'POST', 'SELECT', 'UPDATE', 'publish', 'consume', 'render', 'resolve'];

export interface GeneratedTrace {
  traceId: string;
  spanCount: number;
  /** OTLP JSON export requests, `chunk` spans each. */
  bodies: string[];
  /** The root span's id and operation, and one deep span with an error and an event (for the tests to find). */
  rootSpanId: string;
  rootOperation: string;
  errorSpanCount: number;
  marked: { spanId: string; service: string; operation: string; attribute: string };
}

/**
 * A trace of `spanCount` spans shaped like a real fan-out: each span has up to `fanOut` children in sequence inside
 * its own interval, services and operations repeat, every 50th span fails, every 10th has an event. Sent as OTLP
 * JSON (what the OpenTelemetry exporters post) in chunks, because a 100,000-span request is beyond any body limit.
 */
export function generateTrace(spanCount: number, options: { fanOut?: number; chunk?: number; startMs?: number; service?: string } = {}): GeneratedTrace {
  const fanOut = options.fanOut ?? 5;
  const chunk = options.chunk ?? 2_000;
  const traceId = randomBytes(16).toString('hex');
  const ids = Array.from({ length: spanCount }, () => randomBytes(8).toString('hex'));
  const startNs = BigInt(options.startMs ?? Date.now() - 60_000) * 1_000_000n;
  const starts = new Float64Array(spanCount);
  const durations = new Float64Array(spanCount);
  durations[0] = 8_000_000_000; // 8 s, in ns
  // Spans below the last tier stay in their parent's service (internal work), so the service graph has no cycles.
  const services: string[] = new Array(spanCount);
  const depths = new Int32Array(spanCount);
  for (let i = 0; i < spanCount; i++) {
    const parent = i === 0 ? -1 : Math.floor((i - 1) / fanOut);
    depths[i] = parent < 0 ? 0 : depths[parent]! + 1;
    const tier = TIERS[depths[i]!];
    services[i] = options.service ?? (tier ? tier[i % tier.length]! : services[parent]!);
  }
  const bySpanService = (i: number): string => services[i]!;
  const operationOf = (i: number): string => (i === 0 ? 'GET /checkout' : `${VERBS[i % VERBS.length]} /${bySpanService(i)}/${i % 13}`);
  const marked = Math.min(spanCount - 1, Math.floor(spanCount * 0.77) + 1);
  const groups = new Map<string, object[]>();
  let errors = 0;
  for (let i = 0; i < spanCount; i++) {
    const parent = i === 0 ? -1 : Math.floor((i - 1) / fanOut);
    if (parent >= 0) {
      const k = (i - 1) % fanOut;
      durations[i] = durations[parent]! * 0.55;
      starts[i] = starts[parent]! + durations[parent]! * 0.08 + (durations[parent]! * 0.4 * k) / fanOut;
    }
    const failed = i > 0 && (i % 50 === 0 || i === marked);
    if (failed) errors++;
    const service = bySpanService(i);
    const start = startNs + BigInt(Math.round(starts[i]!));
    const span = {
      traceId,
      spanId: ids[i],
      ...(parent >= 0 ? { parentSpanId: ids[parent] } : {}),
      name: operationOf(i),
      kind: i === 0 ? 2 : (i % 2) + 2,
      startTimeUnixNano: String(start),
      endTimeUnixNano: String(start + BigInt(Math.round(durations[i]!))),
      attributes: [
        { key: 'span.index', value: { intValue: String(i) } },
        { key: 'http.status_code', value: { intValue: failed ? '500' : '200' } },
        ...(i === marked ? [{ key: 'order.id', value: { stringValue: 'needle-4711' } }] : []),
      ],
      ...(i % 10 === 0 || i === marked
        ? { events: [{ timeUnixNano: String(start + BigInt(Math.round(durations[i]! / 3))), name: i === marked ? 'cache miss' : 'retry', attributes: [{ key: 'attempt', value: { intValue: '1' } }] }] }
        : {}),
      ...(failed ? { status: { code: 2, message: 'upstream failed' } } : {}),
    };
    const list = groups.get(service) ?? [];
    list.push(span);
    groups.set(service, list);
  }
  const bodies: string[] = [];
  for (const [service, spans] of groups) {
    for (let at = 0; at < spans.length; at += chunk) {
      bodies.push(
        JSON.stringify({
          resourceSpans: [
            {
              resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }, { key: 'host.name', value: { stringValue: `${service}-1` } }] },
              scopeSpans: [{ scope: { name: 'ui-test' }, spans: spans.slice(at, at + chunk) }],
            },
          ],
        }),
      );
    }
  }
  return {
    traceId,
    spanCount,
    bodies,
    rootSpanId: ids[0]!,
    rootOperation: operationOf(0),
    errorSpanCount: errors,
    marked: { spanId: ids[marked]!, service: bySpanService(marked), operation: operationOf(marked), attribute: 'needle-4711' },
  };
}

/** Posts every body to an OTLP/HTTP endpoint, `parallel` at a time, retrying on 429/503 (the collector's backpressure). */
export async function sendTrace(url: string, trace: GeneratedTrace, parallel = 2): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < trace.bodies.length) {
      const body = trace.bodies[next++]!;
      for (let attempt = 0; ; attempt++) {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const text = await response.text();
        if (response.ok) break;
        if ((response.status !== 429 && response.status !== 503) || attempt > 50) throw new Error(`OTLP post answered ${response.status}: ${text.slice(0, 300)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
