import type { Span } from '@skein/model';

/** A small valid span of service `registry-test`. */
export function span(traceId: string, spanId: string): Span {
  return {
    traceId,
    spanId,
    operationName: 'GET /registry',
    references: [],
    flags: 1,
    startTime: Date.now() * 1000,
    duration: 1500,
    tags: [{ key: 'span.kind', type: 'string', value: 'server' }],
    logs: [],
    process: { serviceName: 'registry-test', tags: [] },
    warnings: [],
  };
}
