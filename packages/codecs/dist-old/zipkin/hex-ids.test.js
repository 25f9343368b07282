import { describe, expect, it } from '@jest/globals';
import { parseZipkinSpanId, parseZipkinTraceId } from './hex-ids.js';
describe('Zipkin hex ids', () => {
    it('split trace ids into halves, keeping zero ids for the translation to reject', () => {
        expect(parseZipkinTraceId('ABCD')).toEqual({ high: '0000000000000000', low: '000000000000abcd' });
        expect(parseZipkinTraceId('1' + '0'.repeat(16))).toEqual({ high: '0000000000000001', low: '0000000000000000' });
        expect(parseZipkinTraceId('000')).toEqual({ high: '0000000000000000', low: '0000000000000000' });
        expect(parseZipkinTraceId('')).toBeUndefined();
        expect(parseZipkinTraceId('x1')).toBeUndefined();
        expect(parseZipkinTraceId('1'.repeat(33))).toBeUndefined();
    });
    it('cut 17–32 digit span ids to the last 16 and refuse the rest', () => {
        expect(parseZipkinSpanId('00000000000000010000000000000002')).toBe('0000000000000002');
        expect(parseZipkinSpanId('Ff')).toBe('00000000000000ff');
        expect(parseZipkinSpanId('0')).toBe('0000000000000000');
        expect(parseZipkinSpanId('1'.repeat(33))).toBeUndefined();
        expect(parseZipkinSpanId('-1')).toBeUndefined();
    });
});
//# sourceMappingURL=hex-ids.test.js.map