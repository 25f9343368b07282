import { randomBytes } from 'node:crypto';
import type { Span, Tag } from '@skein/model';

/** A span as instrumented HTTP services send them: 20 tags, two process tags. */
export function realisticSpan(traceId: string, i: number): Span {
  const tags: Tag[] = [];
  for (let t = 0; t < 14; t++) tags.push({ key: `app.attribute.${t}`, type: 'string', value: `value-${t}-${randomBytes(6).toString('hex')}` });
  tags.push({ key: 'http.method', type: 'string', value: 'GET' }, { key: 'http.status_code', type: 'int64', value: 200n }, { key: 'http.url', type: 'string', value: `https://shop.example.com/api/items/${i}?page=2` });
  tags.push({ key: 'retry', type: 'bool', value: false }, { key: 'ratio', type: 'float64', value: 0.25 }, { key: 'span.kind', type: 'string', value: 'server' });
  return {
    traceId,
    spanId: randomBytes(8).toString('hex'),
    operationName: `GET /api/items/{id}`,
    references: [],
    flags: 1,
    startTime: Date.now() * 1000,
    duration: 1500 + i,
    tags,
    logs: [],
    process: { serviceName: 'shop-frontend', tags: [{ key: 'hostname', type: 'string', value: 'pod-1' }, { key: 'ip', type: 'string', value: '10.0.0.1' }] },
    warnings: [],
  };
}

/**
 * The span of the performance issue's comparison with Jaeger (about 720 bytes in OTLP): 10 attributes of mixed types,
 * 2 events with 2 attributes each, a resource of 5 attributes (service.name and 4 more).
 */
export function issueSpan(traceId: string, i: number): Span {
  const id = randomBytes(6).toString('hex');
  const tags: Tag[] = [
    { key: 'http.request.method', type: 'string', value: 'GET' },
    { key: 'http.response.status_code', type: 'int64', value: 200n },
    { key: 'url.full', type: 'string', value: `https://shop.example.com/api/items/${i}?page=2&session=${id}` },
    { key: 'http.route', type: 'string', value: '/api/items/{id}' },
    { key: 'server.address', type: 'string', value: 'shop.example.com' },
    { key: 'server.port', type: 'int64', value: 443n },
    { key: 'user_agent.original', type: 'string', value: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0' },
    { key: 'app.cache.hit', type: 'bool', value: i % 3 === 0 },
    { key: 'app.items.ratio', type: 'float64', value: 0.25 + i / 1000 },
    { key: 'app.request.id', type: 'string', value: id },
  ];
  const now = Date.now() * 1000;
  return {
    traceId,
    spanId: randomBytes(8).toString('hex'),
    operationName: 'GET /api/items/{id}',
    references: [],
    flags: 1,
    startTime: now,
    duration: 1500 + i,
    tags,
    logs: [
      { timestamp: now + 100, fields: [{ key: 'event', type: 'string', value: 'cache.lookup' }, { key: 'cache.key', type: 'string', value: `item:${i}` }, { key: 'cache.hit', type: 'bool', value: false }] },
      { timestamp: now + 900, fields: [{ key: 'event', type: 'string', value: 'db.query' }, { key: 'db.rows', type: 'int64', value: 12n }, { key: 'db.statement', type: 'string', value: 'SELECT * FROM items WHERE id = ?' }] },
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

/** `count` requests of `spansPerRequest` spans each, one trace per request. */
export function spanBatches(count: number, spansPerRequest: number, make: (traceId: string, i: number) => Span = realisticSpan): Span[][] {
  return Array.from({ length: count }, () => {
    const traceId = randomBytes(16).toString('hex');
    return Array.from({ length: spansPerRequest }, (_, i) => make(traceId, i));
  });
}
