import { describe, expect, it } from '@jest/globals';
import type { Span, Tag, Trace } from '@skein/model';
import { span } from '../testing/fixtures.js';
import { composeAdjusters } from './adjuster.js';
import { clockSkewAdjuster, hostKeyOf, skewAgainstParent } from './clock-skew.js';
import { dedupeBySpanHash } from './dedupe-by-span-hash.js';
import { dropInvalidReferences } from './invalid-references.js';
import { ipTagsToStrings } from './ip-tags.js';
import { otelLibraryTagsToProcess } from './otel-library-tags.js';
import { parentReferenceFirst } from './parent-reference.js';
import { sortTagsAndLogs } from './sort-tags-and-logs.js';
import { standardAdjuster } from './standard.js';
import { truncateTrace } from './truncate-trace.js';
import { zipkinSpanIdUniquifier } from './zipkin-span-id-uniquifier.js';

const T = '000000000000000000000000000000aa';
const trace = (...spans: Span[]): Trace => ({ traceId: T, spans });
const s = (id: string, overrides: Partial<Span> = {}): Span => span({ traceId: T, spanId: id.padStart(16, '0'), ...overrides });
const childOf = (id: string) => ({ refType: 'CHILD_OF' as const, traceId: T, spanId: id.padStart(16, '0') });
const kind = (value: string): Tag => ({ key: 'span.kind', type: 'string', value });
const ip = (value: string): { serviceName: string; tags: Tag[] } => ({ serviceName: `svc-${value}`, tags: [{ key: 'ip', type: 'string', value }] });
const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
};

