import { randomBytes } from 'node:crypto';
import type { Span } from '@skein/model';

/** A realistic span (~600 bytes as Jaeger protobuf) for tests and benchmarks; not part of the package's API. */
export function makeSpan(traceId: string, index: number): Span {
  return {
    traceId,
    spanId: randomBytes(8).toString('hex'),
    operationName: `GET /api/orders/${index % 50}`,
    references: [],
    flags: 1,
    startTime: 1_700_000_000_000_000 + index,
    duration: 1234 + index,
    tags: [
      { key: 'span.kind', type: 'string', value: 'server' },
      { key: 'http.method', type: 'string', value: 'GET' },
      { key: 'http.url', type: 'string', value: `https://shop.example.com/api/orders/${index}?expand=items,customer&page=${index % 7}` },
      { key: 'http.status_code', type: 'int64', value: 200n },
      { key: 'component', type: 'string', value: 'net/http' },
      { key: 'peer.address', type: 'string', value: '10.24.3.17:53122' },
      { key: 'user_agent.original', type: 'string', value: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36' },
      { key: 'db.statement', type: 'string', value: 'SELECT id, status, total FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 20' },
    ],
    logs: [{ timestamp: 1_700_000_000_000_100 + index, fields: [{ key: 'event', type: 'string', value: 'cache miss' }] }],
    process: {
      serviceName: 'order-service',
      tags: [
        { key: 'hostname', type: 'string', value: 'order-service-7d9f8b6c4-x2k9p' },
        { key: 'ip', type: 'string', value: '10.24.3.17' },
        { key: 'telemetry.sdk.version', type: 'string', value: '1.28.0' },
      ],
    },
    warnings: [],
  };
}

/** `traces` traces of `spansPerTrace` spans each. */
export function makeSpans(traces: number, spansPerTrace: number): Span[] {
  const spans: Span[] = [];
  for (let t = 0; t < traces; t++) {
    const traceId = randomBytes(16).toString('hex');
    for (let s = 0; s < spansPerTrace; s++) spans.push(makeSpan(traceId, t * spansPerTrace + s));
  }
  return spans;
}
