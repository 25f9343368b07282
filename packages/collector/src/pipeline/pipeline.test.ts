import { describe, expect, it } from '@jest/globals';
import type { Span } from '@skein/model';
import { testSpan } from '../testing/spans.js';
import { addProcessTags, parseCollectorTags } from './enrich.js';
import { applyTagLimits, checkSpanSize } from './limits.js';
import { createPipeline, type PipelineConfig } from './pipeline.js';
import type { SanitizeFix } from './reasons.js';
import { repairUtf8, sanitizeNegativeDuration, sanitizeOperationName, sanitizeServiceName, sanitizeUtf8 } from './sanitize.js';
import { resolveTenant } from './tenancy.js';
import { DEFAULT_MIN_START_MICROS, validateStructure, validateTimes } from './validate.js';

const NOW = Date.UTC(2025, 0, 1) * 1000;
const HOUR = 3_600_000_000;
const window = { minStartMicros: DEFAULT_MIN_START_MICROS, maxFutureMicros: 24 * HOUR, maxDurationMicros: 7 * 24 * HOUR };
const limits = { maxTags: 4, maxTagValueLength: 10, maxSpanBytes: 100_000 };
const fixes = (): { sink: (fix: SanitizeFix) => void; seen: SanitizeFix[] } => {
  const seen: SanitizeFix[] = [];
  return { sink: (fix) => seen.push(fix), seen };
};

describe('sanitizers (Jaeger behaviour)', () => {
  it('names an empty service "empty-service-name" and a missing process "null-process-and-service-name"', () => {
    const f = fixes();
    const empty = testSpan({ process: { serviceName: '', tags: [] } });
    sanitizeServiceName(empty, f.sink);
    expect(empty.process.serviceName).toBe('empty-service-name');
    const missing = testSpan();
    (missing as { process: unknown }).process = null;
    sanitizeServiceName(missing, f.sink);
    expect(missing.process).toEqual({ serviceName: 'null-process-and-service-name', tags: [] });
    expect(f.seen).toEqual(['empty-service-name', 'null-process']);
  });

  it('names an empty operation "empty-span-name"', () => {
    const span = testSpan({ operationName: '' });
    sanitizeOperationName(span, fixes().sink);
    expect(span.operationName).toBe('empty-span-name');
  });

  it('sets a negative duration to 0 with a warning', () => {
    const span = testSpan({ duration: -5 });
    const f = fixes();
    sanitizeNegativeDuration(span, f.sink);
    expect(span.duration).toBe(0);
    expect(span.warnings[0]).toMatch(/negative duration -5/);
    expect(f.seen).toEqual(['negative-duration']);
  });

  it('replaces lone surrogates with U+FFFD, keeps valid pairs, and counts once per span', () => {
    expect(repairUtf8('ok 😀')).toBe('ok 😀');
    expect(repairUtf8('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
    const span = testSpan({ operationName: 'op\uD800', tags: [{ key: 'k\uDFFF', type: 'string', value: 'v\uD83D' }] });
    const f = fixes();
    sanitizeUtf8(span, f.sink);
    expect(span.operationName).toBe('op\uFFFD');
    expect(span.tags[0]).toEqual({ key: 'k\uFFFD', type: 'string', value: 'v\uFFFD' });
    expect(span.warnings).toContain('invalid UTF-8 replaced with U+FFFD');
    expect(f.seen).toEqual(['invalid-utf8']);
  });
});

describe('validation', () => {
  it.each([
    ['all-zero trace id', { traceId: '0'.repeat(32) }, 'invalid-trace-id'],
    ['short span id', { spanId: 'abc' }, 'invalid-span-id'],
    ['upper-case id', { spanId: 'ABCDEF0123456789' }, 'invalid-span-id'],
    ['bad reference', { references: [{ refType: 'CHILD_OF', traceId: '1'.repeat(32), spanId: '0'.repeat(16) }] }, 'invalid-reference'],
    ['fractional start', { startTime: 1.5 }, 'invalid-span'],
  ] as Array<[string, Partial<Span>, string]>)('refuses a span with %s', (_name, overrides, reason) => {
    const outcome = validateStructure(testSpan(overrides));
    expect(outcome).toMatchObject({ ok: false, reason });
  });

  it('accepts a canonical span', () => {
    expect(validateStructure(testSpan())).toEqual({ ok: true });
  });

  it('keeps start times inside the window and durations bounded', () => {
    expect(validateTimes(testSpan({ startTime: NOW }), window, NOW).ok).toBe(true);
    expect(validateTimes(testSpan({ startTime: 0 }), window, NOW)).toMatchObject({ ok: false, reason: 'start-time-too-old' });
    expect(validateTimes(testSpan({ startTime: NOW / 1000 }), window, NOW)).toMatchObject({ ok: false, reason: 'start-time-too-old' });
    expect(validateTimes(testSpan({ startTime: NOW + 25 * HOUR }), window, NOW)).toMatchObject({ ok: false, reason: 'start-time-in-future' });
    expect(validateTimes(testSpan({ startTime: NOW * 1000 }), window, NOW)).toMatchObject({ ok: false, reason: 'start-time-in-future' });
    expect(validateTimes(testSpan({ startTime: NOW, duration: 8 * 24 * HOUR }), window, NOW)).toMatchObject({ ok: false, reason: 'duration-too-long' });
  });
});

describe('limits', () => {
  it('drops tags over the count and truncates long values, with warnings, instead of refusing', () => {
    const tags = Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, type: 'string' as const, value: i === 0 ? 'x'.repeat(50) : 'v' }));
    const span = testSpan({ tags, logs: [{ timestamp: NOW, fields: [{ key: 'b', type: 'binary', value: new Uint8Array(20) }] }] });
    const f = fixes();
    applyTagLimits(span, limits, f.sink);
    expect(span.tags).toHaveLength(4);
    expect(span.tags[0]).toEqual({ key: 'k0', type: 'string', value: 'x'.repeat(10) });
    expect((span.logs[0]!.fields[0]!.value as Uint8Array).byteLength).toBe(10);
    expect(span.warnings).toEqual([
      'dropped 2 of 6 tags (limit 4)',
      'truncated tags "k0" from 50 to 10 characters',
      'truncated logs[0].fields "b" from 20 to 10 bytes',
    ]);
    expect(f.seen).toEqual(['too-many-tags', 'tag-value-truncated', 'tag-value-truncated']);
  });

  it('never cuts a surrogate pair in half', () => {
    const span = testSpan({ tags: [{ key: 'e', type: 'string', value: `${'a'.repeat(9)}😀😀` }] });
    applyTagLimits(span, limits, () => undefined);
    expect(span.tags[0]!.value).toBe('a'.repeat(9));
  });

  it('refuses a span still too large after truncation', () => {
    const logs = Array.from({ length: 2000 }, () => ({ timestamp: NOW, fields: [{ key: 'event', type: 'string' as const, value: 'x'.repeat(10) }] }));
    const { outcome, bytes } = checkSpanSize(testSpan({ logs }), limits);
    expect(bytes).toBeGreaterThan(limits.maxSpanBytes);
    expect(outcome).toMatchObject({ ok: false, reason: 'span-too-large' });
  });
});