describe('zipkinSpanIdUniquifier', () => {
  const shared = () =>
    trace(
      s('1', { tags: [kind('server')] }),
      s('2', { references: [childOf('1')], tags: [kind('client')] }),
      s('2', { references: [childOf('1')], tags: [kind('server')] }),
      s('3', { references: [childOf('2')], tags: [kind('client')] }),
    );

  it('gives the server half of a shared id a new id, parented by the client half', () => {
    const out = zipkinSpanIdUniquifier(deepFreeze(shared()));
    const server = out.spans[2]!;
    expect(server.spanId).not.toBe('0000000000000002');
    expect(server.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(out.spans.filter((x) => x.spanId === server.spanId)).toHaveLength(1);
    expect(server.references).toEqual([childOf('2')]);
  });

  it("re-parents the shared id's children onto the server span", () => {
    const out = zipkinSpanIdUniquifier(shared());
    expect(out.spans[3]!.references[0]!.spanId).toBe(out.spans[2]!.spanId);
    expect(out.spans[1]!.references).toEqual([childOf('1')]); // the client keeps its parent
  });

  it('picks the lowest unused id, skipping ids in use', () => {
    const out = zipkinSpanIdUniquifier(shared());
    expect(out.spans[2]!.spanId).toBe('0000000000000004');
  });

  it('adds a CHILD_OF to a server span that had no parent', () => {
    const out = zipkinSpanIdUniquifier(trace(s('5', { tags: [kind('client')] }), s('5', { tags: [kind('server')] })));
    expect(out.spans[1]!.references).toEqual([childOf('5')]);
  });

  it('leaves a trace without shared client/server ids untouched (same object)', () => {
    const input = trace(s('1', { tags: [kind('server')] }), s('1', { tags: [kind('server')] }));
    expect(zipkinSpanIdUniquifier(input)).toBe(input);
  });
});

describe('sortTagsAndLogs', () => {
  it('sorts span and process tags by key, stably', () => {
    const input = trace(
      s('1', {
        tags: [
          { key: 'b', type: 'string', value: '1' },
          { key: 'a', type: 'string', value: 'first a' },
          { key: 'a', type: 'string', value: 'second a' },
        ],
        process: { serviceName: 'p', tags: [{ key: 'z', type: 'bool', value: true }, { key: 'y', type: 'bool', value: false }] },
      }),
    );
    const out = sortTagsAndLogs(deepFreeze(input)).spans[0]!;
    expect(out.tags.map((t) => `${t.key}=${String(t.value)}`)).toEqual(['a=first a', 'a=second a', 'b=1']);
    expect(out.process.tags.map((t) => t.key)).toEqual(['y', 'z']);
  });

  it('puts a string "event" field first in each log, sorts the rest, and orders logs by time', () => {
    const input = trace(
      s('1', {
        logs: [
          { timestamp: 20, fields: [{ key: 'c', type: 'string', value: '' }, { key: 'event', type: 'string', value: 'e' }, { key: 'a', type: 'string', value: '' }] },
          { timestamp: 10, fields: [{ key: 'event', type: 'int64', value: 1n }, { key: 'b', type: 'string', value: '' }] },
        ],
      }),
    );
    const out = sortTagsAndLogs(input).spans[0]!;
    expect(out.logs.map((l) => l.timestamp)).toEqual([10, 20]);
    expect(out.logs[0]!.fields.map((f) => f.key)).toEqual(['b', 'event']); // a non-string event is sorted like any key
    expect(out.logs[1]!.fields.map((f) => f.key)).toEqual(['event', 'a', 'c']);
  });
});

describe('dedupeBySpanHash', () => {
  it('drops exact repeats and keeps spans that share an id with different content', () => {
    const a = s('1', { operationName: 'x' });
    const out = dedupeBySpanHash(trace(a, { ...a }, s('1', { operationName: 'y' })));
    expect(out.spans.map((x) => x.operationName)).toEqual(['x', 'y']);
  });
});

describe('clockSkewAdjuster', () => {
  // parent on host A: [1000, 1000+1000]; child on host B reported 500 µs before the parent.
  const skewed = () =>
    trace(
      s('1', { startTime: 1000, duration: 1000, process: ip('10.0.0.1') }),
      s('2', {
        startTime: 500,
        duration: 400,
        references: [childOf('1')],
        process: ip('10.0.0.2'),
        logs: [{ timestamp: 600, fields: [] }],
      }),
      s('3', { startTime: 550, duration: 100, references: [childOf('2')], process: ip('10.0.0.2') }),
    );

  it('centres a child from another host in its parent and shifts its logs, with a warning', () => {
    const out = clockSkewAdjuster(1_000_000)(deepFreeze(skewed()));
    const child = out.spans[1]!;
    // latency = (1000 - 400) / 2 = 300 → child starts at 1300: delta 800 µs
    expect(child.startTime).toBe(1300);
    expect(child.logs[0]!.timestamp).toBe(1400);
    expect(child.warnings).toEqual(["This span's timestamps were adjusted by 800µs"]);
  });

  it('prints a half-µs delta exactly, as Jaeger does, and floors the shift to whole µs in the model', () => {
    const halves = skewed();
    halves.spans[1] = { ...halves.spans[1]!, duration: 401 };
    const out = clockSkewAdjuster(1_000_000)(halves);
    // latency = (1000 - 401) / 2 = 299.5 → the child belongs at 1299.5: delta 799.5 µs
    expect(out.spans[1]!.warnings).toEqual(["This span's timestamps were adjusted by 799.5µs"]);
    expect(out.spans[1]!.startTime).toBe(1299);
    expect(out.spans[1]!.logs[0]!.timestamp).toBe(1399);
    expect(out.spans[2]!.startTime).toBe(1349); // the same-host grandchild takes the same delta
    expect(clockSkewAdjuster(0)(halves).spans[1]!.warnings).toEqual(['clock skew adjustment disabled; not applying calculated delta of 799.5µs']);
  });

  it('applies the same delta to a same-host grandchild', () => {
    const out = clockSkewAdjuster(1_000_000)(skewed());
    expect(out.spans[2]!.startTime).toBe(1350);
    expect(out.spans[0]!.warnings).toEqual([]);
    expect(out.spans[0]!.startTime).toBe(1000);
  });

  it('refuses a delta above the maximum and says so', () => {
    const out = clockSkewAdjuster(500)(skewed());
    expect(out.spans[1]!.startTime).toBe(500);
    expect(out.spans[1]!.warnings).toEqual(['max clock skew adjustment delta of 500µs exceeded; not applying calculated delta of 800µs']);
  });

  it('with a maximum of 0 (off) moves nothing but flags skewed spans', () => {
    const out = clockSkewAdjuster(0)(skewed());
    expect(out.spans.map((x) => x.startTime)).toEqual([1000, 500, 550]);
    expect(out.spans[1]!.warnings).toEqual(['clock skew adjustment disabled; not applying calculated delta of 800µs']);
    expect(out.spans[2]!.warnings).toEqual(['clock skew adjustment disabled; not applying calculated delta of 800µs']);
  });

  it('leaves a child that fits in its parent alone, and a longer child only moved to the parent start', () => {
    expect(skewAgainstParent(1100, 100, 1000, 1000)).toBe(0);
    expect(skewAgainstParent(900, 5000, 1000, 1000)).toBe(100);
    expect(skewAgainstParent(1100, 5000, 1000, 1000)).toBe(0);
    expect(skewAgainstParent(2500, 200, 1000, 1000)).toBe(1000 + 400 - 2500);
  });

  it('treats spans without an ip tag as other hosts, so each is checked against its parent', () => {
    const out = clockSkewAdjuster(10_000)(
      trace(s('1', { startTime: 1000, duration: 1000, process: { serviceName: 'a', tags: [] } }), s('2', { startTime: 3000, duration: 200, references: [childOf('1')], process: { serviceName: 'a', tags: [] } })),
    );
    expect(out.spans[1]!.startTime).toBe(1400);
  });

  it('does not adjust between spans on the same host', () => {
    const input = trace(s('1', { startTime: 1000, duration: 1000, process: ip('10.0.0.1') }), s('2', { startTime: 9000, duration: 10, references: [childOf('1')], process: ip('10.0.0.1') }));
    const out = clockSkewAdjuster(1_000_000)(input);
    expect(out).toBe(input);
  });

  it('warns about duplicate span ids and missing parents, treating an orphan as a root', () => {
    const out = clockSkewAdjuster(1_000_000)(trace(s('1'), s('1'), s('2', { references: [childOf('9')] })));
    expect(out.spans[0]!.warnings).toEqual([]);
    expect(out.spans[1]!.warnings).toEqual(['duplicate span IDs; skipping clock skew adjustment']);
    expect(out.spans[2]!.warnings).toEqual(['invalid parent span IDs=0000000000000009; skipping clock skew adjustment']);
  });

  it('walks a 100 000-deep chain without overflowing the stack', () => {
    const spans = Array.from({ length: 100_000 }, (_, i) => s(String(i + 1), { references: i === 0 ? [] : [childOf(String(i))] }));
    expect(clockSkewAdjuster(0)(trace(...spans)).spans).toHaveLength(100_000);
  });

  it('reads the host from string, packed int64 and byte ip tags alike', () => {
    const withIp = (tag: Tag) => s('1', { process: { serviceName: 'x', tags: [tag] } });
    expect(hostKeyOf(withIp({ key: 'ip', type: 'string', value: '10.0.0.1' }))).toBe('10.0.0.1');
    expect(hostKeyOf(withIp({ key: 'ip', type: 'int64', value: 167772161n }))).toBe('10.0.0.1');
    expect(hostKeyOf(withIp({ key: 'ip', type: 'binary', value: new Uint8Array([10, 0, 0, 1]) }))).toBe('10.0.0.1');
    const mapped = new Uint8Array(16);
    mapped.set([0xff, 0xff, 10, 0, 0, 1], 10);
    expect(hostKeyOf(withIp({ key: 'ip', type: 'binary', value: mapped }))).toBe('10.0.0.1');
  });
});

describe('ipTagsToStrings', () => {
  it('turns packed ip / peer.ipv4 numbers into dotted strings, in span and process tags', () => {
    const out = ipTagsToStrings(
      trace(
        s('1', {
          tags: [{ key: 'peer.ipv4', type: 'int64', value: 3232235777n }, { key: 'port', type: 'int64', value: 80n }],
          process: { serviceName: 'x', tags: [{ key: 'ip', type: 'float64', value: 167772161 }, { key: 'a', type: 'string', value: '' }] },
        }),
      ),
    ).spans[0]!;
    expect(out.tags).toEqual([{ key: 'peer.ipv4', type: 'string', value: '192.168.1.1' }, { key: 'port', type: 'int64', value: 80n }]);
    expect(out.process.tags).toEqual([{ key: 'a', type: 'string', value: '' }, { key: 'ip', type: 'string', value: '10.0.0.1' }]);
  });
});

describe('otelLibraryTagsToProcess', () => {
  it('moves telemetry.sdk.* span tags into the process tags', () => {
    const out = otelLibraryTagsToProcess(
      trace(s('1', { tags: [{ key: 'telemetry.sdk.language', type: 'string', value: 'go' }, { key: 'http.method', type: 'string', value: 'GET' }], process: { serviceName: 'x', tags: [{ key: 'z', type: 'string', value: '' }] } })),
    ).spans[0]!;
    expect(out.tags.map((t) => t.key)).toEqual(['http.method']);
    expect(out.process.tags.map((t) => t.key)).toEqual(['telemetry.sdk.language', 'z']);
  });
});

describe('dropInvalidReferences', () => {
  it('removes references with an all-zero trace id and warns', () => {
    const out = dropInvalidReferences(trace(s('2', { references: [{ refType: 'CHILD_OF', traceId: '0'.repeat(32), spanId: '0000000000000001' }, childOf('1')] }))).spans[0]!;
    expect(out.references).toEqual([childOf('1')]);
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]).toMatch(/^Invalid span reference removed/);
  });
});

