import { afterAll, describe, expect, it } from '@jest/globals';
import { DecodeError, encodeOtlpJson, otlpJson, otlpProto, encodeOtlpProto } from '@skein/codecs';
import type { Span } from '@skein/model';
import { testSpan } from '../../testing/spans.js';
import { DecodeOffload, OFFLOAD_MIN_BYTES } from './decode-offload.js';

const offload = new DecodeOffload();
afterAll(() => offload.close());

function bigTrace(count: number): Span[] {
  const process = { serviceName: 'offloaded', tags: [{ key: 'host', type: 'string' as const, value: 'h1' }] };
  return Array.from({ length: count }, (_, i) =>
    testSpan({
      process,
      tags: [
        { key: 'big', type: 'int64', value: 2n ** 62n + BigInt(i) },
        { key: 'blob', type: 'binary', value: Uint8Array.of(1, 2, i % 256) },
        { key: 'text', type: 'string', value: 'x'.repeat(200) },
      ],
    }),
  );
}

/** The largest gap between ticks of a 10 ms timer while `work` runs. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return worst;
}

describe('DecodeOffload', () => {
  it('decodes a large OTLP JSON body in the worker exactly as inline decoding does', async () => {
    const body = encodeOtlpJson(bigTrace(8_000));
    expect(body.length).toBeGreaterThan(OFFLOAD_MIN_BYTES);
    const offloaded = await offload.decode(otlpJson, body);
    expect(offloaded).toEqual(otlpJson.decode(body));
    expect(offloaded.spans[0]!.tags.find((t) => t.key === 'big')?.value).toBe(2n ** 62n);
  });

  it('passes on the decoder refusal as the same DecodeError', async () => {
    const hostile = new TextEncoder().encode(`{"resourceSpans":[${'{"scopeSpans":[]},'.repeat(100_000)}`);
    const inline = (() => {
      try {
        otlpJson.decode(hostile);
      } catch (error) {
        return error as DecodeError;
      }
      throw new Error('inline decoding accepted a hostile body');
    })();
    const refused = await offload.decode(otlpJson, hostile).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DecodeError);
    expect((refused as DecodeError).message).toBe(inline.message);
  });

  // Two decodes of 30,000 spans and a worker's start: seconds on a 2-core machine that also runs the e2e suites.
  it('keeps the event loop turning while a large body is decoded, unlike inline decoding', async () => {
    const body = encodeOtlpJson(bigTrace(30_000));
    const offloadedStall = await longestStall(() => offload.decode(otlpJson, body));
    // Inline, the loop is blocked for the whole decode.
    const started = performance.now();
    otlpJson.decode(body);
    const inlineStall = performance.now() - started;
    expect(offloadedStall).toBeLessThan(inlineStall / 2);
  }, 30_000);

  it('decodes small bodies and binary formats inline', async () => {
    const spans = bigTrace(3);
    await expect(offload.decode(otlpJson, encodeOtlpJson(spans))).resolves.toEqual(otlpJson.decode(encodeOtlpJson(spans)));
    await expect(offload.decode(otlpProto, encodeOtlpProto(spans))).resolves.toEqual(otlpProto.decode(encodeOtlpProto(spans)));
  });
});
