import { describe, expect, it } from '@jest/globals';
import { readCsv, writeCsv } from './csv.js';

describe("the sampling tables' CSV", () => {
  it('quotes what Go quotes and reads it back', () => {
    const records = [
      ['frontend', 'GET /', '42', '0.5,0.25'],
      ['svc "quoted"', 'line\nbreak', '0', ''],
      [' leading', 'plain', '1', '1'],
    ];
    const text = writeCsv(records);
    expect(text).toBe('frontend,GET /,42,"0.5,0.25"\n"svc ""quoted""","line\nbreak",0,\n" leading",plain,1,1\n');
    expect(readCsv(text)).toEqual(records);
  });

  it('reads CRLF records and a last record without a line end', () => {
    expect(readCsv('a,b\r\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(readCsv('')).toEqual([]);
  });
});
