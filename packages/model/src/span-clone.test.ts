import { describe, expect, it } from '@jest/globals';
import type { Process, Span } from './span.js';
import { cloneSpan } from './span-clone.js';

const newProcess = (): Process => ({ serviceName: 'svc', tags: [{ key: 'host', type: 'string', value: 'a' }] });
const span = (spanId: string, process = newProcess()): Span => ({
  traceId: '0000000000000000000000000000000a',
  spanId,
  operationName: 'op',
  references: [{ refType: 'CHILD_OF', traceId: '0000000000000000000000000000000a', spanId: '00000000000000ff' }],
  flags: 1,
  startTime: 1_700_000_000_000_000,
  duration: 5,
  tags: [
    { key: 's', type: 'string', value: 'v' },
    { key: 'i', type: 'int64', value: 2n ** 60n },
    { key: 'b', type: 'binary', value: new Uint8Array([1, 2]) },
  ],
  logs: [{ timestamp: 1_700_000_000_000_001, fields: [{ key: 'event', type: 'string', value: 'x' }] }],
  process,
  warnings: ['w'],
});

describe('cloneSpan', () => {
  it('copies every mutable part: changing the original leaves the copy as it was', () => {
    const original = span('0000000000000001');
    const copy = cloneSpan(original);
    expect(copy).toEqual(span('0000000000000001'));
    original.tags[0]!.value = 'changed';
    (original.tags[2]!.value as Uint8Array)[0] = 9;
    original.tags.push({ key: 'new', type: 'bool', value: true });
    original.references[0]!.refType = 'FOLLOWS_FROM';
    original.logs[0]!.fields.length = 0;
    original.process.tags[0]!.value = 'changed';
    original.warnings.push('more');
    expect(copy).toEqual(span('0000000000000001'));
  });

  it('gives spans that shared a process one copy of it when asked, separate copies otherwise', () => {
    const process = newProcess();
    const [a, b] = [span('0000000000000001', process), span('0000000000000002', process)];
    const shared = new Map<Process, Process>();
    const [ca, cb] = [cloneSpan(a, shared), cloneSpan(b, shared)];
    expect(ca.process).toBe(cb.process);
    expect(ca.process).not.toBe(process);
    expect(cloneSpan(a).process).not.toBe(cloneSpan(b).process);
  });
});
