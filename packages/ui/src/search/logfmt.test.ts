import { describe, expect, it } from '@jest/globals';
import { formatLogfmt, parseLogfmt } from './logfmt';

describe('parseLogfmt', () => {
  it('reads key=value pairs separated by any whitespace', () => {
    expect(parseLogfmt('  error=true   http.status_code=500\tx=')).toEqual([
      ['error', 'true'],
      ['http.status_code', '500'],
      ['x', ''],
    ]);
    expect(parseLogfmt('')).toEqual([]);
  });

  it('reads quoted values with spaces, equals signs and escapes', () => {
    expect(parseLogfmt('message="connection refused: a=b" path="C:\\\\x \\"q\\""')).toEqual([
      ['message', 'connection refused: a=b'],
      ['path', 'C:\\x "q"'],
    ]);
  });

  it('says what is wrong and where', () => {
    expect(() => parseLogfmt('error')).toThrow('tag "error" has no value: write error=value');
    expect(() => parseLogfmt('=x')).toThrow('a tag is missing its key at character 1');
    expect(() => parseLogfmt('a="open')).toThrow('the quoted value of "a" is not closed');
    expect(() => parseLogfmt('a="x"b=1')).toThrow('put a space after the quoted value of "a"');
    expect(() => parseLogfmt('a=x"y')).toThrow('stray quote');
  });

  it('round-trips through formatLogfmt', () => {
    const pairs: Array<[string, string]> = [
      ['a', 'plain'],
      ['b', 'with space'],
      ['c', 'quote " and \\ slash'],
      ['d', ''],
    ];
    expect(parseLogfmt(formatLogfmt(pairs))).toEqual(pairs);
  });
});