describe('parentReferenceFirst', () => {
  const other = { refType: 'CHILD_OF' as const, traceId: 'b'.repeat(32), spanId: '0000000000000007' };
  const follows = { refType: 'FOLLOWS_FROM' as const, traceId: T, spanId: '0000000000000003' };

  it('moves the first same-trace CHILD_OF to the front', () => {
    const out = parentReferenceFirst(trace(s('2', { references: [other, follows, childOf('1')] }))).spans[0]!;
    expect(out.references).toEqual([childOf('1'), follows, other]);
  });

  it('falls back to the first same-trace reference when there is no CHILD_OF', () => {
    const out = parentReferenceFirst(trace(s('2', { references: [other, follows] }))).spans[0]!;
    expect(out.references).toEqual([follows, other]);
  });

  it('leaves references from other traces only as they are', () => {
    const input = trace(s('2', { references: [other] }));
    expect(parentReferenceFirst(input)).toBe(input);
  });
});

describe('truncateTrace', () => {
  it('keeps the first N spans and warns on the first', () => {
    const out = truncateTrace(trace(s('1'), s('2'), s('3')), 2);
    expect(out.spans.map((x) => x.spanId.slice(-1))).toEqual(['1', '2']);
    expect(out.spans[0]!.warnings).toEqual(['trace has more than 2 spans, showing first 2 spans only']);
  });

  it('does nothing at 0 or within the limit', () => {
    const input = trace(s('1'), s('2'));
    expect(truncateTrace(input, 0)).toBe(input);
    expect(truncateTrace(input, 2)).toBe(input);
  });
});

describe('the standard chain', () => {
  it('never changes its input, runs in order, and composes left to right', () => {
    const input = deepFreeze(trace(s('1', { tags: [{ key: 'b', type: 'string', value: '' }, { key: 'a', type: 'string', value: '' }] })));
    expect(standardAdjuster()(input).spans[0]!.tags.map((t) => t.key)).toEqual(['a', 'b']);
    const order: string[] = [];
    composeAdjusters([(t) => (order.push('first'), t), (t) => (order.push('second'), t)])(input);
    expect(order).toEqual(['first', 'second']);
  });
});
