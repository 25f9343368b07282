import type { Span, Tag } from './span.js';

/**
 * The span every benchmark compares with Jaeger on (the performance issue's "realistic span", about 720 bytes in
 * OTLP): 10 attributes of mixed types, 2 events of 3 fields, a resource of 5 attributes (service name and 4 more).
 * `index` varies the values; `requestId` is a per-span unique string, as real request ids are.
 */
export function benchmarkSpan(traceId: string, spanId: string, index: number, startTime: number, requestId: string): Span {
  const tags: Tag[] = [
    { key: 'http.request.method', type: 'string', value: 'GET' },
    { key: 'http.response.status_code', type: 'int64', value: 200n },
    { key: 'url.full', type: 'string', value: `https://shop.example.com/api/items/${index}?page=2&session=${requestId}` },
    { key: 'http.route', type: 'string', value: '/api/items/{id}' },
    { key: 'server.address', type: 'string', value: 'shop.example.com' },
    { key: 'server.port', type: 'int64', value: 443n },
    { key: 'user_agent.original', type: 'string', value: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0' },
    { key: 'app.cache.hit', type: 'bool', value: index % 3 === 0 },
    { key: 'app.items.ratio', type: 'float64', value: 0.25 + index / 1000 },
    { key: 'app.request.id', type: 'string', value: requestId },
  ];
  return {
    traceId,
    spanId,
    operationName: 'GET /api/items/{id}',
    references: [],
    flags: 1,
    startTime,
    duration: 1500 + index,
    tags,
    logs: [
      { timestamp: startTime + 100, fields: [{ key: 'event', type: 'string', value: 'cache.lookup' }, { key: 'cache.key', type: 'string', value: `item:${index}` }, { key: 'cache.hit', type: 'bool', value: false }] },
      { timestamp: startTime + 900, fields: [{ key: 'event', type: 'string', value: 'db.query' }, { key: 'db.rows', type: 'int64', value: 12n }, { key: 'db.statement', type: 'string', value: 'SELECT * FROM items WHERE id = ?' }] },
    ],
    process: {
      serviceName: 'shop-frontend',
      tags: [
        { key: 'service.version', type: 'string', value: '2.14.1' },
        { key: 'host.name', type: 'string', value: 'shop-frontend-7d9f8b6c5-x2x4p' },
        { key: 'k8s.namespace.name', type: 'string', value: 'shop' },
        { key: 'telemetry.sdk.language', type: 'string', value: 'nodejs' },
      ],
    },
    warnings: [],
  };
}
