import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { JsonSyntaxError, ModelError } from './errors.js';
import {
  fromJaegerUiTrace,
  parseJaegerUiTrace,
  stringifyJaegerUiTrace,
  toJaegerUiTrace,
  type JaegerUiTrace,
} from './jaeger-json.js';
import { stringifyJson } from './json-text.js';
import type { Span, Trace } from './span.js';
import { sampleSpan, spanArb } from './testing/span-arbitrary.js';

const TRACE_64 = '00000000000000008448eb211c80319c';

function traceOf(...spans: Span[]): Trace {
  return { traceId: spans[0]!.traceId, spans };
}

describe('model → Jaeger UI JSON', () => {
  it('writes the fields Jaeger writes, in its order', () => {
    const ui = toJaegerUiTrace(traceOf(sampleSpan()));
    expect(Object.keys(ui)).toEqual(['traceID', 'spans', 'processes', 'warnings']);
    expect(Object.keys(ui.spans[0]!)).toEqual([
      'traceID',
      'spanID',
      'flags',
      'operationName',
      'references',
      'startTime',
      'duration',
      'tags',
      'logs',
      'processID',
      'warnings',
    ]);
    expect(ui.spans[0]).toEqual({
      traceID: '0af7651916cd43dd8448eb211c80319c',
      spanID: 'b7ad6b7169203331',
      flags: 1,
      operationName: 'GET /orders',
      references: [{ refType: 'CHILD_OF', traceID: '0af7651916cd43dd8448eb211c80319c', spanID: '00f067aa0ba902b7' }],
      startTime: 1_729_181_197_748_657,
      duration: 1503,
      tags: [
        { key: 'http.status_code', type: 'int64', value: 200 },
        { key: 'error', type: 'bool', value: false },
      ],
      logs: [{ timestamp: 1_729_181_197_749_000, fields: [{ key: 'event', type: 'string', value: 'cache miss' }] }],
      processID: 'p1',
      warnings: null,
    });
    expect(ui.processes).toEqual({ p1: { serviceName: 'orders', tags: [{ key: 'host.name', type: 'string', value: 'orders-1' }] } });
    expect(ui.warnings).toBeNull();
  });

  it('prints 64-bit trace ids as 16 hex digits, 128-bit ones as 32', () => {
    const span = sampleSpan({
      traceId: TRACE_64,
      references: [{ refType: 'FOLLOWS_FROM', traceId: TRACE_64, spanId: '00f067aa0ba902b7' }],
    });
    const ui = toJaegerUiTrace(traceOf(span));
    expect(ui.traceID).toBe('8448eb211c80319c');
    expect(ui.spans[0]!.traceID).toBe('8448eb211c80319c');
    expect(ui.spans[0]!.references[0]!.traceID).toBe('8448eb211c80319c');
    expect(toJaegerUiTrace(traceOf(sampleSpan())).traceID).toHaveLength(32);
  });

  it('leaves flags out when 0 and writes warnings when present', () => {
    const ui = toJaegerUiTrace(traceOf(sampleSpan({ flags: 0, warnings: ['clock skew adjusted'] })));
    expect('flags' in ui.spans[0]!).toBe(false);
    expect(ui.spans[0]!.warnings).toEqual(['clock skew adjusted']);
  });

  it('deduplicates equal processes into p1, p2, … in order of first appearance', () => {
    const a = { serviceName: 'a', tags: [{ key: 'host', type: 'string' as const, value: 'h1' }] };
    const aCopy = { serviceName: 'a', tags: [{ key: 'host', type: 'string' as const, value: 'h1' }] };
    const b = { serviceName: 'b', tags: [] };
    const aOtherHost = { serviceName: 'a', tags: [{ key: 'host', type: 'string' as const, value: 'h2' }] };
    const spans = [a, b, aCopy, aOtherHost, b].map((process, i) =>
      sampleSpan({ spanId: `000000000000000${i + 1}`, process }),
    );
    const ui = toJaegerUiTrace(traceOf(...spans));
    expect(ui.spans.map((s) => s.processID)).toEqual(['p1', 'p2', 'p1', 'p3', 'p2']);
    expect(Object.keys(ui.processes)).toEqual(['p1', 'p2', 'p3']);
    expect(ui.processes.p3!.tags[0]!.value).toBe('h2');
  });

  it('tells processes apart when tags differ only in type or order', () => {
    const one = { serviceName: 's', tags: [{ key: 'n', type: 'int64' as const, value: 1n }] };
    const oneAsString = { serviceName: 's', tags: [{ key: 'n', type: 'string' as const, value: '1' }] };
    const ui = toJaegerUiTrace(traceOf(sampleSpan({ process: one }), sampleSpan({ process: oneAsString })));
    expect(ui.spans.map((s) => s.processID)).toEqual(['p1', 'p2']);
  });

  it('writes binary as base64, non-finite floats as strings, big int64 as bigint or string', () => {
    const span = sampleSpan({
      tags: [
        { key: 'bin', type: 'binary', value: new Uint8Array([0xfb, 0xff, 0x00]) },
        { key: 'nan', type: 'float64', value: NaN },
        { key: 'inf', type: 'float64', value: -Infinity },
        { key: 'max', type: 'int64', value: 2n ** 63n - 1n },
        { key: 'safe', type: 'int64', value: -(2n ** 53n) + 1n },
      ],
    });
    const values = toJaegerUiTrace(traceOf(span)).spans[0]!.tags.map((t) => t.value);
    expect(values).toEqual(['+/8A', 'NaN', '-Infinity', 2n ** 63n - 1n, -(2 ** 53) + 1]);
    const jaegerStyle = toJaegerUiTrace(traceOf(span), { unsafeInt64: 'string' }).spans[0]!.tags.map((t) => t.value);
    expect(jaegerStyle[3]).toBe('9223372036854775807');
    expect(stringifyJaegerUiTrace(traceOf(span))).toContain('"key":"max","type":"int64","value":9223372036854775807}');
  });
});

