import { randomBytes } from 'node:crypto';
import { benchmarkSpan, type Span, type Tag } from '@skein/model';

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
  return benchmarkSpan(traceId, randomBytes(8).toString('hex'), i, Date.now() * 1000, randomBytes(6).toString('hex'));
}

/** `count` requests of `spansPerRequest` spans each, one trace per request. */
export function spanBatches(count: number, spansPerRequest: number, make: (traceId: string, i: number) => Span = realisticSpan): Span[][] {
  return Array.from({ length: count }, () => {
    const traceId = randomBytes(16).toString('hex');
    return Array.from({ length: spansPerRequest }, (_, i) => make(traceId, i));
  });
}
