import { describe, expect, it } from '@jest/globals';
import type { Span } from '@skein/model';
import { TraceGenerator, type TraceShape } from './trace-generator.js';

const SHAPE: TraceShape = { fanOut: 3, depth: 3, errorRate: 0.1, largeTraceEvery: 0, largeTraceSpans: 10 };
const END = 1_764_000_000_000_000;

function depthOf(spans: Span[]): number {
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  let deepest = 0;
  for (const span of spans) {
    let levels = 0;
    for (let at: Span | undefined = span; at?.references[0]; at = byId.get(at.references[0].spanId)) levels += 1;
    deepest = Math.max(deepest, levels);
  }
  return deepest;
}

describe('TraceGenerator', () => {
  it('gives the same traces for the same seed and different ones for another', () => {
    const a = new TraceGenerator(SHAPE, 42).next(END);
    const b = new TraceGenerator(SHAPE, 42).next(END);
    const c = new TraceGenerator(SHAPE, 43).next(END);
    expect(b).toEqual(a);
    expect(c.traceId).not.toBe(a.traceId);
  });

  it('builds one rooted tree per trace: unique ids, every parent present, children inside the root, client/server pairs across services', () => {
    const generator = new TraceGenerator(SHAPE, 7);
    for (let i = 0; i < 200; i++) {
      const { traceId, spans } = generator.next(END);
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      const ids = new Set(spans.map((span) => span.spanId));
      expect(ids.size).toBe(spans.length);
      const roots = spans.filter((span) => span.references.length === 0);
      expect(roots).toHaveLength(1);
      expect(roots[0]!.process.serviceName).toBe('frontend');
      expect(roots[0]!.startTime + roots[0]!.duration).toBe(END);
      for (const span of spans) {
        expect(span.traceId).toBe(traceId);
        if (span.references[0]) expect(ids.has(span.references[0].spanId)).toBe(true);
        expect(span.startTime).toBeGreaterThanOrEqual(roots[0]!.startTime);
        expect(span.duration).toBeGreaterThan(0);
      }
      const kinds = spans.map((span) => span.tags.find((tag) => tag.key === 'span.kind')?.value);
      expect(kinds.filter((kind) => kind === 'client')).toHaveLength(kinds.filter((kind) => kind === 'server').length - 1);
    }
  });

  it('holds to --depth and --fan-out', () => {
    for (const [depth, fanOut] of [[1, 1], [2, 4], [5, 2]] as const) {
      const generator = new TraceGenerator({ ...SHAPE, depth, fanOut }, 3);
      let deepest = 0;
      for (let i = 0; i < 100; i++) {
        const { spans } = generator.next(END);
        deepest = Math.max(deepest, depthOf(spans));
        const childrenOf = new Map<string, number>();
        for (const span of spans) if (span.references[0]) childrenOf.set(span.references[0].spanId, (childrenOf.get(span.references[0].spanId) ?? 0) + 1);
        // A span calls at most fanOut others; a server span's client children are its calls.
        for (const count of childrenOf.values()) expect(count).toBeLessThanOrEqual(fanOut);
      }
      // Each call level is a client and a server span (or one internal span at a leaf): 1..2 spans per level.
      expect(deepest).toBeGreaterThanOrEqual(depth);
      expect(deepest).toBeLessThanOrEqual(2 * depth);
    }
  });

  it('fails about --error-rate of the leaf calls, marking both sides and writing an error log line', () => {
    const generator = new TraceGenerator({ ...SHAPE, errorRate: 0.2 }, 11);
    let leafCalls = 0;
    let failed = 0;
    let errorLines = 0;
    for (let i = 0; i < 500; i++) {
      const { spans, logs } = generator.next(END);
      for (const span of spans) {
        const kind = span.tags.find((tag) => tag.key === 'span.kind')?.value;
        if (kind === 'server' && span.references.length > 0 && !spans.some((child) => child.references[0]?.spanId === span.spanId && child.tags.some((t) => t.value === 'client'))) {
          leafCalls += 1;
          if (span.tags.some((tag) => tag.key === 'error' && tag.value === true)) failed += 1;
        }
      }
      errorLines += logs.filter((line) => line.level === 'error').length;
    }
    expect(failed / leafCalls).toBeGreaterThan(0.1);
    expect(failed / leafCalls).toBeLessThan(0.3);
    expect(errorLines).toBe(failed);
  });

  it('sends one very large trace every --large-trace-every traces, of --large-trace-spans spans', () => {
    const generator = new TraceGenerator({ ...SHAPE, largeTraceEvery: 5, largeTraceSpans: 20_000 }, 5);
    const sizes = Array.from({ length: 10 }, () => generator.next(END).spans.length);
    expect(sizes[4]).toBe(20_000);
    expect(sizes[9]).toBe(20_000);
    expect(sizes.filter((size) => size === 20_000)).toHaveLength(2);
  });

  it('gives every log line the span it belongs to', () => {
    const { spans, logs } = new TraceGenerator(SHAPE, 9).next(END);
    const ids = new Set(spans.map((span) => span.spanId));
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) expect(ids.has(line.spanId)).toBe(true);
  });
});