describe('enrichment', () => {
  it("parses --collector.tags with ${ENV:default}", () => {
    const tags = parseCollectorTags('dc=eu-1, host=${HOST_X:unknown},zone=${ZONE_X:z0}', { ZONE_X: 'z9' });
    expect(tags).toEqual([
      { key: 'dc', type: 'string', value: 'eu-1' },
      { key: 'host', type: 'string', value: 'unknown' },
      { key: 'zone', type: 'string', value: 'z9' },
    ]);
    expect(() => parseCollectorTags('novalue')).toThrow(/"novalue" is not key=value/);
  });

  it('adds process tags without overriding keys the process already has', () => {
    const span = testSpan();
    addProcessTags(span, [{ key: 'hostname', type: 'string', value: 'other' }, { key: 'dc', type: 'string', value: 'eu' }]);
    expect(span.process.tags).toEqual([{ key: 'hostname', type: 'string', value: 'h1' }, { key: 'dc', type: 'string', value: 'eu' }]);
  });
});

describe('tenancy', () => {
  const config = { enabled: true, header: 'x-tenant', tenants: ['acme'] };
  it('is a no-op when disabled', () => expect(resolveTenant({ ...config, enabled: false }, undefined)).toBeUndefined());
  it('requires the header and checks the allow-list', () => {
    expect(resolveTenant(config, 'acme')).toBe('acme');
    expect(() => resolveTenant(config, undefined)).toThrow(expect.objectContaining({ name: 'TenantRejectedError', reason: 'missing' }));
    expect(() => resolveTenant(config, 'evil')).toThrow(expect.objectContaining({ reason: 'not-allowed' }));
    expect(resolveTenant({ ...config, tenants: [] }, 'anyone')).toBe('anyone');
  });
});

describe('the composed pipeline', () => {
  const config: PipelineConfig = { window, limits, collectorTags: [{ key: 'collector', type: 'string', value: 'c1' }] };

  it('sanitizes, validates, limits and enriches; rejections carry codes and ids; one bad span spares the others', () => {
    const f = fixes();
    const good = testSpan({ startTime: NOW, operationName: '', process: { serviceName: '', tags: [] } });
    const zero = testSpan({ startTime: NOW, spanId: '0'.repeat(16) });
    const future = testSpan({ startTime: NOW + 48 * HOUR });
    const broken = testSpan({ startTime: NOW });
    (broken as { tags: unknown }).tags = 'not an array';
    const out = createPipeline(config, { onFix: f.sink, nowMicros: () => NOW })([good, zero, future, broken]);
    expect(out.spans).toEqual([good]);
    expect(good.operationName).toBe('empty-span-name');
    expect(good.process.serviceName).toBe('empty-service-name');
    expect(good.process.tags).toContainEqual({ key: 'collector', type: 'string', value: 'c1' });
    expect(out.bytes).toBeGreaterThan(0);
    expect(out.rejected.map((r) => r.code)).toEqual(['invalid-span-id', 'start-time-in-future', 'invalid-span']);
    expect(out.rejected[0]).toMatchObject({ traceId: zero.traceId, spanId: '0'.repeat(16) });
    expect(out.rejected[0]!.reason).toMatch(/spanId: must be 16 lowercase hex digits/);
  });
});
