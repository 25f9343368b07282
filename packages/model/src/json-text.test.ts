import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { JsonSyntaxError, ModelError } from './errors.js';
import { parseJson, stringifyJson } from './json-text.js';

describe('stringifyJson', () => {
  it('matches JSON.stringify for values without bigint', () => {
    const value = { a: [1, 'two', null, true], b: { c: 1.5 }, d: undefined, e: NaN, f: new Date(0) };
    expect(stringifyJson(value)).toBe(JSON.stringify(value));
  });

  it('writes bigint as exact number text, no quotes', () => {
    expect(stringifyJson({ v: 2n ** 63n - 1n, w: [-(2n ** 63n)], x: 1 })).toBe(
      '{"v":9223372036854775807,"w":[-9223372036854775808],"x":1}',
    );
  });

  it('keeps JSON.stringify semantics on the bigint path', () => {
    const value = { big: 1n, skip: undefined, fn: () => 1, arr: [undefined, () => 1, 2], inf: Infinity, date: new Date(0) };
    expect(stringifyJson(value)).toBe(
      '{"big":1,"arr":[null,null,2],"inf":null,"date":"1970-01-01T00:00:00.000Z"}',
    );
    expect(stringifyJson({ a: undefined, b: 1n })).toBe('{"b":1}');
    expect(stringifyJson({ '"quoted"\n': 1n })).toBe('{"\\"quoted\\"\\n":1}');
  });

  it('reports circular structures instead of overflowing the stack', () => {
    const loop: Record<string, unknown> = { n: 1n };
    loop.self = loop;
    expect(() => stringifyJson(loop)).toThrow(ModelError);
    expect(() => stringifyJson(loop)).toThrow(/circular/);
  });

  it('refuses values without a JSON form', () => {
    expect(() => stringifyJson(undefined)).toThrow(ModelError);
  });
});

describe('parseJson', () => {
  it('parses like JSON.parse', () => {
    const text = ' {"a":[1,-2.5e3,"x\\u00e9\\n",true,false,null],"b":{},"c":[],"d":-0} ';
    expect(parseJson(text)).toEqual(JSON.parse(text));
    expect(Object.is((parseJson('-0') as number), -0)).toBe(true);
  });

  it('reads integers beyond 2^53 exactly as bigint, and safe ones as numbers', () => {
    expect(parseJson('[9223372036854775807,-9223372036854775808,9007199254740993]')).toEqual([
      9223372036854775807n,
      -9223372036854775808n,
      9007199254740993n,
    ]);
    expect(parseJson('[9007199254740991,-9007199254740991,1234567890123456]')).toEqual([
      9007199254740991,
      -9007199254740991,
      1234567890123456,
    ]);
    expect(parseJson('1e30')).toBe(1e30);
    expect(parseJson('12345678901234567890.5')).toBe(12345678901234567890.5);
  });

  it('round-trips with stringifyJson (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (json, big) => {
        const back = parseJson(stringifyJson({ json, big })) as { json: unknown; big: unknown };
        const safe = big >= -9007199254740991n && big <= 9007199254740991n;
        expect(back.big).toEqual(safe ? Number(big) : big);
        // Integral doubles beyond 2^53 written without exponent come back as bigint of the same digits.
        expect(stringifyJson(back.json)).toBe(JSON.stringify(json));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps __proto__ an own property, never a prototype', () => {
    const parsed = parseJson('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
    expect((parsed as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.keys(parsed)).toEqual(['__proto__', 'constructor']);
  });

  it('refuses deep nesting with a clear error, without a stack overflow', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(() => parseJson(deep)).toThrow(JsonSyntaxError);
    expect(() => parseJson(deep)).toThrow(/nesting deeper than 64 levels at position 64/);
    expect(parseJson('[[[1]]]', { maxDepth: 3 })).toEqual([[[1]]]);
    expect(() => parseJson('[[[{}]]]', { maxDepth: 3 })).toThrow(/deeper than 3/);
  });

  it('refuses input over the length limit before parsing it', () => {
    expect(() => parseJson(`"${'x'.repeat(100)}"`, { maxLength: 50 })).toThrow(/longer than the limit of 50/);
    expect(() => parseJson(new Uint8Array(200), { maxLength: 50 })).toThrow(JsonSyntaxError);
  });

  it('reads UTF-8 bytes and refuses invalid UTF-8', () => {
    expect(parseJson(Buffer.from('{"k":"é"}'))).toEqual({ k: 'é' });
    expect(() => parseJson(new Uint8Array([0x22, 0xff, 0x22]))).toThrow(/UTF-8/);
  });

  it.each([
    ['', /end of input/],
    ['{', /expected a string key/],
    ['{"a" 1}', /expected ':'/],
    ['{"a":1,}', /expected a string key/],
    ['[1,]', /unexpected character/],
    ['[1 2]', /expected ',' or '\]'/],
    ['01', /after the JSON value/],
    ['-', /invalid number/],
    ['1.', /invalid number/],
    ['1e', /invalid number/],
    ['"abc', /unterminated string/],
    ['"a\u0001b"', /control character/],
    ['"\\x"', /invalid escape/],
    ['tru', /unexpected character/],
    ['NaN', /unexpected character/],
    ['{} {}', /after the JSON value/],
  ])('rejects %p', (text, message) => {
    expect(() => parseJson(text)).toThrow(JsonSyntaxError);
    expect(() => parseJson(text)).toThrow(message);
  });
});
