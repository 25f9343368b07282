import { randomBytes } from 'node:crypto';

/** An OTLP/JSON request holding one trace of `spanCount` spans of `service` (a root and its children). */
export function otlpJsonTrace(service: string, spanCount: number): { traceId: string; body: string } {
  const traceId = randomBytes(16).toString('hex');
  const rootId = randomBytes(8).toString('hex');
  const nowNanos = BigInt(Date.now()) * 1_000_000n;
  const spans = Array.from({ length: spanCount }, (_, index) => ({
    traceId,
    spanId: index === 0 ? rootId : randomBytes(8).toString('hex'),
    ...(index === 0 ? {} : { parentSpanId: rootId }),
    name: index === 0 ? 'root' : `step-${index % 7}`,
    kind: index === 0 ? 2 : 1,
    startTimeUnixNano: String(nowNanos + BigInt(index) * 1000n),
    endTimeUnixNano: String(nowNanos + BigInt(index) * 1000n + 500_000n),
    attributes: [{ key: 'index', value: { intValue: String(index) } }],
  }));
  const body = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ spans }] }] };
  return { traceId, body: JSON.stringify(body) };
}
