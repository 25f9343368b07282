/**
 * Decode throughput for the Thrift and Zipkin formats on a realistic batch: 100 spans, 20 tags each.
 * Run: npx tsx packages/codecs/src/thrift.bench.ts — prints one JSON line per benchmark.
 */
import type { Span, Tag } from '@skein/model';
import type { SpanCodec } from './codec.js';
import { jaegerAgentBinary, jaegerAgentCompact, jaegerThriftBinary } from './jaeger-thrift/index.js';
import { zipkinV2Json } from './zipkin/index.js';

function realisticBatch(spanCount: number, tagCount: number): Span[] {
  const process = { serviceName: 'checkout', tags: [{ key: 'hostname', type: 'string' as const, value: 'checkout-7d9f' }] };
  return Array.from({ length: spanCount }, (_, i) => {
    const tags: Tag[] = Array.from({ length: tagCount }, (_, j): Tag => {
      switch (j % 4) {
        case 0:
          return { key: `http.attr${j}`, type: 'string', value: `/api/v1/orders/${i * 31 + j}` };
        case 1:
          return { key: `db.rows${j}`, type: 'int64', value: BigInt(i * 1000 + j) };
        case 2:
          return { key: `cache.hit${j}`, type: 'bool', value: j % 3 === 0 };
        default:
          return { key: `latency.ratio${j}`, type: 'float64', value: i / (j + 1) };
      }
    });
    return {
      traceId: `4bf92f3577b34da6a3ce929d0e0e${(4736 + (i >> 4)).toString(16).padStart(4, '0')}`,
      spanId: (0x00f067aa0ba902b7 + i).toString(16).padStart(16, '0'),
      operationName: `GET /api/v1/orders/{id}`,
      references: i === 0 ? [] : [{ refType: 'CHILD_OF', traceId: `4bf92f3577b34da6a3ce929d0e0e1280`, spanId: '00f067aa0ba902b7' }],
      flags: 1,
      startTime: 1_700_000_000_000_000 + i * 100,
      duration: 1500 + i,
      tags,
      logs: [],
      process,
      warnings: [],
    };
  });
}

function bench(label: string, codec: SpanCodec, payload: Uint8Array, spanCount: number): void {
  const budgetMs = 1500;
  for (let i = 0; i < 50; i++) codec.decode(payload); // warm-up
  let iterations = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    for (let i = 0; i < 20; i++) codec.decode(payload);
    iterations += 20;
    elapsed = performance.now() - start;
  }
  const seconds = elapsed / 1000;
  const spansPerSec = Math.round((iterations * spanCount) / seconds);
  const MBPerSec = Math.round(((iterations * payload.length) / seconds / 1e6) * 10) / 10;
  console.log(JSON.stringify({ bench: label, spansPerSec, MBPerSec, payloadBytes: payload.length }));
}

const spans = realisticBatch(100, 20);
bench('decode jaeger.agent.compact', jaegerAgentCompact, jaegerAgentCompact.encode!(spans), spans.length);
bench('decode jaeger.agent.binary', jaegerAgentBinary, jaegerAgentBinary.encode!(spans), spans.length);
bench('decode jaeger.thrift.binary', jaegerThriftBinary, jaegerThriftBinary.encode!(spans), spans.length);
bench('decode zipkin.v2.json', zipkinV2Json, zipkinV2Json.encode!(spans), spans.length);
