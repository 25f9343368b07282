import type { Span, Tag } from '@skein/model';

/** Generated spans for the suite's volume tests; ids are deterministic so failures are reproducible. */

/** A lowercase hex id of `length` chars; never all zeros while `prefix` > 0. */
export function hexId(prefix: number, index: number, length: 16 | 32): string {
  const body = `${prefix.toString(16)}${index.toString(16).padStart(8, '0')}`;
  return body.padStart(length, '0').slice(-length);
}

export interface SpanOverrides extends Partial<Omit<Span, 'process'>> {
  serviceName?: string;
}

export function buildSpan(traceId: string, spanId: string, startTime: number, overrides: SpanOverrides = {}): Span {
  const { serviceName = 'generated', ...rest } = overrides;
  return {
    traceId,
    spanId,
    operationName: 'generated-op',
    references: [],
    flags: 1,
    startTime,
    duration: 1000,
    tags: [{ key: 'span.kind', type: 'string', value: 'internal' }],
    logs: [],
    process: { serviceName, tags: [{ key: 'host.name', type: 'string', value: 'gen-1' }] },
    warnings: [],
    ...rest,
  };
}

/** A trace of `size` spans: a tree where span i is the child of span ⌊(i-1)/4⌋, each with a few typed tags. */
export function buildLargeTrace(traceId: string, size: number, startTime: number, serviceName: string): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < size; i += 1) {
    const spanId = hexId(0xb, i + 1, 16);
    const tags: Tag[] = [
      { key: 'span.kind', type: 'string', value: i === 0 ? 'server' : 'internal' },
      { key: 'index', type: 'int64', value: BigInt(i) },
      { key: 'even', type: 'bool', value: i % 2 === 0 },
    ];
    spans.push(
      buildSpan(traceId, spanId, startTime + i, {
        serviceName,
        operationName: `step-${i % 7}`,
        tags,
        duration: 10 + (i % 100),
        references: i === 0 ? [] : [{ refType: 'CHILD_OF', traceId, spanId: hexId(0xb, Math.floor((i - 1) / 4) + 1, 16) }],
      }),
    );
  }
  return spans;
}
