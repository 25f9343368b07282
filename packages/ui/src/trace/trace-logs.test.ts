import { describe, expect, it } from '@jest/globals';
import type { TraceLogLine } from '../api/types';
import { linesBySpan, severityOf } from './trace-logs';

const line = (id: string, spanID?: string): TraceLogLine => ({ timestamp: Number(id), ...(spanID ? { spanID } : {}), message: id, fields: {}, index: 'i', id });

describe('trace log lines', () => {
  it('groups lines by their span, keeping their order and leaving out lines without one', () => {
    const grouped = linesBySpan([line('1', 'a'), line('2'), line('3', 'b'), line('4', 'a')]);
    expect([...grouped.entries()].map(([span, lines]) => [span, lines.map((l) => l.id)])).toEqual([['a', ['1', '4']], ['b', ['3']]]);
  });

  it('reads levels as loggers spell them', () => {
    expect(['ERROR', 'err', 'fatal', 'Warning', 'WARN', 'info', 'Information', 'notice', 'debug', 'TRACE', 'custom', undefined].map(severityOf)).toEqual([
      'error', 'error', 'error', 'warn', 'warn', 'info', 'info', 'info', 'debug', 'debug', 'other', 'other',
    ]);
  });
});