describe('Jaeger UI JSON → model', () => {
  it('round-trips a sample trace through text', () => {
    const trace = traceOf(sampleSpan(), sampleSpan({ spanId: '0000000000000002', flags: 0 }));
    expect(parseJaegerUiTrace(stringifyJaegerUiTrace(trace))).toEqual(trace);
  });

  it('round-trips arbitrary spans through text, exactly (property)', () => {
    fc.assert(
      fc.property(fc.array(spanArb, { minLength: 1, maxLength: 4 }), fc.boolean(), (spans, int64AsString) => {
        const trace = traceOf(...spans);
        const text = stringifyJaegerUiTrace(trace, { unsafeInt64: int64AsString ? 'string' : 'bigint' });
        expect(parseJaegerUiTrace(text)).toEqual(trace);
      }),
      { numRuns: 150 },
    );
  });

  it('reads what Jaeger writes: short trace ids, int64 strings, no flags, null lists', () => {
    const jaeger = {
      traceID: '8448eb211c80319c',
      spans: [
        {
          traceID: '8448eb211c80319c',
          spanID: 'B7AD6B7169203331',
          operationName: 'op',
          references: null,
          startTime: 5,
          duration: 0,
          tags: [{ key: 'big', type: 'int64', value: '-9223372036854775808' }],
          logs: null,
          processID: 'p1',
          warnings: null,
        },
      ],
      processes: { p1: { serviceName: 'svc', tags: null } },
      warnings: null,
    };
    expect(fromJaegerUiTrace(jaeger)).toEqual({
      traceId: TRACE_64,
      spans: [
        {
          traceId: TRACE_64,
          spanId: 'b7ad6b7169203331',
          operationName: 'op',
          references: [],
          flags: 0,
          startTime: 5,
          duration: 0,
          tags: [{ key: 'big', type: 'int64', value: -(2n ** 63n) }],
          logs: [],
          process: { serviceName: 'svc', tags: [] },
          warnings: [],
        },
      ],
    });
  });

  it('gives every span its own process object', () => {
    const shared = parseJaegerUiTrace(
      stringifyJaegerUiTrace(traceOf(sampleSpan(), sampleSpan({ spanId: '0000000000000002' }))),
    );
    expect(shared.spans[0]!.process).not.toBe(shared.spans[1]!.process);
    shared.spans[0]!.process.tags.push({ key: 'added', type: 'bool', value: true });
    expect(shared.spans[1]!.process.tags).toHaveLength(1);
  });

  function uiWith(mutate: (ui: JaegerUiTrace & Record<string, unknown>) => void): unknown {
    const ui = JSON.parse(stringifyJson(toJaegerUiTrace(traceOf(sampleSpan())))) as JaegerUiTrace & Record<string, unknown>;
    mutate(ui);
    return ui;
  }

  it.each<[string, (ui: JaegerUiTrace & Record<string, unknown>) => void, string]>([
    ['a non-object trace', (ui) => Object.assign(ui, { spans: 'nope' }), 'spans'],
    ['a bad span id', (ui) => Object.assign(ui.spans[0]!, { spanID: 'xyz' }), 'spans[0].spanID'],
    ['a zero trace id', (ui) => Object.assign(ui.spans[0]!, { traceID: '0' }), 'spans[0].traceID'],
    ['a bad reference', (ui) => Object.assign(ui.spans[0]!.references[0]!, { refType: 'PARENT' }), 'spans[0].references[0].refType'],
    ['a bad reference span id', (ui) => Object.assign(ui.spans[0]!.references[0]!, { spanID: 7 }), 'spans[0].references[0].spanID'],
    ['an unknown process', (ui) => Object.assign(ui.spans[0]!, { processID: 'toString' }), 'spans[0].processID'],
    ['a negative start', (ui) => Object.assign(ui.spans[0]!, { startTime: -1 }), 'spans[0].startTime'],
    ['a fractional duration', (ui) => Object.assign(ui.spans[0]!, { duration: 1.5 }), 'spans[0].duration'],
    ['a string flags', (ui) => Object.assign(ui.spans[0]!, { flags: '1' }), 'spans[0].flags'],
    ['an unknown tag type', (ui) => Object.assign(ui.spans[0]!.tags[0]!, { type: 'INT64' }), 'spans[0].tags[0].type'],
    ['an int64 out of range', (ui) => Object.assign(ui.spans[0]!.tags[0]!, { value: '9223372036854775808' }), 'spans[0].tags[0].value'],
    ['an unsafe int64 number', (ui) => Object.assign(ui.spans[0]!.tags[0]!, { value: 2 ** 60 }), 'spans[0].tags[0].value'],
    ['a bool as string', (ui) => Object.assign(ui.spans[0]!.tags[1]!, { value: 'false' }), 'spans[0].tags[1].value'],
    ['bad base64', (ui) => Object.assign(ui.spans[0]!.tags[1]!, { type: 'binary', value: 'ab$=' }), 'spans[0].tags[1].value'],
    ['a float as string', (ui) => Object.assign(ui.spans[0]!.tags[1]!, { type: 'float64', value: '1.5' }), 'spans[0].tags[1].value'],
    ['a bad log field', (ui) => Object.assign(ui.spans[0]!.logs[0]!.fields[0]!, { key: 1 }), 'spans[0].logs[0].fields[0].key'],
    ['a bad process tag', (ui) => Object.assign(ui.processes.p1!.tags[0]!, { value: null }), 'processes.p1.tags[0].value'],
    ['a bad warning', (ui) => Object.assign(ui.spans[0]!, { warnings: [1] }), 'spans[0].warnings[0]'],
  ])('rejects %s, naming the field', (_, mutate, field) => {
    const ui = uiWith(mutate);
    let error: unknown;
    try {
      fromJaegerUiTrace(ui);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).field).toBe(field);
    expect((error as ModelError).message.startsWith(`${field}: `)).toBe(true);
  });

  it('does not let __proto__ keys pollute prototypes or resolve processes', () => {
    const text =
      '{"traceID":"1","__proto__":{"polluted":1},"spans":[{"traceID":"1","spanID":"2","operationName":"o",' +
      '"startTime":1,"duration":1,"processID":"__proto__","tags":[{"key":"__proto__","type":"string","value":"v"}]}],' +
      '"processes":{"__proto__":{"serviceName":"evil","tags":[]}}}';
    const trace = parseJaegerUiTrace(text);
    expect(trace.spans[0]!.process.serviceName).toBe('evil');
    expect(trace.spans[0]!.tags[0]!.key).toBe('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(trace)).toBe(Object.prototype);
    const noProcess = text.replace('"processes":{"__proto__":{"serviceName":"evil","tags":[]}}', '"processes":{}');
    expect(() => parseJaegerUiTrace(noProcess)).toThrow(/spans\[0\]\.processID/);
  });

  it('turns huge or deep input into a clear error', () => {
    expect(() => parseJaegerUiTrace('['.repeat(50_000))).toThrow(JsonSyntaxError);
    expect(() => parseJaegerUiTrace('{"spans":[]}', { maxLength: 5 })).toThrow(/limit of 5/);
    expect(() => parseJaegerUiTrace('{"traceID":"","spans":[]}')).toThrow(/^traceID: /);
  });
});
