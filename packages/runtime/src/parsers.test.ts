import { describe, expect, it } from '@jest/globals';
import { parseBoolean, parseDurationMs, parseEnum, parseHostPort, parseInteger, parseList } from './parsers.js';

describe('parseHostPort', () => {
  it.each([
    [':14269', { host: '0.0.0.0', port: 14269 }],
    ['127.0.0.1:0', { host: '127.0.0.1', port: 0 }],
    ['collector.local:4317', { host: 'collector.local', port: 4317 }],
    ['[::1]:16686', { host: '::1', port: 16686 }],
  ])('%s', (raw, expected) => expect(parseHostPort(raw)).toEqual(expected));

  it.each(['14269', 'host:', 'host:65536', ':-1', 'a:b', ''])('rejects %j with an example of the form', (raw) => {
    expect(() => parseHostPort(raw)).toThrow(/is not host:port \(e\.g\. ":14269"/);
  });
});

describe('parseDurationMs (Go duration syntax)', () => {
  it.each([
    ['100ms', 100],
    ['1.5s', 1500],
    ['1h30m', 5_400_000],
    ['250us', 0.25],
    ['0', 0],
    ['.5s', 500],
  ])('%s → %d ms', (raw, ms) => expect(parseDurationMs(raw)).toBeCloseTo(ms, 9));

  it.each(['', '10', '1x', 's', '1s junk', '-1s'])('rejects %j', (raw) => {
    expect(() => parseDurationMs(raw)).toThrow(/is not a duration/);
  });
});

describe('small parsers', () => {
  it('parses integers within bounds only', () => {
    const parse = parseInteger(1, 10);
    expect(parse(' 7 ')).toBe(7);
    expect(() => parse('11')).toThrow('"11" is not a whole number from 1 to 10');
    expect(() => parse('2.5')).toThrow(/whole number/);
    expect(() => parse('abc')).toThrow(/whole number/);
  });

  it('parses booleans and refuses anything else', () => {
    expect(parseBoolean('TRUE')).toBe(true);
    expect(parseBoolean('0')).toBe(false);
    expect(() => parseBoolean('maybe')).toThrow('"maybe" is not a boolean');
  });

  it('parses enums and lists', () => {
    expect(parseEnum(['kafka', 'memory'] as const)('kafka')).toBe('kafka');
    expect(() => parseEnum(['kafka', 'memory'] as const)('mysql')).toThrow('"mysql" is not one of kafka, memory');
    expect(parseList(' a, b,,c ')).toEqual(['a', 'b', 'c']);
  });
});
